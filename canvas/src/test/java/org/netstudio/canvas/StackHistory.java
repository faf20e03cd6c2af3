package org.netstudio.canvas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netstudio.netgraph.edit.CommandStack;

/** Reads a command stack's undo history by walking it back and forth (tests only). */
final class StackHistory {

    private StackHistory() {
    }

    /** The descriptions of the undoable entries, oldest first; the stack ends where it was. */
    static List<String> labels(CommandStack stack) {
        List<String> out = new ArrayList<>();
        while (stack.canUndo()) {
            out.add(stack.undoDescription().orElse("?"));
            stack.undo();
        }
        for (int i = 0; i < out.size(); i++) {
            stack.redo();
        }
        Collections.reverse(out);
        return out;
    }
}
