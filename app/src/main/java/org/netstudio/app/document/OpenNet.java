package org.netstudio.app.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.DocumentEffect;
import org.netstudio.netgraph.edit.NodeMove;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.edit.ReplaceNet;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;

/**
 * One net open in the window: its command stack (the single source of its edits, undo and saved
 * mark), the file it was opened from or saved to (none while untitled) and the weights that came
 * with it. Dirty means the stack moved away from its saved mark. No JavaFX; use on one thread.
 */
public final class OpenNet {

    private final CommandStack stack;
    private final String untitledName;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Path file;
    private Weights weights;
    /** What importing it did, for a net read from an ONNX model; null otherwise. */
    private ImportedFrom imported;

    /**
     * The ONNX model a net was imported from and the importer's report on each of its nodes.
     *
     * @param model  the .onnx file
     * @param report what each ONNX node became
     */
    public record ImportedFrom(Path model, ImportReport report) {
        public ImportedFrom {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(report, "report");
        }
    }

    private OpenNet(NetDocument doc, Path file, Weights weights, String untitledName) {
        this.stack = new CommandStack(doc);
        this.file = file;
        this.weights = weights;
        this.untitledName = untitledName;
        stack.addListener(s -> fire());
        // Weights are keyed by node path: they follow their layers when those are renamed,
        // grouped or ungrouped (and back on undo), so that saving keeps them.
        stack.addMoveListener(moves -> {
            for (NodeMove m : moves) {
                if (this.weights != null) {
                    this.weights = this.weights.withNodeRenamed(m.from(), m.to());
                }
            }
        });
    }

    /** A new, untitled net called {@code name} in tabs until it is saved. */
    public static OpenNet untitled(NetDocument doc, String name) {
        return new OpenNet(doc, null, null, Objects.requireNonNull(name, "name"));
    }

    /** As {@link #untitled(NetDocument, String)}, carrying the weights that came with it (a pretrained gallery net); null for none. */
    public static OpenNet untitled(NetDocument doc, String name, Weights weights) {
        return new OpenNet(doc, null, weights, Objects.requireNonNull(name, "name"));
    }

    /** Reads a .json, .nsnet or .onnx file; a bad file throws with the reader's message and opens nothing. */
    public static OpenNet read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            // An imported model is a new NetStudio net: saving asks where, as .json or .nsnet.
            OnnxImport onnx = OnnxImporter.read(file);
            OpenNet net = new OpenNet(onnx.document(), null, onnx.weights(),
                    name.substring(0, name.length() - ".onnx".length()));
            net.imported = new ImportedFrom(file.toAbsolutePath(), onnx.report());
            return net;
        }
        LoadedNet loaded = NetFiles.read(file);
        return new OpenNet(loaded.document(), file.toAbsolutePath(), loaded.weights().orElse(null), null);
    }

    /**
     * A net restored from an autosave: untitled (or tied to the file it had), and dirty, because
     * what it holds was never saved by the user.
     */
    public static OpenNet recovered(NetDocument saved, NetDocument current, Path file, String name) {
        OpenNet net = new OpenNet(saved, file, null, file == null ? name : null);
        if (!saved.equals(current)) {
            net.stack.execute(new ReplaceNet(current.net(), current.layout(), "Restore autosaved work"));
        }
        return net;
    }

    public CommandStack stack() {
        return stack;
    }

    public NetDocument document() {
        return stack.document();
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The ONNX model this net was imported from, with the import report; empty for NetStudio files. */
    public Optional<ImportedFrom> importedFrom() {
        return Optional.ofNullable(imported);
    }

    public Optional<Weights> weights() {
        return Optional.ofNullable(weights);
    }

    /**
     * Puts a trained net into this one: first, where training filled something in (a text
     * encoder's alphabet or vocabulary built from the data), the net as trained ("Fill in what
     * training learnt of the data"), then its weights ("Use trained weights"); each undoable.
     *
     * @param trained the net as trained; its layers and ports are this net's
     * @param trainedWeights its weights
     */
    public void useTrained(org.netstudio.netgraph.net.NetNode trained, Weights trainedWeights) {
        Objects.requireNonNull(trained, "trained");
        if (!document().net().equals(trained)) {
            stack.execute(new ReplaceNet(trained, document().layout(), "Fill in what training learnt of the data"));
        }
        useWeights(trainedWeights);
    }

    /**
     * Puts trained weights into this net as one undoable edit ("Use trained weights"): Undo brings
     * back the weights it had, and the net is dirty until saved.
     */
    public void useWeights(Weights trained) {
        Objects.requireNonNull(trained, "trained");
        Weights before = weights;
        stack.record(new DocumentEffect() {
            @Override
            public void redo() {
                weights = trained;
            }

            @Override
            public void undo() {
                weights = before;
            }

            @Override
            public String description() {
                return "Use trained weights";
            }
        });
    }

    public boolean isDirty() {
        return stack.isDirty();
    }

    /** The tab and window title: the file's name, or the untitled name. */
    public String title() {
        return file == null ? untitledName : file.getFileName().toString();
    }

    /** Saves to {@code target} atomically (.json or .nsnet), which then becomes this net's file. */
    public void saveAs(Path target) throws IOException {
        Save save = save(target);
        save.write();
        saved(save);
    }

    /**
     * What saving to {@code target} writes, taken now: the document, its weights (without arrays of
     * layers deleted since) and its version. {@link Save#write()} may then run on any thread (a
     * large net takes a while), and {@link #saved} on this net's thread marks that version saved.
     */
    public Save save(Path target) {
        return new Save(target.toAbsolutePath(), stack.document(), weightsOfNodesStillThere(), stack.checkpoint());
    }

    /** Makes a written save's file this net's file, and its version the saved one. */
    public void saved(Save save) {
        file = save.target();
        stack.markSaved(save.version());
        fire();
    }

    /**
     * One save of a net: immutable, so it can be written off the thread that owns the net.
     *
     * @param target   where it goes (.json or .nsnet)
     * @param document the document as it was when the save was asked for
     * @param weights  its weights then, or null
     * @param version  the command stack's version of that document
     */
    public record Save(Path target, NetDocument document, Weights weights, long version) {
        public Save {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(document, "document");
        }

        /** Writes the file atomically. */
        public void write() throws IOException {
            NetFiles.write(target, document, weights);
        }
    }

    /** Saves to its file; untitled nets need {@link #saveAs}. */
    public void save() throws IOException {
        if (file == null) {
            throw new IllegalStateException("an untitled net is saved with saveAs");
        }
        saveAs(file);
    }

    /**
     * The weights without arrays of layers the net no longer has (deleted since it was opened): a
     * file naming a missing node would not open again.
     */
    private Weights weightsOfNodesStillThere() {
        if (weights == null) {
            return null;
        }
        Weights kept = weights;
        for (String key : weights.arrays().keySet()) {
            if (!(NetPaths.find(stack.document().net(), Weights.nodeOf(key)).orElse(null) instanceof Layer)) {
                kept = kept.without(key);
            }
        }
        return kept;
    }

    /** Told when the document, the dirty state or the file changes. */
    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
