package org.netstudio.engine.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import org.netstudio.netgraph.text.Shown;

/**
 * Reads a CSV file line by line, as {@link java.io.BufferedReader#readLine} does (lines end at
 * {@code \n}, {@code \r\n} or {@code \r}), but refuses a line longer than {@link #MAX_LINE_CHARS}
 * before holding it: a file of one enormous cell is reported in a sentence, not loaded whole into
 * memory. Not thread-safe.
 */
final class CsvLineReader {

    /** The longest line read. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader in;
    private final Path file;
    private final char[] buf = new char[1 << 14];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private int lineNumber;

    CsvLineReader(Reader in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** The next line without its ending, or null at the end of the file. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > MAX_LINE_CHARS) {
                line.append(buf, start, Math.min(pos - start, Shown.MAX));
                String begins = line.substring(0, Shown.MAX - 1);
                throw new DatasetFormatException(file, "line " + (lineNumber + 1) + " is longer than " + MAX_LINE_CHARS
                        + " characters, more than a CSV row NetStudio reads (it starts '" + begins + "…')");
            }
            line.append(buf, start, pos - start);
            if (pos < end) {
                char ending = buf[pos++];
                if (ending == '\r') {
                    if (pos == end) {
                        end = in.read(buf, 0, buf.length);
                        pos = 0;
                        end = Math.max(end, 0);
                    }
                    if (pos < end && buf[pos] == '\n') {
                        pos++;
                    }
                }
                lineNumber++;
                return line.toString();
            }
        }
    }

    /** The number of the line last returned, from 1. */
    int lineNumber() {
        return lineNumber;
    }
}
