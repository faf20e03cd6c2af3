package org.netstudio.trainer.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where background threads (training, data loading, evaluation) leave their news for the UI. Posting
 * never blocks and never waits for the UI; the UI takes everything that arrived since its last look
 * once per frame, so a thousand batches between two frames cost one repaint. Thread-safe.
 *
 * @param <T> the kind of news
 */
public final class TrainerInbox<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();

    /** Leaves news; callable from any thread, returns at once. */
    public void post(T item) {
        queue.add(item);
    }

    /** Takes everything posted so far, oldest first; empty when nothing arrived. */
    public List<T> drain() {
        List<T> out = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            out.add(item);
        }
        return out;
    }

    /** Whether nothing is waiting. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
