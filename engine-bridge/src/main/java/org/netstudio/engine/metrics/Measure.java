package org.netstudio.engine.metrics;

import java.util.Locale;

/**
 * A number that says how well a net does, beyond its loss: what training records each epoch, the
 * trainer panel plots, and {@code eval} and {@code train} print. Classification measures are of
 * the net's first class output, regression measures of its first real-valued output.
 */
public enum Measure {
    /** The share of examples whose most probable class is the right one. */
    ACCURACY("accuracy", "Accuracy", true),
    /** The share whose right class is among the five most probable (measured when there are more than five classes). */
    TOP_5_ACCURACY("top5Accuracy", "Top-5 accuracy", true),
    /** The mean of the classes' F1 scores, each class counting the same ({@link ConfusionMatrix#macroF1()}). */
    MACRO_F1("macroF1", "Macro F1", false),
    /** The mean of the squared differences between prediction and target. */
    MEAN_SQUARED_ERROR("mse", "Mean squared error", false),
    /** The mean of the absolute differences between prediction and target. */
    MEAN_ABSOLUTE_ERROR("mae", "Mean absolute error", false),
    /** The coefficient of determination: 1 − (squared error ÷ the targets' variance about their mean). */
    R_SQUARED("r2", "R²", false);

    private final String id;
    private final String label;
    /** Whether the value is a share of examples, shown as a percentage. */
    private final boolean share;

    Measure(String id, String label, boolean share) {
        this.id = id;
        this.label = label;
        this.share = share;
    }

    /** The name in JSON output, CSV headers and command-line options, e.g. {@code macroF1}. */
    public String id() {
        return id;
    }

    /** The name people read, e.g. "Macro F1". */
    public String label() {
        return label;
    }

    /** The name inside a sentence or after another word: "macro F1", "top-5 accuracy"; a symbol such as "R²" stays. */
    public String inSentence() {
        return label.length() > 1 && Character.isLowerCase(label.charAt(1))
                ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }

    /** The value as people read it: "91.2%" for shares, else four significant decimals. */
    public String format(double value) {
        return share ? String.format(Locale.ROOT, "%.1f%%", 100 * value) : String.format(Locale.ROOT, "%.4f", value);
    }
}
