package org.netstudio.app.window.tryit;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.app.run.TextClassifier;
import org.netstudio.app.run.TryableInput;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.run.TextGenerator;

/**
 * Try It for a net that reads text: for a next-character net, a prompt it continues (as {@code
 * netstudio generate} does, with the same length, temperature and seed, the characters appearing
 * as they are sampled); for a text classifier, a text and its most probable classes as bars.
 */
final class TextTryView extends BorderPane {

    /** A start most English texts can go on from. */
    static final String PROMPT = "The ";
    private static final int CLASSES = 5;

    private final TryItJobs jobs;
    private final LoadedNets<TextGenerator> generators = new LoadedNets<>();
    private final LoadedNets<TextClassifier> classifiers = new LoadedNets<>();
    private final TextArea input = new TextArea(PROMPT);
    private final TextField length = new TextField(Integer.toString(TextGenerator.DEFAULT_LENGTH));
    private final TextField temperature = new TextField(Double.toString(TextGenerator.DEFAULT_TEMPERATURE));
    private final TextField seed = new TextField("0");
    private final HBox generationOptions;
    private final Button run = new Button();
    private final Label inputHeading = new Label();
    private final Label outputHeading = new Label();
    private final TextArea generated = new TextArea();
    private final ClassBars bars = new ClassBars();
    private final TextHighlights highlights = new TextHighlights();
    private final VBox outputColumn;
    private final Label note = new Label();
    private final ErrorLine error = new ErrorLine("tryItTextError");
    private TrySubject subject;
    private boolean generates;
    private long serial;
    /** Tells a running generation that its text is no longer wanted (another run, another net). */
    private AtomicBoolean cancelled = new AtomicBoolean();

    TextTryView(TryItJobs jobs) {
        this.jobs = jobs;
        getStyleClass().add("ns-tryit-text");
        input.setId("tryItText");
        input.setWrapText(true);
        input.setPrefRowCount(4);
        length.setId("tryItLength");
        length.setPrefColumnCount(5);
        temperature.setId("tryItTemperature");
        temperature.setPrefColumnCount(4);
        seed.setId("tryItSeed");
        seed.setPrefColumnCount(5);
        generationOptions = new HBox(8, fixed(new Label("Characters")), length, fixed(new Label("Temperature")),
                temperature, fixed(new Label("Seed")), seed);
        generationOptions.setAlignment(Pos.CENTER_LEFT);
        generationOptions.managedProperty().bind(generationOptions.visibleProperty());
        run.setId("tryItRunText");
        run.getStyleClass().add("ns-primary");
        run.setDefaultButton(true);
        run.setMinWidth(Region.USE_PREF_SIZE);
        run.setOnAction(e -> runNow());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, spacer, run);
        actions.setAlignment(Pos.CENTER_LEFT);
        inputHeading.getStyleClass().add("ns-tryit-heading");
        VBox left = new VBox(10, inputHeading, input, generationOptions, actions);
        left.getStyleClass().add("ns-tryit-column");
        left.setPrefWidth(440);
        left.setMinWidth(280);
        HBox.setHgrow(left, Priority.ALWAYS);

        outputHeading.getStyleClass().add("ns-tryit-heading");
        generated.setId("tryItGenerated");
        generated.setEditable(false);
        generated.setWrapText(true);
        // Generated text keeps the layout of what the net learnt from (indented lines, columns).
        generated.getStyleClass().add("ns-tryit-generated");
        VBox.setVgrow(generated, Priority.ALWAYS);
        generated.managedProperty().bind(generated.visibleProperty());
        ScrollPane barsScroll = new ScrollPane(bars);
        barsScroll.setFitToWidth(true);
        barsScroll.getStyleClass().add("ns-tryit-scroll");
        barsScroll.managedProperty().bind(barsScroll.visibleProperty());
        barsScroll.visibleProperty().bind(generated.visibleProperty().not());
        note.setId("tryItTextNote");
        outputColumn = new VBox(10, outputHeading, generated, barsScroll, TryItLabels.wrapped(note, "ns-tryit-muted"),
                highlights);
        outputColumn.getStyleClass().add("ns-tryit-column");
        outputColumn.setPrefWidth(440);
        HBox.setHgrow(outputColumn, Priority.ALWAYS);
        setCenter(new HBox(24, left, outputColumn));

