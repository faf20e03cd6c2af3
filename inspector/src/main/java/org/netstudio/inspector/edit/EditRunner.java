package org.netstudio.inspector.edit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.netstudio.netgraph.edit.Command;
import org.netstudio.netgraph.edit.CommandStack;

/**
 * Runs the inspector's edits on the application's {@link CommandStack}, one undo entry per edit,
 * and turns a refusal into the sentence to show instead of a stack trace. Use on the UI thread.
 */
public final class EditRunner {

    private static final String READ_ONLY = "This net is read-only here.";

    private final Supplier<CommandStack> stack;

    /** Edits go to whatever stack {@code stack} supplies when they run; none means read-only. */
    public EditRunner(Supplier<CommandStack> stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    /** Whether there is a stack to edit on. */
    public boolean canEdit() {
        return stack.get() != null;
    }

    /**
     * Executes one command as an undo entry of its own (a committed value, a click): it does not
     * merge with the edit before or after it. Empty when applied (or it changed nothing), else why not.
     */
    public Optional<String> execute(Command command) {
        return executeAll(command.description(), List.of(command));
    }

    /**
     * Executes one command that may merge with the previous edit of the same value into one undo
     * entry (a run of arrow-key steps), as {@link CommandStack#execute} merges.
     */
    public Optional<String> executeMerging(Command command) {
        CommandStack s = stack.get();
        if (s == null) {
            return Optional.of(READ_ONLY);
        }
        try {
            s.execute(command);
            return Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Executes the commands as one undo entry described by {@code description}; all or nothing. */
    public Optional<String> executeAll(String description, List<? extends Command> commands) {
        CommandStack s = stack.get();
        if (s == null) {
            return Optional.of(READ_ONLY);
        }
        try {
            // A compound is never merged with its neighbours, so each gesture stays one entry.
            s.compound(description, () -> commands.forEach(s::execute));
            return Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }
}
