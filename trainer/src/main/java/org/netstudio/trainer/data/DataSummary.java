package org.netstudio.trainer.data;

import java.util.Locale;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;

/** The one line the data pane says about loaded data: how many examples, of what, with which targets. */
public final class DataSummary {

    private DataSummary() {
    }

    /**
     * E.g. "1,200 examples · 2 features · 3 classes", or for sequences "2,000 examples · sequences
     * of tokens (12 distinct), 12 to 50 long · 10 classes".
     */
    public static String describe(LoadedData data) {
        if (data.dataset().isPresent()) {
            Dataset d = data.dataset().get();
            String targets = d.classNames().isEmpty() ? "real-valued targets" : d.classNames().size() + " classes";
            return String.format(Locale.ROOT, "%,d examples · %,d features · %s", d.size(), d.featureLength(), targets);
        }
        ExampleTable t = data.examples();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d examples", t.size()));
        data.fixedValidation().ifPresent(v -> line.append(String.format(Locale.ROOT,
                " (and %,d held back for validation from the end of the text)", v.size())));
        t.column(ExampleTable.FEATURES).ifPresent(c -> line.append(" · ").append(c.describe()).append(lengths(c)));
        if (!t.classNames().isEmpty()) {
            line.append(" · ").append(t.classNames().size()).append(" classes");
        }
        return line.toString();
    }

    private static String lengths(Column column) {
        if (!(column instanceof SequenceColumn s) || s.size() == 0) {
            return "";
        }
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < s.size(); i++) {
            shortest = Math.min(shortest, s.length(i));
        }
        return shortest == s.longest() ? String.format(Locale.ROOT, ", %d long", shortest)
                : String.format(Locale.ROOT, ", %d to %d long", shortest, s.longest());
    }
}
