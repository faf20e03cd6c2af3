package org.netstudio.app.help;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.netstudio.app.help.Markdown.Block;

/**
 * The keyboard shortcuts: every accelerator of the menu bar, read from the menus themselves so the
 * list cannot drift from them, then the keys and gestures of the canvas as the user guide's section
 * "Keys on the canvas" describes them.
 */
public final class ShortcutsWindow {

    /** The user guide's section this window shows under the menu shortcuts. */
    static final String CANVAS_SECTION = "Keys on the canvas";

    private final MenuBar menus;
    private final Supplier<Window> owner;
    private final ObservableList<String> themeSheets;
    private final HelpWindow help;
    private final ScrollPane scroll = new ScrollPane();
    private Stage stage;

    /** One menu item with a shortcut: its menu ("Edit"), its text ("Undo") and its keys ("Ctrl+Z"). */
    public record Shortcut(String menu, String item, String keys) {
    }

    /**
     * @param menus       the menu bar whose accelerators are listed
     * @param owner       the main window
     * @param themeSheets the main window's stylesheets, followed as they change
     * @param help        where the guide's links lead
     */
    public ShortcutsWindow(MenuBar menus, Supplier<Window> owner, ObservableList<String> themeSheets, HelpWindow help) {
        this.menus = menus;
        this.owner = owner;
        this.themeSheets = themeSheets;
        this.help = help;
    }

    /** Every item of the menu bar that has an accelerator, in menu order. */
    public static List<Shortcut> shortcuts(MenuBar bar) {
        List<Shortcut> all = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(menu.getText(), menu.getItems(), all);
        }
        return all;
    }

    private static void collect(String menu, List<MenuItem> items, List<Shortcut> into) {
        for (MenuItem item : items) {
            if (item instanceof Menu sub) {
                collect(menu + " › " + sub.getText(), sub.getItems(), into);
            } else if (item.getAccelerator() != null) {
                into.add(new Shortcut(menu, item.getText(), item.getAccelerator().getDisplayText()));
            }
        }
    }

    /** Shows the window (its list read from the menus again each time) and brings it to the front. */
    public void show() {
        if (stage == null) {
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("ns-help-scroll");
            scroll.setId("shortcutsWindow");
            stage = new Stage();
            stage.initOwner(owner.get());
            stage.setTitle("Keyboard Shortcuts");
            stage.setMinWidth(420);
            stage.setMinHeight(320);
            Scene scene = new Scene(scroll, 560, 640);
            HelpStyle.follow(scene, themeSheets);
            stage.setScene(scene);
        }
        scroll.setContent(content());
        stage.show();
        stage.toFront();
    }

    /** The window, once made (for tests). */
    public Stage stage() {
        return stage;
    }

    private VBox content() {
        VBox box = new VBox();
        box.getStyleClass().addAll("ns-help", "ns-help-document");
        box.getChildren().add(heading("Keyboard Shortcuts", 1));
        Label intro = new Label("Shortcut keys of the menus in this build, and what the canvas understands besides.");
        intro.setWrapText(true);
        intro.getStyleClass().add("ns-help-paragraph");
        box.getChildren().add(intro);
        String menu = null;
        GridPane grid = null;
        for (Shortcut s : shortcuts(menus)) {
            if (!s.menu().equals(menu)) {
                menu = s.menu();
                box.getChildren().add(heading(menu, 2));
                grid = new GridPane();
                grid.getStyleClass().add("ns-shortcuts");
                box.getChildren().add(grid);
            }
            Label item = new Label(s.item());
            item.getStyleClass().add("ns-shortcut-item");
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("ns-shortcut-keys");
            GridPane.setHgrow(item, Priority.ALWAYS);
            item.setMaxWidth(Double.MAX_VALUE);
            grid.addRow(grid.getRowCount(), item, keys);
        }
        box.getChildren().add(heading("On the canvas", 2));
        box.getChildren().add(new MarkdownView(canvasSection(), help::follow));
        return box;
    }

    /** The blocks of the user guide's "Keys on the canvas", without its heading. */
    static List<Block> canvasSection() {
        return HelpSections.under(Markdown.parse(HelpDocument.USER_GUIDE.text().orElse("")), CANVAS_SECTION);
    }

    private static Label heading(String text, int level) {
        Label l = new Label(text);
        l.getStyleClass().addAll("ns-help-heading", "ns-help-h" + level);
        return l;
    }
}
