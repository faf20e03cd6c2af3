package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.OpenNet;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.StopReason;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerState;
import org.netstudio.engine.data.DatasetSource;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the shutdown hook does before the JVM ends (SIGTERM, SIGINT), on a real window: unsaved work
 * goes to the autosave folder and a running training is stopped and waited for. (The hook's last
 * step, ending JavaFX, would end the toolkit every window test shares, so it is left to
 * {@code WindowShutdownProcessTest}, which sends the signals to the launcher's own process.)
 */
class ExitSequenceInTheWindowTest extends InTheWindowTest {

    @Test
    void unsavedWorkIsAutosavedAndARunningTrainingStopsBeforeTheProgramEnds(FxRobot robot) throws Exception {
        openWindow(robot);
        NetDocument doc = new NetDocument("Spirals MLP", Chain.of(PortDecl.of(TensorType.real(2)),
                Layer.of("Linear", "units", 16), Layer.of("Ramp"), Layer.of("Linear", "units", 3),
                Layer.of("Softmax")), null);
        OpenNet net = f.fx(() -> OpenNet.untitled(doc, "spirals"));
        robot.interact(() -> f.workspace().open(net));
        f.settle();
        try (NetRunner untrained = NetRunner.untrained(doc.net(), 3)) {
            var weights = untrained.weights();
            robot.interact(() -> net.useWeights(weights));
        }
        assertThat(f.fx(net::isDirty)).isTrue();

        var trainer = f.workspace().trainer();
        robot.interact(() -> trainer.choose(DatasetSource.SPIRALS));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> f.fx(() -> {
            trainer.applyPending();
            return trainer.canTrainBinding().get();
        }));
        robot.interact(() -> {
            trainer.options().epochs().textProperty().set("100000");
            trainer.train();
        });
        assertThat(f.fx(() -> trainer.stateProperty().get())).isEqualTo(TrainerState.TRAINING);
        CompletableFuture<TrainedNet> training = f.fx(() -> trainer.run().orElseThrow());

        CompletableFuture<Void> settled = f.fx(() -> f.workspace().exitSequence().settleOnFx());
        settled.get(60, TimeUnit.SECONDS);

        assertThat(training).isDone();
        assertThat(training.get().result().stopReason()).isEqualTo(StopReason.STOPPED);
        assertThat(new Autosave(f.data.resolve("autosave")).find()).singleElement()
                .satisfies(r -> assertThat(r.document().net()).isEqualTo(doc.net()));
    }
}
