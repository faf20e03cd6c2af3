package org.netstudio.app.help;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.netstudio.app.help.HelpSections.Section;

/**
 * Help's window: the bundled documents, one part at a time ({@link HelpSections}) rendered by
 * {@link MarkdownView}, with a button per document, the parts of the one shown beside it, Back, and
 * links that move between documents and their headings. It never goes online: a link outside the
 * documents is copied to the clipboard and said so. Styled as {@link HelpStyle} says. Use on the
 * JavaFX thread.
 */
public final class HelpWindow {

    private final Supplier<Window> owner;
    private final javafx.collections.ObservableList<String> themeSheets;
    private final Map<HelpDocument, List<Section>> documents = new EnumMap<>(HelpDocument.class);
    private final Map<Section, MarkdownView> views = new HashMap<>();
    private final Map<HelpDocument, ToggleButton> buttons = new EnumMap<>(HelpDocument.class);
    private final Deque<Place> back = new ArrayDeque<>();
    private final ListView<String> parts = new ListView<>();
    private final ScrollPane scroll = new ScrollPane();
    private final Label note = new Label();
    private final Button backButton = new Button("Back");
    private Stage stage;
    private HelpDocument current;
    private int part;
    /** Set while the list of parts is changed by the window itself rather than by a click. */
    private boolean choosing;

    /** Where the reader was: a document, a part of it and how far down. */
    private record Place(HelpDocument document, int part, double scroll) {
    }

    /**
     * @param owner       the main window
     * @param themeSheets the main window's stylesheets, followed as they change
     */
    public HelpWindow(Supplier<Window> owner, javafx.collections.ObservableList<String> themeSheets) {
        this.owner = owner;
        this.themeSheets = themeSheets;
    }

    /** Shows a document from its top, making the window the first time, and brings it to the front. */
    public void show(HelpDocument document) {
        show(document, null);
    }

    /** Shows a document at the heading with this anchor (its top when null or absent). */
    public void show(HelpDocument document, String anchor) {
        ensureStage();
        go(document, anchor);
        stage.show();
        stage.toFront();
    }

    /** The document shown, or null before the first. */
    public HelpDocument current() {
        return current;
    }

    /** The titles of the parts of the document shown, as the list beside it has them. */
    public List<String> partTitles() {
        return List.copyOf(parts.getItems());
    }

    /** The view of the part shown, or null before the first. */
    public MarkdownView view() {
        return current == null ? null : views.get(sections(current).get(part));
    }

    /** The window, once made (for tests). */
    public Stage stage() {
        return stage;
    }

    /**
     * Follows a link of a document: "#anchor" in the same one, "layers.md#linear" into another
     * bundled one; anything else is copied to the clipboard, as the window does not go online.
     */
    public void follow(String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        if (file.isEmpty() && current != null) {
            go(current, anchor);
            return;
        }
        var document = HelpDocument.byFile(file);
        if (document.isPresent()) {
            show(document.get(), anchor);
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(target);
        Clipboard.getSystemClipboard().setContent(content);
        note.setText((target.toLowerCase(Locale.ROOT).startsWith("http") ? "A web page" : "Not part of the help")
                + ", copied to the clipboard: " + target);
    }

    /** Goes back to where the reader was before the last link, button or part chosen. */
    public void goBack() {
        if (back.isEmpty()) {
            return;
        }
        Place p = back.pop();
        display(p.document(), p.part());
        scroll.setVvalue(p.scroll());
        backButton.setDisable(back.isEmpty());
    }

    private void go(HelpDocument document, String anchor) {
        List<Section> sections = sections(document);
        int target = 0;
        for (int i = 0; anchor != null && i < sections.size(); i++) {
            if (sections.get(i).anchors().contains(anchor)) {
                target = i;
                break;
            }
        }
        if (current != null) {
            back.push(new Place(current, part, scroll.getVvalue()));
        }
        display(document, target);
        scrollTo(anchor);
        backButton.setDisable(back.isEmpty());
    }

    private void display(HelpDocument document, int index) {
        List<Section> sections = sections(document);
        current = document;
        part = index;
        Section section = sections.get(index);
        scroll.setContent(views.computeIfAbsent(section, s -> new MarkdownView(s.blocks(), this::follow)));
        buttons.get(document).setSelected(true);
        choosing = true;
        parts.getItems().setAll(sections.stream().map(Section::title).toList());
        parts.getSelectionModel().select(index);
        choosing = false;
        note.setText("");
        stage.setTitle("NetStudio Help — " + document.title());
    }

    private List<Section> sections(HelpDocument document) {
        return documents.computeIfAbsent(document, d -> HelpSections.split(Markdown.parse(d.text().orElse(
                "# " + d.title() + "\n\nThis build holds no copy of this document; it is `docs/" + d.file()
                        + "` in NetStudio's repository."))));
    }

    private void scrollTo(String anchor) {
        Node target = anchor == null || anchor.isEmpty() ? null : view().heading(anchor);
        scroll.setVvalue(0);
        if (target == null) {
            return;
        }
        // The heading's place is known only once the part is laid out at the window's width.
        scroll.applyCss();
        scroll.layout();
        double room = view().getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        double y = target.getBoundsInParent().getMinY();
        scroll.setVvalue(room <= 0 ? 0 : Math.min(1, y / room));
    }

    private void ensureStage() {
        if (stage != null) {
            return;
        }
        backButton.setId("helpBack");
        backButton.setDisable(true);
        backButton.setOnAction(e -> goBack());
        ToggleGroup group = new ToggleGroup();
        List<Node> bar = new ArrayList<>(List.of(backButton));
        for (HelpDocument d : HelpDocument.values()) {
            ToggleButton b = new ToggleButton(d.title());
            b.setId("help" + d.name());
            b.setToggleGroup(group);
            b.setOnAction(e -> {
                b.setSelected(true);
                if (d != current) {
                    go(d, null);
                }
            });
            buttons.put(d, b);
            bar.add(b);
        }
        ToolBar tools = new ToolBar(bar.toArray(Node[]::new));
        tools.getStyleClass().add("ns-help-toolbar");
        parts.setId("helpParts");
        parts.getStyleClass().add("ns-help-parts");
        parts.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!choosing && now.intValue() >= 0 && now.intValue() != part) {
                back.push(new Place(current, part, scroll.getVvalue()));
                display(current, now.intValue());
                scroll.setVvalue(0);
                backButton.setDisable(false);
            }
        });
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("ns-help-scroll");
        SplitPane split = new SplitPane(parts, scroll);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(parts, false);
        note.getStyleClass().add("ns-help-note");
        note.setMaxWidth(Double.MAX_VALUE);
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        BorderPane root = new BorderPane(split, tools, null, note, null);
        root.setId("helpWindow");
        root.getStyleClass().add("ns-help");
        stage = new Stage();
        stage.initOwner(owner.get());
        Scene scene = new Scene(root, 1040, 740);
        stage.setScene(scene);
        stage.setMinWidth(620);
        stage.setMinHeight(360);
        HelpStyle.follow(scene, themeSheets);
    }
}
