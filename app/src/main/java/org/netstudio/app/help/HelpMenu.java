package org.netstudio.app.help;

import java.util.function.Supplier;

import javafx.collections.ObservableList;
import javafx.scene.control.MenuBar;
import javafx.stage.Window;

/**
 * What the Help menu opens: the bundled documents, the keyboard shortcuts of the given menu bar,
 * and About. Offline throughout. Use on the JavaFX thread.
 */
public final class HelpMenu {

    private final Supplier<Window> owner;
    private final ObservableList<String> themeSheets;
    private final String version;
    private final HelpWindow documents;
    private final ShortcutsWindow shortcuts;

    /**
     * @param menus       the menu bar whose shortcuts Keyboard Shortcuts lists
     * @param owner       the main window
     * @param themeSheets the main window's stylesheets, followed as they change
     * @param version     the application's version, for About
     */
    public HelpMenu(MenuBar menus, Supplier<Window> owner, ObservableList<String> themeSheets, String version) {
        this.owner = owner;
        this.themeSheets = themeSheets;
        this.version = version;
        this.documents = new HelpWindow(owner, themeSheets);
        this.shortcuts = new ShortcutsWindow(menus, owner, themeSheets, documents);
    }

    /** Opens a document in the Help window. */
    public void show(HelpDocument document) {
        documents.show(document);
    }

    public void showShortcuts() {
        shortcuts.show();
    }

    public void showAbout() {
        AboutDialog.create(owner.get(), themeSheets, version).show();
    }

    /** The Help window (for tests). */
    public HelpWindow documents() {
        return documents;
    }

    /** The keyboard shortcuts window (for tests). */
    public ShortcutsWindow shortcuts() {
        return shortcuts;
    }
}
