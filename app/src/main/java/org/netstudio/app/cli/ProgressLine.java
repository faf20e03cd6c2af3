package org.netstudio.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingListener;

/**
 * Shows training on the terminal: on a terminal one line redrawn in place (epoch, batch, loss,
 * accuracy, samples/s, ETA) at most ten times a second, and a kept line per epoch; elsewhere (a
 * pipe, a log file) only the per-epoch lines. Called on the training thread; prints only.
 */
final class ProgressLine implements TrainingListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final long trainingExamples;
    private final long startNanos;
    private long lastDraw;
    private int lastWidth;
    private double smoothedLoss = Double.NaN;
    private double smoothedAccuracy = Double.NaN;
    private final java.util.Set<String> warned = new java.util.HashSet<>();

    /**
     * @param out              where to print (the error stream, so that --json output stays clean)
     * @param terminal         whether to redraw one line with carriage returns
     * @param trainingExamples training examples per epoch (for the ETA)
     */
    ProgressLine(PrintWriter out, boolean terminal, long trainingExamples) {
        this.out = out;
        this.terminal = terminal;
        this.trainingExamples = trainingExamples;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onEvent(TrainingEvent event) {
        long now = System.nanoTime();
        if (event instanceof TrainingEvent.BatchEnded b) {
            // An exponential average reads steadily where single batches jump around.
            smoothedLoss = Double.isNaN(smoothedLoss) || b.batch() == 1 ? b.loss() : 0.9 * smoothedLoss + 0.1 * b.loss();
            if (b.accuracy().isPresent()) {
                double a = b.accuracy().getAsDouble();
                smoothedAccuracy = Double.isNaN(smoothedAccuracy) || b.batch() == 1 ? a : 0.9 * smoothedAccuracy + 0.1 * a;
            }
            if (terminal && (now - lastDraw >= REDRAW_NANOS || b.batch() == b.batchesPerEpoch())) {
                lastDraw = now;
                draw(batchText(b, now));
            }
        } else if (event instanceof TrainingEvent.EpochEnded e) {
            keep(epochText(e, now));
        } else if (event instanceof TrainingEvent.Health h) {
            // What the trainer panel's Layers tab notes, once per layer and note, as it first appears.
            for (org.netstudio.engine.train.NodeHealth n : h.nodes()) {
                String note = n.warning();
                if (!note.isEmpty() && warned.add(n.node() + " " + note)) {
                    warn(String.format(Locale.ROOT, "layer %s (%s): %s (epoch %d, batch %d)", n.node(), n.type(), note,
                            h.epoch(), h.batch()));
                }
            }
        }
    }

    private String batchText(TrainingEvent.BatchEnded b, long now) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? b.examplesTrained() / seconds : 0;
        long remaining = (long) b.maxEpochs() * trainingExamples - b.examplesTrained();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f", b.epoch(), b.maxEpochs(), b.batch(),
                b.batchesPerEpoch(), smoothedLoss));
        if (!Double.isNaN(smoothedAccuracy)) {
            sb.append(String.format(Locale.ROOT, "  accuracy %.1f%%", 100 * smoothedAccuracy));
        }
        if (rate > 0) {
            sb.append(String.format(Locale.ROOT, "  %,.0f samples/s", rate));
        }
        if (rate > 0 && remaining > 0) {
            sb.append("  ETA ").append(duration(remaining / rate));
        }
        return sb.toString();
    }

    private String epochText(TrainingEvent.EpochEnded e, long now) {
        EpochMetrics m = e.metrics();
        double seconds = (now - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d/%d  train %s", m.epoch(), e.maxEpochs(), metrics(m.training())));
        m.validation().ifPresent(v -> sb.append("  validation ").append(metrics(v)));
        sb.append(String.format(Locale.ROOT, "  %.1f s", m.seconds()));
        if (e.improved()) {
            sb.append("  (best so far)");
        }
        if (m.epoch() < e.maxEpochs() && seconds > 0) {
            sb.append("  ETA ").append(duration(seconds / m.epoch() * (e.maxEpochs() - m.epoch())));
        }
        return sb.toString();
    }

    private static String metrics(Metrics m) {
        String s = String.format(Locale.ROOT, "loss %.4f", m.loss());
        if (m.accuracy().isPresent()) {
            s += String.format(Locale.ROOT, " accuracy %.2f%%", 100 * m.accuracy().getAsDouble());
        }
        return s;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void draw(String text) {
        String pad = text.length() < lastWidth ? " ".repeat(lastWidth - text.length()) : "";
        out.print("\r" + text + pad);
        out.flush();
        lastWidth = text.length();
    }

    private void keep(String text) {
        if (terminal && lastWidth > 0) {
            draw(text);
            out.print("\n");
            lastWidth = 0;
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Prints a warning on a line of its own, between the progress lines. */
    void warn(String text) {
        keep("warning: " + text);
    }

    /** Ends a redrawn line, so that what follows starts on a line of its own. */
    void finish() {
        if (terminal && lastWidth > 0) {
            out.print("\n");
            out.flush();
            lastWidth = 0;
        }
    }
}
