package org.netstudio.inspector.params;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.netstudio.netgraph.catalog.ParamSpec;

/**
 * The view-model of one parameter row: the text being typed (or the check box / choice state),
 * whether the value is the default, whether the selected layers disagree ("—"), and the message of
 * a value that was refused. Nothing is applied until {@link #commit()} (Enter, leaving the field),
 * {@link #commitValue} (a check box or choice), {@link #step} (arrow keys) or
 * {@link #resetToDefault()}; an invalid value is never applied, the message says why.
 *
 * <p>While the text differs from the document's value it is kept across refreshes, unless the
 * parameter itself changes underneath (undo, another view): then the document wins.
 */
public final class ParameterField {

    /** Which control edits the value. */
    public enum EditorKind { TEXT, CHECK, CHOICE }

    /**
     * What the field shows of the document.
     *
     * @param value      the value in the document (defaults filled in); null when the layers disagree or there
     *                   is none
     * @param mixed      the selected layers hold different values: show "—"
     * @param atDefault  the value is the default one: show it dimmed, marked "default"
     * @param resettable the value can go back to a default (it is optional and not at its default)
     * @param editable   whether the value can be edited at all
     */
    public record State(Object value, boolean mixed, boolean atDefault, boolean resettable, boolean editable) {

        static final State NOTHING = new State(null, false, false, false, true);

        /** Placeholder for an empty text field: "—" for differing values, "auto" for a computed default. */
        public String prompt() {
            return mixed ? "—" : value == null ? "auto" : "";
        }
    }

    private final ParamSpec spec;
    private final EditorKind editorKind;
    private final BiFunction<Object, Boolean, Optional<String>> apply;

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.NOTHING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private boolean shown;

    /**
     * @param spec  the parameter's spec (of the first selected layer when several are)
     * @param apply checks a raw value against every selected layer and executes the edit (merging
     *              with the previous edit of this value when the flag says so); returns the
     *              refusal's sentence, or empty when applied
     */
    ParameterField(ParamSpec spec, BiFunction<Object, Boolean, Optional<String>> apply) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.apply = Objects.requireNonNull(apply, "apply");
        this.editorKind = switch (spec.kind()) {
            case BOOL -> EditorKind.CHECK;
            case CHOICE -> EditorKind.CHOICE;
            default -> EditorKind.TEXT;
        };
        text.addListener((o, was, now) -> {
            // Once a value was refused, re-judge as the person types so the message goes as soon as it is right.
            if (error.get() != null) {
                error.set(problem(now).orElse(null));
            }
        });
    }

    // ---- what the view shows -----------------------------------------------------------------

    /** The parameter: its name, kind, choices, documentation and default. */
    public ParamSpec spec() {
        return spec;
    }

    public EditorKind getEditorKind() {
        return editorKind;
    }

    /** The default as text ("1", "true"), or "" when the parameter is required or has no fixed default. */
    public String getDefaultText() {
        return ParamText.format(spec.defaultValue());
    }

    /** What a text editor holds; bind it bidirectionally. */
    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the last value was not applied, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the text differs from what the document holds. */
    public boolean isDirty() {
        return !text.get().equals(ParamText.format(state.get().value()));
    }

    // ---- edits -----------------------------------------------------------------------------

    /** Applies the typed text; false (with the message in {@link #errorProperty()}) when refused. */
    public boolean commit() {
        if (!isDirty() && error.get() == null) {
            return true;
        }
        if (state.get().mixed() && text.get().isBlank()) {
            // Nothing typed over "—": the layers keep their own values.
            return true;
        }
        return run(ParamText.parse(spec.kind(), text.get()), false);
    }

    /** Applies a value from a check box or choice box (Boolean or String). */
    public boolean commitValue(Object raw) {
        if (!state.get().mixed() && Objects.equals(raw, state.get().value())) {
            return true;
        }
        return run(raw, false);
    }

    /** Puts the text back to the document's value and forgets the message (Escape). */
    public void revert() {
        text.set(ParamText.format(state.get().value()));
        error.set(null);
    }

    /** Removes the explicit value so the default applies. */
    public boolean resetToDefault() {
        return !spec.required() && run(null, false);
    }

    /**
     * Adds {@code delta} to a whole-number value (arrow keys); each step is applied, and a run of
     * steps of one parameter merges into one undo entry (other edits are an entry each). False when the value is not a single
     * whole number or the new value is refused.
     */
    public boolean step(int delta) {
        Object raw = ParamText.parse(spec.kind(), text.get());
        if (!(raw instanceof Long l)) {
            return false;
        }
        long next = l + delta;
        text.set(Long.toString(next));
        return run(next, true);
    }

    private boolean run(Object raw, boolean merge) {
        Optional<String> refused = apply.apply(raw, merge);
        if (refused.isPresent()) {
            error.set(refused.get());
            return false;
        }
        error.set(null);
        text.set(ParamText.format(state.get().value()));
        return true;
    }

    /** The catalog's sentence for the text, without applying anything. */
    private Optional<String> problem(String t) {
        if (state.get().mixed() && t.isBlank()) {
            return Optional.empty();
        }
        ParamSpec.Check c = spec.check(ParamText.parse(spec.kind(), t));
        return c instanceof ParamSpec.Invalid inv ? Optional.of(inv.message()) : Optional.empty();
    }

    // ---- refresh from the document -------------------------------------------------------------

    /**
     * Shows the document's state: the common value (null when {@code isMixed} or absent),
     * whether it is the default, and whether editing is possible.
     */
    void show(Object common, boolean isMixed, boolean isDefault, boolean canEdit) {
        boolean changed = !shown || isMixed != state.get().mixed() || !Objects.equals(common, state.get().value());
        boolean keepTyping = shown && !changed && (isDirty() || error.get() != null);
        shown = true;
        state.set(new State(common, isMixed, isDefault, !spec.required() && !isDefault && canEdit, canEdit));
        if (!keepTyping) {
            text.set(ParamText.format(common));
            error.set(null);
        }
    }
}
