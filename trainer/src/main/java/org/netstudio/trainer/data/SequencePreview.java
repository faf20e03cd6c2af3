package org.netstudio.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.encoding.TextEncoder;

/**
 * The first examples of a table of sequences as rows of text for the preview: a text read
 * through its encoder shows as the text (so a person sees what the net sees, unknown characters
 * included), other sequences as their indices, classes by name.
 */
final class SequencePreview {

    /** Longer cells are cut, so that one example does not fill the preview. */
    private static final int CELL = 120;

    private SequencePreview() {
    }

    static CsvTable of(LoadedData data, int rows) {
        TextEncoder encoder = data.text().map(TextDatasets.TextData::encoder).orElse(null);
        List<String> names = new ArrayList<>(data.examples().columns().keySet());
        List<List<String>> cells = new ArrayList<>();
        int count = Math.min(rows, data.examples().size());
        for (int i = 0; i < count; i++) {
            List<String> row = new ArrayList<>();
            for (String name : names) {
                row.add(cut(cell(data.examples().column(name).orElseThrow(), i, encoder, data.examples().classNames())));
            }
            cells.add(row);
        }
        return new CsvTable(names, cells);
    }

    private static String cell(Column column, int example, TextEncoder encoder, List<String> classNames) {
        if (column instanceof SequenceColumn s && s.holdsIndices()) {
            int[] indices = s.indices(example);
            if (encoder != null && s.vocabulary() == encoder.size()) {
                return encoder.decode(indices);
            }
            StringBuilder b = new StringBuilder();
            for (int index : indices) {
                b.append(b.length() == 0 ? "" : " ").append(index);
            }
            return b.toString();
        }
        if (column instanceof SequenceColumn s) {
            return String.format(Locale.ROOT, "%d vectors", s.length(example));
        }
        if (column instanceof TargetColumn t && t.targets() instanceof Targets.Classes c) {
            int label = c.label(example);
            return label < c.classNames().size() ? c.classNames().get(label)
                    : label < classNames.size() ? classNames.get(label) : Integer.toString(label);
        }
        if (column instanceof FeatureColumn f) {
            float[] values = f.data().features(example);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(values.length, 12); i++) {
                b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3g", values[i]));
            }
            return b.append(values.length > 12 ? " …" : "").toString();
        }
        return column.describe();
    }

    private static String cut(String text) {
        String oneLine = text.replace('\n', '⏎');
        return oneLine.length() <= CELL ? oneLine : oneLine.substring(0, CELL) + "…";
    }
}
