package org.netstudio.app.window.tryit;

import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.netstudio.app.window.background.BackgroundJobs;

/** Try It's background work (loading a net, running it), on a thread of its own. */
final class TryItJobs extends BackgroundJobs {

    TryItJobs() {
        super("netstudio-try-it");
    }

    /**
     * As {@link #submit}, for a view that shows the answer to its latest question only: {@code done}
     * gets the result, or {@code error} the failure as a sentence, while {@code latest} still holds.
     */
    <T> void submitLatest(Callable<T> work, BooleanSupplier latest, Consumer<T> done, Consumer<String> error) {
        submit(work, result -> {
            if (latest.getAsBoolean()) {
                done.accept(result);
            }
        }, failure -> {
            if (latest.getAsBoolean()) {
                error.accept(Failures.sentence(failure));
            }
        });
    }
}
