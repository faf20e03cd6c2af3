package org.netstudio.netgraph.edit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netstudio.netgraph.net.NetDocument;

/**
 * The one place a document changes: every edit is a {@link Command} executed here, recorded with the
 * document it was applied to, so undo restores exactly what was there and redo re-applies the result.
 *
 * <ul>
 * <li>A command that changes nothing is skipped (not recorded, no notification).</li>
 * <li>Consecutive commands that {@linkplain Command#mergeWith merge} (typing a parameter value)
 * become one entry; never across an undo, a redo, a save mark or a compound.</li>
 * <li>{@link #compound} groups the commands of one gesture into one entry; if the gesture fails
 * half-way, the document returns to where it started.</li>
 * <li>{@link #record} adds an entry for a {@link DocumentEffect}: a change beside the net value
 * (its weights) that undoes and redoes in order with the commands.</li>
 * <li>A saved mark tells whether the document differs from the saved one ({@link #isDirty()}).</li>
 * <li>Listeners are told after every change. Executing, undoing or redoing from inside a command or
 * a listener is refused with an IllegalStateException: one change at a time, in order.</li>
 * </ul>
 *
 * <p>Not thread-safe: use it from one thread (the UI thread). Nulls are refused.
 */
public final class CommandStack {

    /** Told after every change of the document, the history or the saved mark. */
    @FunctionalInterface
    public interface Listener {
        void stackChanged(CommandStack stack);
    }

    /**
     * Told, before the listeners, when an edit, an undo or a redo moved nodes to other paths, with
     * the moves in the order they happened (an undo's reversed), so that what is keyed by node path
     * (weights) follows its nodes.
     */
    @FunctionalInterface
    public interface MoveListener {
        void nodesMoved(List<NodeMove> moves);
    }

    /** One undo entry; ids identify states for the saved mark. {@code effect} is null for commands. */
    private record Entry(Command command, NetDocument before, NetDocument after, long id, DocumentEffect effect) {
        Entry(Command command, NetDocument before, NetDocument after, long id) {
            this(command, before, after, id, null);
        }
    }

    /** The command an effect entry shows in menus; it leaves the net as it is. */
    private record EffectCommand(String description) implements Command {
        @Override
        public NetDocument apply(NetDocument doc) {
            return doc;
        }
    }

    /** Undo entries kept; older ones are forgotten. */
    public static final int DEFAULT_LIMIT = 1000;

    private final int limit;
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<MoveListener> moveListeners = new CopyOnWriteArrayList<>();
    private NetDocument document;
    private long nextId = 1;
    /** The state id below the oldest entry kept (0 for the document the stack started with). */
    private long baseId;
    private long savedId;
    private boolean mergeable;
    private boolean busy;
    private int compoundDepth;
    private List<Command> compoundSteps;

    /** A stack for a document just opened (clean: not dirty). */
    public CommandStack(NetDocument document) {
        this(document, DEFAULT_LIMIT);
    }

    public CommandStack(NetDocument document, int limit) {
        this.document = Objects.requireNonNull(document, "document");
        if (limit < 1) {
            throw new IllegalArgumentException("the undo limit must be at least 1, but got " + limit);
        }
        this.limit = limit;
    }

    /** The current document. */
    public NetDocument document() {
        return document;
    }

    /**
     * Applies the command and records it. Returns false when it changed nothing (then nothing is
     * recorded). Throws IllegalArgumentException from the command, with nothing changed.
     */
    public boolean execute(Command command) {
        Objects.requireNonNull(command, "command");
        checkIdle("execute a command");
        NetDocument after;
        busy = true;
        try {
            after = Objects.requireNonNull(command.apply(document), "a command returned no document");
        } finally {
            busy = false;
        }
        if (after.equals(document)) {
            return false;
        }
        if (compoundDepth > 0) {
            compoundSteps.add(command);
            document = after;
            return true;
        }
        Entry top = undo.peek();
        Optional<Command> merged = mergeable && top != null && top.id != savedId
                ? top.command.mergeWith(command) : Optional.empty();
        if (merged.isPresent()) {
            undo.pop();
            if (!after.equals(top.before)) {
                undo.push(new Entry(merged.get(), top.before, after, nextId++));
            }
        } else {
            undo.push(new Entry(command, document, after, nextId++));
        }
        NetDocument before = document;
        redo.clear();
        document = after;
        mergeable = true;
        trim();
        tellMoves(command, before, false);
        fire();
        return true;
    }

    /**
     * Runs {@code gesture}, which executes commands here, and records everything it changed as one
     * entry described by {@code description}. If the gesture throws, the document goes back to how
     * it was before it and the exception propagates. Compounds may nest; the outermost one records.
     */
    public void compound(String description, Runnable gesture) {
        Objects.requireNonNull(description, "description");
        checkIdle("start a compound edit");
        boolean outermost = compoundDepth == 0;
        NetDocument before = document;
        if (outermost) {
            compoundSteps = new ArrayList<>();
        }
        int mark = compoundSteps.size();
        compoundDepth++;
        boolean completed = false;
        try {
            gesture.run();
            completed = true;
        } finally {
            compoundDepth--;
            if (outermost) {
                List<Command> steps = compoundSteps;
                compoundSteps = null;
                if (!completed) {
                    document = before;
                } else if (!document.equals(before)) {
                    CompoundCommand compound = new CompoundCommand(description, steps);
                    undo.push(new Entry(compound, before, document, nextId++));
                    redo.clear();
                    mergeable = false;
                    trim();
                    tellMoves(compound, before, false);
                    fire();
                }
            } else if (!completed) {
                document = before;
                compoundSteps.subList(mark, compoundSteps.size()).clear();
            }
        }
    }

