package org.netstudio.engine.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The CSV files of a run: plain numbers, one header line, "." decimals, empty cells for absent
 * values. Reading skips what a crash may leave: a trailing line without its newline, or a line
 * with too few cells or a cell that is not a number.
 */
final class RunCsv {

    /** The columns of {@code batches.csv}. */
    static final String BATCH_HEADER = "epoch,batch,step,loss,accuracy,learningRate,examples";

    private RunCsv() {
    }

    static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    static String line(EpochRow r) {
        return r.epoch() + "," + number(r.trainLoss()) + "," + number(r.trainAccuracy()) + ","
                + number(r.validationLoss()) + "," + number(r.validationAccuracy()) + "," + number(r.learningRate())
                + "," + number(r.seconds()) + "," + r.improved() + "\n";
    }

    /** The epoch rows of a file, complete lines only; an empty list when the file is absent. */
    static List<EpochRow> readEpochs(Path file) throws IOException {
        List<EpochRow> rows = new ArrayList<>();
        for (String[] cells : completeLines(file, 8)) {
            try {
                rows.add(new EpochRow(Integer.parseInt(cells[0]), parse(cells[1]), parse(cells[2]), parse(cells[3]),
                        parse(cells[4]), parse(cells[5]), parse(cells[6]), Boolean.parseBoolean(cells[7])));
            } catch (NumberFormatException e) {
                // A damaged line: skipped, the others still count.
            }
        }
        return rows;
    }

    /** Each batch as {epoch, batch, step, loss, accuracy, learning rate, examples}; NaN for absent cells. */
    static List<double[]> readBatches(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String[] cells : completeLines(file, 7)) {
            try {
                double[] row = new double[7];
                for (int i = 0; i < 7; i++) {
                    row[i] = parse(cells[i]);
                }
                rows.add(row);
            } catch (NumberFormatException e) {
                // A damaged line: skipped.
            }
        }
        return rows;
    }

    /**
     * Keeps the header and the lines whose first cell (the epoch) passes, dropping a half-written
     * last line; used when a run resumes from a checkpoint before the epochs that follow it.
     */
    static void keepEpochs(Path file, IntPredicate keep) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) { // the last piece has no newline: incomplete or empty
            String line = lines[i];
            if (i == 0) {
                kept.append(line).append('\n');
                continue;
            }
            int comma = line.indexOf(',');
            try {
                if (comma > 0 && keep.test(Integer.parseInt(line.substring(0, comma)))) {
                    kept.append(line).append('\n');
                }
            } catch (NumberFormatException e) {
                // A damaged line: dropped.
            }
        }
        org.netstudio.netgraph.io.AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String[]> completeLines(Path file, int cells) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length - 1; i++) {
            String[] split = lines[i].split(",", -1);
            if (split.length == cells) {
                out.add(split);
            }
        }
        return out;
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell.strip().toLowerCase(Locale.ROOT));
    }
}
