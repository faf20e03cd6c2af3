package org.netstudio.engine.train;

/**
 * Receives the events of a {@link TrainingLoop}.
 *
 * <p>Called on the training thread, synchronously, between batches: an implementation must return
 * quickly and never wait for a UI thread (post the event to it and return; a GUI coalesces
 * events per animation frame). An exception thrown here fails the run. A listener may call {@link
 * TrainingLoop#stop()}.
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Handles one event.
     *
     * @param event the event, never null
     */
    void onEvent(TrainingEvent event);
}
