package org.netstudio.engine.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Texts with a class label each, as read from a file or folder and before any encoding: the rows
 * of a text CSV, or the {@code .txt} files of a folder with one sub-folder per class. Immutable.
 *
 * @param name    a short name for messages, e.g. "words.csv"
 * @param texts   one text per example
 * @param labels  the class label of each example
 * @param sources where each example comes from, for messages: "words.csv, line 12" or a file's path
 */
public record LabelledTexts(String name, List<String> texts, List<String> labels, List<String> sources) {

    public LabelledTexts {
        Objects.requireNonNull(name, "name");
        texts = List.copyOf(texts);
        labels = List.copyOf(labels);
        sources = List.copyOf(sources);
        if (labels.size() != texts.size() || sources.size() != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts, " + labels.size() + " labels and "
                    + sources.size() + " sources");
        }
    }

    /** The number of examples. */
    public int size() {
        return texts.size();
    }

    /**
     * The distinct labels, sorted (numerically when all are numbers), as the classes of a net
     * trained on these texts are ordered when its decoder does not say.
     */
    public List<String> classNames() {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(labels));
        boolean numbers = names.stream().allMatch(LabelledTexts::isNumber);
        names.sort(numbers ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return names;
    }

    /** The texts of some examples, in the order given. */
    public List<String> texts(int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(texts.get(r));
        }
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
