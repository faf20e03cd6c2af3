package org.netstudio.trainer.runs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.netstudio.engine.runs.RunRecord;

/**
 * What differs between runs, side by side: the net (by its hash; "nets differ"), the data, the
 * device, and each training option whose value is not the same in all of them.
 */
public final class RunDifferences {

    /**
     * One difference.
     *
     * @param name what differs: "net", "data", "device" or an option's name
     * @param values its value in each run, in the runs' order
     */
    public record Row(String name, List<String> values) {
        /** Copies the values. */
        public Row {
            values = List.copyOf(values);
        }
    }

    private RunDifferences() {
    }

    /**
     * The rows in which the runs differ; none for fewer than two runs.
     *
     * @param runs the runs compared
     * @return the differences, the net first, then data and device, then options in their order
     */
    public static List<Row> of(List<RunRecord> runs) {
        List<Row> rows = new ArrayList<>();
        if (runs.size() < 2) {
            return rows;
        }
        add(rows, runs, "net", r -> r.netName() + " (" + r.netHash().substring(0, Math.min(8, r.netHash().length())) + ")",
                r -> r.netHash());
        add(rows, runs, "data", RunRecord::data, RunRecord::data);
        add(rows, runs, "device", RunRecord::device, RunRecord::device);
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.options().keySet()));
        for (String name : names) {
            Function<RunRecord, String> value = r -> r.options().getOrDefault(name, "—");
            add(rows, runs, name, value, value);
        }
        return rows;
    }

    /** Whether the runs trained different nets. */
    public static boolean netsDiffer(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::netHash).distinct().count() > 1;
    }

    private static void add(List<Row> rows, List<RunRecord> runs, String name, Function<RunRecord, String> shown,
            Function<RunRecord, String> compared) {
        if (runs.stream().map(compared).distinct().count() > 1) {
            rows.add(new Row(name, runs.stream().map(shown).toList()));
        }
    }
}
