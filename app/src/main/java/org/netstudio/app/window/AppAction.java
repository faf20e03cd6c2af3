package org.netstudio.app.window;

import java.util.Locale;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every command of the main window, with its menu label and the platform's accelerator. Menu items
 * and toolbar buttons are made from these, so one action has one label, one shortcut and one
 * enabled state wherever it appears.
 */
public enum AppAction {
    NEW("New", shortcut(KeyCode.N)),
    OPEN("Open…", shortcut(KeyCode.O)),
    SAVE("Save", shortcut(KeyCode.S)),
    SAVE_AS("Save As…", shortcutShift(KeyCode.S)),
    EXPORT_PICTURE("Export Picture…", shortcut(KeyCode.E)),
    EXPORT_ONNX("Export ONNX…", null),
    EXPORT_PYTORCH("Export PyTorch Project…", null),
    IMPORT_WEIGHTS("Import Weights…", null),
    QUIT("Quit", shortcut(KeyCode.Q)),

    UNDO("Undo", shortcut(KeyCode.Z)),
    // Windows programs redo with Ctrl+Y; GNOME, KDE and macOS with Shift+Shortcut+Z.
    REDO("Redo", OperatingSystem.WINDOWS ? shortcut(KeyCode.Y) : shortcutShift(KeyCode.Z)),
    CUT("Cut", shortcut(KeyCode.X)),
    COPY("Copy", shortcut(KeyCode.C)),
    PASTE("Paste", shortcut(KeyCode.V)),
    DUPLICATE("Duplicate", shortcut(KeyCode.D)),
    // A Mac keyboard's "delete" key is Backspace.
    DELETE("Delete", new KeyCodeCombination(OperatingSystem.MAC ? KeyCode.BACK_SPACE : KeyCode.DELETE)),
    SELECT_ALL("Select All", shortcut(KeyCode.A)),
    GROUP("Group into Sub-graph", shortcut(KeyCode.G)),
    UNGROUP("Ungroup", shortcutShift(KeyCode.G)),

    ZOOM_IN("Zoom In", shortcut(KeyCode.EQUALS)),
    ZOOM_OUT("Zoom Out", shortcut(KeyCode.MINUS)),
    // As the canvas has them (and design tools such as Figma): Shift+1 fits, Shortcut+0 is 100%.
    ZOOM_TO_FIT("Zoom to Fit", new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHIFT_DOWN)),
    ZOOM_ACTUAL_SIZE("Zoom 100%", shortcut(KeyCode.DIGIT0)),
    AUTO_LAYOUT("Auto-layout", shortcutShift(KeyCode.L)),

    CHECK("Check", shortcut(KeyCode.B)),
    TRAIN("Train", shortcut(KeyCode.R)),
    TRY_IT("Try It…", shortcut(KeyCode.T)),
    NEW_SENTENCE_CLASSIFIER("New Sentence Classifier…", null),
    RUNS("Runs…", null),
    IMPORT_REPORT("Import Report…", null),

    USER_GUIDE("User Guide", new KeyCodeCombination(KeyCode.F1)),
    LAYER_REFERENCE("Layer Reference", null),
    COMMAND_LINE_REFERENCE("Command Line Reference", null),
    KEYBOARD_SHORTCUTS("Keyboard Shortcuts", shortcut(KeyCode.SLASH)),
    ABOUT("About NetStudio", null);

    private final String label;
    private final KeyCombination accelerator;

    AppAction(String label, KeyCombination accelerator) {
        this.label = label;
        this.accelerator = accelerator;
    }

    /** The menu label; an ellipsis means the action asks for more before it acts. */
    public String label() {
        return label;
    }

    /** The label on a toolbar button: the menu label without its ellipsis. */
    public String shortLabel() {
        return label.replace("…", "");
    }

    /** The keyboard shortcut, or {@code null}. */
    public KeyCombination accelerator() {
        return accelerator;
    }

    /** The node id of this action's menu item, e.g. {@code menuSaveAs}. */
    public String menuItemId() {
        StringBuilder id = new StringBuilder("menu");
        for (String word : name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return id.toString();
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static final class OperatingSystem {
        private static final String NAME = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        static final boolean WINDOWS = NAME.startsWith("windows");
        static final boolean MAC = NAME.startsWith("mac");
    }
}
