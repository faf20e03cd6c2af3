package org.netstudio.engine.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.netstudio.netgraph.fuzz.FuzzInput;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.Mutations;

/**
 * Fuzzes the CSV reader: generated tables (numbers, words, quotes, blanks, NaN and missing
 * values, a byte-order mark, every line ending, now and then a cell of a few megabytes) with the
 * target column named {@code y}, some of them mutated byte by byte. Reading is
 * {@link CsvDatasets#read} with the target read as classes, as numbers, then as it comes (which
 * decides whether the input counts as accepted). Refusal: a {@link DatasetFormatException}.
 */
public final class CsvFuzz implements FuzzTarget {

    private static final String[] CELLS = {"1", "-2.5", "3e7", "1e999", "0x10", "NaN", "NA", "", " ", "inf", "cat",
            "\"quoted, cell\"", "\"a \"\"b\"\"\"", "\"open", "é", "\u0000", "1d", "--1", ".", "9".repeat(400)};

    @Override
    public String name() {
        return "CSV";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        int columns = 1 + r.nextInt(5);
        int target = r.nextInt(columns);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add(c == target ? "y" : r.nextInt(10) == 0 ? CELLS[r.nextInt(CELLS.length)] : "x" + c);
        }
        String eol = switch (r.nextInt(3)) {
            case 0 -> "\n";
            case 1 -> "\r\n";
            default -> "\r";
        };
        StringBuilder sb = new StringBuilder(r.nextInt(10) == 0 ? "\uFEFF" : "");
        sb.append(String.join(",", header)).append(eol);
        int rows = r.nextInt(40);
        boolean realTarget = r.nextBoolean();
        // Half the tables are clean; the others have defects here and there.
        int defects = r.nextBoolean() ? 0 : 1 + r.nextInt(10);
        for (int row = 0; row < rows; row++) {
            int width = defects > 0 && r.nextInt(rows) < defects && r.nextBoolean() ? r.nextInt(columns + 2) : columns;
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                if (defects > 0 && r.nextInt(rows * columns) < defects) {
                    sb.append(CELLS[r.nextInt(CELLS.length)]);
                } else if (c == target && !realTarget) {
                    sb.append(r.nextBoolean() ? "cat" : "dog");
                } else {
                    sb.append(r.nextInt(1000) / 8.0);
                }
            }
            sb.append(defects > 0 && r.nextInt(20) == 0 ? "" : eol);
        }
        if (r.nextInt(50) == 0) {
            sb.append("7".repeat((1 + r.nextInt(3)) << 20)).append(",1").append(eol);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        String made = "generated";
        if (defects > 0 && r.nextInt(3) == 0) {
            bytes = Mutations.mutate(bytes, r);
            made = "generated, bytes mutated";
        }
        return new FuzzInput(Files.write(dir.resolve("table.csv"), bytes), made);
    }

    @Override
    public Object read(Path input) throws Exception {
        for (CsvDatasets.TargetKind kind : List.of(CsvDatasets.TargetKind.CLASS, CsvDatasets.TargetKind.REAL)) {
            try {
                CsvDatasets.read(input, "y", kind);
            } catch (DatasetFormatException e) {
                if (!FuzzTarget.isSentence(e.getMessage())) {
                    throw e;
                }
            }
        }
        CsvDatasets.read(input, "y");
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof DatasetFormatException && FuzzTarget.isSentence(t.getMessage());
    }
}
