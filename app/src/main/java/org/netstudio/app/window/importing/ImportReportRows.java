package org.netstudio.app.window.importing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.netstudio.netgraph.io.onnx.ImportReport;

/** The import report as people read it: rows worth looking at first, operator tallies. Stateless. */
final class ImportReportRows {

    private ImportReportRows() {
    }

    /** "Shape ×12, Gather ×8, Erf": opaque operator types by count, commonest first, at most {@code max} named. */
    static String opaqueOperators(ImportReport report, int max) {
        Map<String, Long> counts = report.opaque().stream()
                .collect(Collectors.groupingBy(ImportReport.Entry::opType, LinkedHashMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        String named = sorted.stream().limit(max)
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        int rest = sorted.size() - max;
        return rest > 0 ? named + " and " + rest + (rest == 1 ? " other operator" : " other operators") : named;
    }

    /** How an outcome reads in the table's Became column. */
    static String outcome(ImportReport.Outcome o) {
        return switch (o) {
            case MAPPED -> "Layer";
            case OPAQUE -> "Opaque";
            case FOLDED -> "Folded";
            case DROPPED -> "Dropped";
        };
    }
}
