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

    private final Supplier<CommandStack> stack;

    /** Edits go to whatever stack {@code stack} supplies when they run; none means read-only. */
    public EditRunner(Supplier<CommandStack> stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    /** Whether there is a stack to edit on. */
    public boolean canEdit() {
        return stack.get() != null;
    }

    /** Executes one command; empty when it was applied (or changed nothing), else why not. */
    public Optional<String> execute(Command command) {
        CommandStack s = stack.get();
        if (s == null) {
            return Optional.of("This net is read-only here.");
        }
        try {
            s.execute(command);
            return Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Executes the commands as one undo entry described by {@code description} (a single command is
     * executed as itself, so that it can merge with the next edit of the same value). All or nothing.
     */
    public Optional<String> executeAll(String description, List<? extends Command> commands) {
        if (commands.size() == 1) {
            return execute(commands.get(0));
        }
        CommandStack s = stack.get();
        if (s == null) {
            return Optional.of("This net is read-only here.");
        }
        try {
            s.compound(description, () -> commands.forEach(s::execute));
            return Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }
}