        setBottom(error);
    }

    private static Label fixed(Label label) {
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** The net in front changed: what was shown was another net's, so it is cleared; the text stays. */
    void show(TrySubject s, TryableInput.Text kind) {
        if (subject == null || s.net() != subject.net() || s.weights() != subject.weights()
                || kind.generates() != generates) {
            serial++;
            cancelled.set(true);
            generated.clear();
            bars.show(List.of());
            highlights.show(null, "");
            note.setText("");
            error.setVisible(false);
        }
        subject = s;
        generates = kind.generates();
        generationOptions.setVisible(generates);
        generated.setVisible(generates);
        inputHeading.setText(generates ? "Prompt" : "Text");
        outputHeading.setText(generates ? "Continued by the net" : "Classes");
        run.setText(generates ? "Generate" : "Classify");
        input.setPromptText(generates ? "The start of a text, in the characters the net knows" : "A text to classify");
    }

    /** Generates or classifies with the net in front. */
    void runNow() {
        TrySubject s = subject;
        if (s == null) {
            return;
        }
        String text = input.getText();
        if (text.isEmpty()) {
            showError(generates ? "Write the start of a text for the net to continue." : "Write a text to classify.");
            return;
        }
        error.setVisible(false);
        long mine = ++serial;
        cancelled.set(true);
        if (generates) {
            generate(s, text, mine);
        } else {
            jobs.submitLatest(() -> {
                TextClassifier c = classifiers.get(s.net(), s.weights(), () -> TextClassifier.load(s.net(), s.weights(), s.folder()));
                List<ClassProbability> top = c.classify(text, CLASSES);
                return new Classified(top, c.explain(text, top.get(0).index()).orElse(null));
            }, () -> mine == serial, classified -> {
                showClasses(classified.top());
                highlights.show(classified.where(), classified.top().get(0).label());
            }, this::showError);
        }
    }

    private void generate(TrySubject s, String prompt, long mine) {
        int n;
        double t;
        long sampling;
        try {
            n = Integer.parseInt(length.getText().strip());
            t = Double.parseDouble(temperature.getText().strip());
            sampling = Long.parseLong(seed.getText().strip());
            if (n < 1 || n > 100_000 || !(t >= 0) || Double.isInfinite(t)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            showError("Give from 1 to 100,000 characters, a temperature of 0 or more, and a whole-number seed.");
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        generated.setText(prompt);
        note.setText("");
        StringBuilder fresh = new StringBuilder();
        jobs.submit(() -> {
            TextGenerator generator = generators.get(s.net(), s.weights(), () -> TextGenerator.load(s.net(),
                    s.weights()));
            String added = generator.generate(prompt, n, t, sampling, c -> {
                if (stop.get()) {
                    throw new GenerationCancelled();
                }
                // Characters reach the view in small groups, not one UI update each.
                synchronized (fresh) {
                    boolean first = fresh.length() == 0;
                    fresh.append(c);
                    if (first) {
                        Platform.runLater(() -> flush(fresh, mine));
                    }
                }
            });
            return new Generated(added, generator.carriesState());
        }, result -> {
            if (mine == serial) {
                generated.setText(prompt + result.added());
                note.setText(String.format(Locale.ROOT, "%,d characters at temperature %s, seed %d; %s", n,
                        temperature.getText().strip(), sampling, result.stateful()
                                ? "each step fed one character and carried the recurrent state, as netstudio generate does."
                                : "the net reads the whole text again at each step (it looks at the whole sequence)."));
            }
        }, failure -> {
            if (mine == serial && !(failure instanceof GenerationCancelled)) {
                showError(Failures.sentence(failure));
            }
        });
    }

    private void flush(StringBuilder fresh, long mine) {
        String more;
        synchronized (fresh) {
            more = fresh.toString();
            fresh.setLength(0);
        }
        if (mine == serial && !more.isEmpty()) {
            generated.appendText(more);
        }
    }

    void setInput(String text) {
        input.setText(text);
    }

    /** The text generated last (prompt included), or empty. */
    String generatedText() {
        return generated.getText();
    }

    /** The classes shown for the last text, most probable first. */
    List<String> shownClasses() {
        return bars.labels();
    }

    void release() {
        cancelled.set(true);
        jobs.later(() -> {
            generators.clear();
            classifiers.clear();
        });
    }

    private void showClasses(List<ClassProbability> classes) {
        bars.show(classes);
        note.setText("The " + classes.size() + " most probable of the net's classes.");
    }

    private void showError(String sentence) {
        error.say(sentence);
    }

    /** A text's most probable classes, and where in it the net found the first. */
    private record Classified(List<ClassProbability> top, org.netstudio.app.run.TextAttribution where) {
    }

    /** The text highlights shown, for tests. */
    org.netstudio.app.run.TextAttribution shownHighlights() {
        return highlights.shown();
    }

    /** The characters a generation added, and whether each step carried the recurrent state. */
    private record Generated(String added, boolean stateful) {
    }

    /** Ends a generation nobody waits for any more. */
    private static final class GenerationCancelled extends RuntimeException {
        GenerationCancelled() {
            super("cancelled", null, false, false);
        }
    }
}
