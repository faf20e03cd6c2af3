package org.netstudio.app.window;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.netstudio.assets.Theme;

/**
 * The menu bar. Every {@link AppAction} item starts disabled and becomes enabled when a handler is
 * set, so a menu never offers something that does nothing.
 */
public final class MainMenu {

    private final MenuBar bar = new MenuBar();
    private final Map<AppAction, MenuItem> items = new EnumMap<>(AppAction.class);
    private final Menu openRecent = new Menu("Open Recent");
    private final CheckMenuItem showTrainer = new CheckMenuItem("Show Trainer Panel");
    private final CheckMenuItem maximiseTrainer = new CheckMenuItem("Maximise Trainer Panel");
    private final CheckMenuItem showPreviews = new CheckMenuItem("Show Previews");
    private final ToggleGroup themes = new ToggleGroup();
    /** True while the window marks its theme, so that marking it is not taken for the person's choice. */
    private boolean markingTheme;

    MainMenu(Consumer<Theme> themeChoice) {
        for (AppAction action : AppAction.values()) {
            items.put(action, newItem(action));
        }
        openRecent.setId("menuOpenRecent");
        openRecent.getItems().add(disabledNote("No recent nets"));
        showTrainer.setId("menuShowTrainer");
        showTrainer.setSelected(true);
        showPreviews.setId("menuShowPreviews");
        showPreviews.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        maximiseTrainer.setId("menuMaximiseTrainer");
        maximiseTrainer.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));

        Menu theme = new Menu("Theme");
        theme.setId("menuTheme");
        for (Theme t : Theme.values()) {
            RadioMenuItem choice = new RadioMenuItem(t.label());
            choice.setId("menuTheme" + t.label());
            choice.setToggleGroup(themes);
            choice.setUserData(t);
            choice.setSelected(t == Theme.LIGHT);
            theme.getItems().add(choice);
        }
        themes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null && !markingTheme) {
                themeChoice.accept((Theme) now.getUserData());
            }
        });

        bar.setId("menuBar");
        bar.setUseSystemMenuBar(true);
        bar.getMenus().addAll(
                menu("File", item(AppAction.NEW), item(AppAction.OPEN), openRecent, item(AppAction.IMPORT_WEIGHTS),
                        separator(), item(AppAction.SAVE), item(AppAction.SAVE_AS), separator(),
                        item(AppAction.EXPORT_PICTURE), item(AppAction.EXPORT_ONNX), item(AppAction.EXPORT_PYTORCH),
                        separator(), item(AppAction.QUIT)),
                menu("Edit", item(AppAction.UNDO), item(AppAction.REDO), separator(),
                        item(AppAction.CUT), item(AppAction.COPY), item(AppAction.PASTE),
                        item(AppAction.DUPLICATE), item(AppAction.DELETE), separator(),
                        item(AppAction.SELECT_ALL), separator(), item(AppAction.GROUP), item(AppAction.UNGROUP)),
                menu("View", item(AppAction.ZOOM_IN), item(AppAction.ZOOM_OUT), item(AppAction.ZOOM_TO_FIT),
                        item(AppAction.ZOOM_ACTUAL_SIZE), separator(), item(AppAction.AUTO_LAYOUT), separator(),
                        showPreviews, separator(), showTrainer, maximiseTrainer, item(AppAction.RUNS), theme),
                menu("Net", item(AppAction.CHECK), item(AppAction.TRAIN), item(AppAction.TRY_IT), separator(),
                        item(AppAction.IMPORT_REPORT), separator(), item(AppAction.NEW_SENTENCE_CLASSIFIER)),
                menu("Help", item(AppAction.USER_GUIDE), item(AppAction.LAYER_REFERENCE),
                        item(AppAction.COMMAND_LINE_REFERENCE), item(AppAction.KEYBOARD_SHORTCUTS), separator(),
                        item(AppAction.ABOUT)));
    }

    public MenuBar bar() {
        return bar;
    }

    /** The menu item of an action, e.g. to bind its disabled state to the undo stack. */
    public MenuItem item(AppAction action) {
        return items.get(action);
    }

    /** Runs {@code handler} when the action is chosen, and enables it. */
    public void setHandler(AppAction action, Runnable handler) {
        Objects.requireNonNull(handler, "handler");
        MenuItem item = item(action);
        item.setOnAction(e -> handler.run());
        item.setDisable(false);
    }

    /** File › Open Recent; its items are the document handler's to fill. */
    public Menu openRecent() {
        return openRecent;
    }

    /** View › Show Previews: what flows out of each node for one example, drawn on the canvas. */
    public CheckMenuItem showPreviews() {
        return showPreviews;
    }

    /** View › Maximise Trainer Panel, kept in step with the panel's maximised state. */
    public CheckMenuItem maximiseTrainer() {
        return maximiseTrainer;
    }

    /** View › Show Trainer Panel, kept in step with the panel's expanded state. */
    public CheckMenuItem showTrainer() {
        return showTrainer;
    }

    /** Marks the theme as chosen in View › Theme without choosing it again. */
    void selectTheme(Theme theme) {
        markingTheme = true;
        try {
            themes.getToggles().stream()
                    .filter(t -> t.getUserData() == theme)
                    .findFirst()
                    .ifPresent(t -> t.setSelected(true));
        } finally {
            markingTheme = false;
        }
    }

    private static MenuItem newItem(AppAction action) {
        MenuItem item = new MenuItem(action.label());
        item.setId(action.menuItemId());
        item.setAccelerator(action.accelerator());
        item.setDisable(true);
        return item;
    }

    private static Menu menu(String title, MenuItem... entries) {
        Menu menu = new Menu(title);
        menu.setId("menu" + title);
        menu.getItems().addAll(entries);
        return menu;
    }

    private static MenuItem separator() {
        return new SeparatorMenuItem();
    }

    private static MenuItem disabledNote(String text) {
        MenuItem note = new MenuItem(text);
        note.setDisable(true);
        return note;
    }
}
