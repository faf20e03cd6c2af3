package org.netstudio.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every canvas command as a {@link CanvasAction}, for the application's menus and for the canvas's
 * own shortcuts (the same list drives both, so they cannot disagree).
 */
public final class CanvasActions {

    private final ReadOnlyBooleanWrapper typing = new ReadOnlyBooleanWrapper(this, "typing");
    private final List<CanvasAction> all = new ArrayList<>();

    public final CanvasAction selectAll;
    public final CanvasAction delete;
    public final CanvasAction copy;
    public final CanvasAction cut;
    public final CanvasAction paste;
    public final CanvasAction duplicate;
    public final CanvasAction group;
    public final CanvasAction ungroup;
    public final CanvasAction open;
    public final CanvasAction up;
    public final CanvasAction undo;
    public final CanvasAction redo;
    public final CanvasAction zoomIn;
    public final CanvasAction zoomOut;
    public final CanvasAction zoomToFit;
    public final CanvasAction actualSize;
    public final CanvasAction autoLayout;
    public final CanvasAction freeze;
    public final CanvasAction unfreeze;
    public final CanvasAction multiplier;

    CanvasActions(NetCanvas canvas) {
        CanvasModel m = canvas.getModel();
        ChangeListener<Node> focus = (o, a, b) -> typing.set(b instanceof TextInputControl);
        canvas.sceneProperty().addListener((o, oldScene, newScene) -> {
            if (oldScene != null) {
                oldScene.focusOwnerProperty().removeListener(focus);
            }
            if (newScene != null) {
                newScene.focusOwnerProperty().addListener(focus);
                typing.set(newScene.getFocusOwner() instanceof TextInputControl);
            }
        });
        BooleanBinding free = typing.not();
        BooleanBinding selected = free.and(Bindings.isNotEmpty(m.getSelection()));
        BooleanBinding deletable = selected.or(free.and(m.selectedWireProperty().isNotNull()));
        BooleanBinding nested = free.and(Bindings.createBooleanBinding(() -> !m.getCurrentPath().isRoot(),
                m.currentPathProperty()));
        selectAll = add("selectAll", "Select All", shortcut(KeyCode.A), m::selectAll, free);
        delete = add("delete", "Delete", new KeyCodeCombination(KeyCode.DELETE), m::deleteSelection, deletable);
        copy = add("copy", "Copy", shortcut(KeyCode.C), m::copy, selected);
        cut = add("cut", "Cut", shortcut(KeyCode.X), m::cut, selected);
        paste = add("paste", "Paste", shortcut(KeyCode.V), m::paste, free);
        duplicate = add("duplicate", "Duplicate", shortcut(KeyCode.D), m::duplicate, selected);
        group = add("group", "Group into Sub-graph", shortcut(KeyCode.G), m::groupSelection, selected);
        ungroup = add("ungroup", "Ungroup", new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), m::ungroupSelection, selected);
        open = add("open", "Open Container", new KeyCodeCombination(KeyCode.ENTER), () -> {
            if (m.getSelection().size() == 1) {
                m.open(m.getSelection().iterator().next());
            }
        }, selected);
        up = add("up", "Up to Enclosing Graph", shortcut(KeyCode.UP), m::up, nested);
        undo = add("undo", "Undo", shortcut(KeyCode.Z), m::undo, free.and(Bindings.createBooleanBinding(
                () -> m.undoStateProperty().get().canUndo(), m.undoStateProperty())));
        redo = add("redo", "Redo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), m::redo, free.and(Bindings.createBooleanBinding(
                        () -> m.undoStateProperty().get().canRedo(), m.undoStateProperty())));
        zoomIn = add("zoomIn", "Zoom In", shortcut(KeyCode.EQUALS), canvas::zoomIn, free);
        zoomOut = add("zoomOut", "Zoom Out", shortcut(KeyCode.MINUS), canvas::zoomOut, free);
        zoomToFit = add("zoomToFit", "Zoom to Fit", new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHIFT_DOWN),
                canvas::zoomToFit, free);
        actualSize = add("actualSize", "Actual Size", shortcut(KeyCode.DIGIT0), canvas::actualSize, free);
        autoLayout = add("autoLayout", "Auto-layout", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), m::autoLayout, free);
        freeze = add("freeze", "Freeze", null, m::freezeSelection, selected);
        unfreeze = add("unfreeze", "Unfreeze", null, m::unfreezeSelection, selected);
        multiplier = add("multiplier", "Learning-rate Multiplier…", null, () -> MultiplierDialog.ask(canvas), selected);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private CanvasAction add(String id, String text, KeyCombination key, Runnable r, ObservableBooleanValue enabled) {
        CanvasAction a = new CanvasAction(id, text, key, r, enabled);
        all.add(a);
        return a;
    }

    /** All actions, in menu order. */
    public List<CanvasAction> all() {
        return List.copyOf(all);
    }

    /** True while a text field of the canvas's scene has focus. */
    public ReadOnlyBooleanProperty typingProperty() {
        return typing.getReadOnlyProperty();
    }

    static boolean isTyping(Scene scene) {
        return scene != null && scene.getFocusOwner() instanceof TextInputControl;
    }
}
