package org.netstudio.inspector.header;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.netstudio.netgraph.catalog.Category;

/**
 * The top of the inspector: the selected node's name (editable where a command can rename it), its
 * type and category (for the colour chip), the type's documentation and a one-line figure of its
 * size ("520 parameters · 288,000 multiply-adds").
 */
public final class HeaderModel {

    /**
     * What the header says of the node besides its name.
     *
     * @param typeName   "Convolution", "Chain", or "3 layers"
     * @param category   the palette category (for the colour chip), or null when there is none (several types)
     * @param doc        the type's documentation, or ""
     * @param figures    "431,080 parameters · 2,293,000 multiply-adds", or ""
     * @param renameable whether a command can rename it
     */
    public record About(String typeName, Category category, String doc, String figures, boolean renameable) {

        static final About NOTHING = new About("", null, "", "", false);
    }

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper shownName = new ReadOnlyStringWrapper(this, "shownName", "");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError");
    private final ReadOnlyObjectWrapper<About> about = new ReadOnlyObjectWrapper<>(this, "about", About.NOTHING);
    private BiFunction<String, String, Optional<String>> rename = (from, to) -> Optional.of("This cannot be renamed.");

    /** The name being edited; bind it bidirectionally. */
    public StringProperty nameProperty() {
        return name;
    }

    /** Why the typed name was refused, or null. */
    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    /** The node's type, category, documentation and size, and whether it can be renamed. */
    public ReadOnlyObjectProperty<About> aboutProperty() {
        return about.getReadOnlyProperty();
    }

    /** Renames to the typed name; false (with {@link #nameErrorProperty()}) when refused. */
    public boolean commitName() {
        String typed = name.get() == null ? "" : name.get();
        if (!about.get().renameable() || typed.equals(shownName.get())) {
            nameError.set(null);
            return true;
        }
        Optional<String> refused = rename.apply(shownName.get(), typed);
        nameError.set(refused.orElse(null));
        return refused.isEmpty();
    }

    /** Puts the shown name back (Escape). */
    public void revertName() {
        name.set(shownName.get());
        nameError.set(null);
    }

    /**
     * Shows a node. {@code rename} renames it from the first name to the second, returning the
     * refusal's sentence; null when it cannot be renamed.
     */
    public void show(String nodeName, String type, Category cat, String documentation, String sizeFigures,
                     BiFunction<String, String, Optional<String>> renamer) {
        boolean changed = !Objects.equals(nodeName, shownName.get());
        boolean typing = !changed && (nameError.get() != null || !Objects.equals(name.get(), shownName.get()));
        shownName.set(nodeName);
        if (!typing) {
            name.set(nodeName);
            nameError.set(null);
        }
        rename = renamer != null ? renamer : (from, to) -> Optional.of("This cannot be renamed.");
        about.set(new About(type, cat, documentation == null ? "" : documentation, sizeFigures == null ? "" : sizeFigures,
                renamer != null));
    }
}