    /**
     * Applies {@code effect} and records it as one undo entry (the document counts as changed: dirty
     * until saved). Not inside a compound edit.
     */
    public void record(DocumentEffect effect) {
        Objects.requireNonNull(effect, "effect");
        checkIdle("record an edit");
        if (compoundDepth > 0) {
            throw new IllegalStateException("Cannot record an edit beside the net inside a compound edit.");
        }
        runEffect(effect::redo);
        undo.push(new Entry(new EffectCommand(effect.description()), document, document, nextId++, effect));
        redo.clear();
        mergeable = false;
        trim();
        fire();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** How many steps Undo can take back (a gesture of several edits is one step); at most the limit. */
    public int undoDepth() {
        return undo.size();
    }

    /** What Undo would undo ("Add Convolution"), or empty. */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(e -> e.command.description());
    }

    /** What Redo would redo, or empty. */
    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(e -> e.command.description());
    }

    /** Undoes the last entry; returns false when there is none. */
    public boolean undo() {
        return step(undo, redo, true);
    }

    /** Redoes the last undone entry; returns false when there is none. */
    public boolean redo() {
        return step(redo, undo, false);
    }

    /**
     * Moves the newest entry of {@code from} onto {@code to}, running its side effect backward (undo)
     * or forward (redo); when the effect fails, the entry stays where it was and the failure goes on.
     */
    private boolean step(Deque<Entry> from, Deque<Entry> to, boolean back) {
        checkIdle(back ? "undo" : "redo");
        Entry e = from.poll();
        if (e == null) {
            return false;
        }
        if (e.effect != null) {
            try {
                runEffect(back ? e.effect::undo : e.effect::redo);
            } catch (RuntimeException failed) {
                from.push(e);
                throw failed;
            }
        }
        to.push(e);
        document = back ? e.before : e.after;
        mergeable = false;
        tellMoves(e.command, e.before, back);
        fire();
        return true;
    }

    /** Marks the current document as the saved one. */
    public void markSaved() {
        checkIdle("mark the document saved");
        savedId = stateId();
        mergeable = false;
        fire();
    }

    /**
     * The current document's version, for a save that writes it elsewhere (off this thread) and
     * marks it saved once written, with {@link #markSaved(long)}. The next edit starts a new entry
     * rather than merging into this one, so that the version stays reachable by undo.
     */
    public long checkpoint() {
        checkIdle("take a checkpoint");
        mergeable = false;
        return stateId();
    }

    /**
     * Marks the document of {@code version} as the saved one: edits made since it was taken keep
     * the net dirty, and undoing back to it makes it clean.
     */
    public void markSaved(long version) {
        checkIdle("mark the document saved");
        savedId = version;
        mergeable = false;
        fire();
    }

    /** Whether the document differs from the one last marked saved (or opened). */
    public boolean isDirty() {
        return stateId() != savedId;
    }

    /** Starts over with another document (opening a file): no history, clean. */
    public void reset(NetDocument doc) {
        checkIdle("reset");
        document = Objects.requireNonNull(doc, "document");
        undo.clear();
        redo.clear();
        baseId = nextId++;
        savedId = baseId;
        mergeable = false;
        fire();
    }

    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public void addMoveListener(MoveListener l) {
        moveListeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeMoveListener(MoveListener l) {
        moveListeners.remove(l);
    }

    /** Tells the move listeners what {@code command}, applied to {@code before}, moved (or, undone, moves back). */
    private void tellMoves(Command command, NetDocument before, boolean undone) {
        if (moveListeners.isEmpty()) {
            return;
        }
        List<NodeMove> moves = command.moves(before);
        if (moves.isEmpty()) {
            return;
        }
        if (undone) {
            List<NodeMove> back = new ArrayList<>();
            for (int i = moves.size() - 1; i >= 0; i--) {
                back.add(moves.get(i).reversed());
            }
            moves = back;
        }
        busy = true;
        try {
            for (MoveListener l : moveListeners) {
                l.nodesMoved(List.copyOf(moves));
            }
        } finally {
            busy = false;
        }
    }

    private long stateId() {
        Entry top = undo.peek();
        return top == null ? baseId : top.id;
    }

    /** Runs an effect with re-entrant edits refused, like a command. */
    private void runEffect(Runnable r) {
        busy = true;
        try {
            r.run();
        } finally {
            busy = false;
        }
    }

    private void trim() {
        while (undo.size() > limit) {
            baseId = undo.removeLast().id;
        }
    }

    private void checkIdle(String what) {
        if (busy) {
            throw new IllegalStateException("Cannot " + what + " while a command is running or listeners are"
                    + " being told of a change; do it after.");
        }
        if (compoundDepth > 0 && !what.equals("execute a command") && !what.equals("start a compound edit")) {
            throw new IllegalStateException("Cannot " + what + " inside a compound edit.");
        }
    }

    /** Tells every listener; re-entrant edits are refused meanwhile, and one failing listener does not silence the others. */
    private void fire() {
        busy = true;
        RuntimeException first = null;
        try {
            for (Listener l : listeners) {
                try {
                    l.stackChanged(this);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        } finally {
            busy = false;
        }
        if (first != null) {
            throw first;
        }
    }
}
