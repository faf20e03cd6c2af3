package org.netstudio.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Runs recorded while they train, resumed from their checkpoints, and read back. */
class RunRecorderTest {

    @TempDir
    Path dir;

    static NetDocument spiralNet() {
        return new NetDocument("spiral-mlp", Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 16),
                Layer.of("Ramp"), Layer.of("Linear", "units", 3), Layer.of("Softmax")), null);
    }

    static MemoryDataset spirals() {
        return GeneratedDatasets.spirals(3, 100, 0.05, 7);
    }

    static TrainingOptions options(int epochs) {
        return TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(epochs).seed(3).build();
    }

    private RunRecorder train(RunStore store, int epochs) throws Exception {
        RunRecorder recorder = RunRecorder.start(store, RunSubject.of(spiralNet(), Weights.EMPTY, "spirals", "test"));
        PreparedTraining training = NetTrain.prepare(spiralNet().net(), null, spirals(),
                recorder.withCheckpoints(options(epochs)));
        recorder.attach(training);
        training.run();
        return recorder;
    }

    @Test
    void aRecordedRunHoldsItsNetCurvesBestWeightsAndHowItEnded() throws Exception {
        RunStore store = RunStore.at(dir);
        RunRecorder recorder = train(store, 3);

        RunRecord run = store.find(recorder.id()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.netName()).isEqualTo("spiral-mlp");
        assertThat(run.netHash()).hasSize(64);
        assertThat(run.data()).isEqualTo("spirals");
        assertThat(run.origin()).isEqualTo("test");
        assertThat(run.device()).isEqualTo("cpu");
        assertThat(run.options()).containsEntry("learningRate", "0.01").containsEntry("batchSize", "32")
                .containsEntry("optimizer", "adam").doesNotContainKey("checkpointFolder");
        assertThat(run.epochs()).isEqualTo(3);
        assertThat(run.bestEpoch()).isBetween(1, 3);
        assertThat(run.validationAccuracy()).isBetween(0.0, 1.0);
        assertThat(run.message()).startsWith("Completed 3 epochs");
        assertThat(run.epochRows()).extracting(EpochRow::epoch).containsExactly(1, 2, 3);
        assertThat(run.batchRows()).hasSize(3 * 8); // 240 training examples in batches of 32
        assertThat(NetFiles.read(run.netFile()).document().net()).isEqualTo(spiralNet().net());
        assertThat(Safetensors.read(run.bestWeights().orElseThrow()).arrays()).containsKey("linear1/weights");
        assertThat(store.list()).extracting(RunRecord::id).containsExactly(recorder.id());
    }

    @Test
    void resumingFromACheckpointContinuesTheSameRunAsIfItHadNotStopped() throws Exception {
        RunStore store = RunStore.at(dir.resolve("a"));
        RunRecorder first = train(store, 2);
        RunRecorder resumed = RunRecorder.resume(store, first.id());
        assertThat(resumed.resumedAfterEpoch()).isEqualTo(2);
        List<TrainingEvent.EpochEnded> epochs = new java.util.ArrayList<>();
        PreparedTraining training = NetTrain.prepare(spiralNet().net(), null, spirals(),
                resumed.withCheckpoints(options(4)));
        resumed.attach(training);
        training.addListener(e -> {
            if (e instanceof TrainingEvent.EpochEnded ended) {
                epochs.add(ended);
            }
        });
        TrainedNet continued = training.run();

        RunStore other = RunStore.at(dir.resolve("b"));
        RunRecord whole = other.find(train(other, 4).id()).orElseThrow();
        RunRecord record = store.find(first.id()).orElseThrow();
        assertThat(epochs).extracting(e -> e.metrics().epoch()).containsExactly(3, 4);
        assertThat(continued.result().history()).hasSize(4);
        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.resumes()).isEqualTo(1);
        assertThat(record.epochRows()).extracting(EpochRow::epoch).containsExactly(1, 2, 3, 4);
        // An MLP without dropout on the CPU: the resumed run trains exactly as the uninterrupted one.
        assertThat(record.epochRows()).extracting(EpochRow::trainLoss)
                .containsExactlyElementsOf(whole.epochRows().stream().map(EpochRow::trainLoss).toList());
        assertThat(record.batchRows()).hasSize(whole.batchRows().size());
    }

    /**
     * A process killed at any moment must find, for the checkpoint it resumes from, that epoch's
     * row in the record: the resume drops rows after the checkpoint but cannot make up a missing
     * one (CI once lost epoch 3 to a kill between the checkpoint and the row). A listener that
     * hears each event before the recorder sees the files as a kill at that moment would leave them.
     */
    @Test
    void noCheckpointIsEverAheadOfTheRecordedEpochs() throws Exception {
        RunStore store = RunStore.at(dir);
        RunRecorder recorder = RunRecorder.start(store, RunSubject.of(spiralNet(), Weights.EMPTY, "spirals", "test"));
        PreparedTraining training = NetTrain.prepare(spiralNet().net(), null, spirals(),
                recorder.withCheckpoints(options(3)));
        List<String> ahead = new java.util.ArrayList<>();
        training.addListener(e -> {
            int checkpoint = org.netstudio.engine.train.Checkpoint.epochIn(recorder.checkpointFolder()).orElse(0);
            int recorded;
            try {
                recorded = RunCsv.readEpochs(recorder.folder().resolve(RunRecord.EPOCHS_CSV)).size();
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
            if (checkpoint > recorded) {
                ahead.add(e.getClass().getSimpleName() + ": checkpoint " + checkpoint + ", rows " + recorded);
            }
        });
        recorder.attach(training);
        training.run();

        assertThat(ahead).isEmpty();
        assertThat(store.find(recorder.id()).orElseThrow().epochRows()).extracting(EpochRow::epoch)
                .containsExactly(1, 2, 3);
    }

    @Test
    void aResumeWithOtherOptionsIsRefusedNamingThem() throws Exception {
        RunStore store = RunStore.at(dir);
        RunRecorder first = train(store, 2);
        RunRecorder resumed = RunRecorder.resume(store, first.id());
        TrainingOptions other = options(4).toBuilder().learningRate(0.1).build();
        PreparedTraining training = NetTrain.prepare(spiralNet().net(), null, spirals(), resumed.withCheckpoints(other));
        assertThatThrownBy(() -> resumed.attach(training)).hasMessageContaining("learningRate 0.1 instead of 0.01");
        RunRecord untouched = store.find(first.id()).orElseThrow();
        assertThat(untouched.status()).as("the run is as it was").isEqualTo(RunStatus.COMPLETED);
        assertThat(untouched.resumes()).isZero();
        assertThat(untouched.epochRows()).hasSize(2);
    }

    @Test
    void aRunWhoseProcessDiedReadsAsCrashedAndACompletedRunCannotResume() throws Exception {
        RunStore store = RunStore.at(dir);
        RunRecorder recorder = train(store, 2);
        Path json = recorder.folder().resolve(RunRecord.RUN_JSON);
        Files.writeString(json, Files.readString(json).replace("\"completed\"", "\"running\""));
        assertThat(store.find(recorder.id()).orElseThrow().status()).isEqualTo(RunStatus.CRASHED);

        RunRecorder live = RunRecorder.start(store, RunSubject.of(spiralNet(), Weights.EMPTY, "spirals", "test"));
        assertThat(store.find(live.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> store.delete(live.id())).hasMessageContaining("still running");
        live.abandon("test over");
        assertThat(store.find(live.id()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(store.delete(live.id())).isTrue();
        assertThat(store.find(live.id())).isEmpty();
    }

    @Test
    void aCorruptRunJsonIsListedAsUnreadableAndAHalfWrittenCsvLineIsSkipped() throws Exception {
        RunStore store = RunStore.at(dir);
        RunRecorder recorder = train(store, 2);
        Files.writeString(recorder.folder().resolve(RunRecord.EPOCHS_CSV), "1,0.5,0.8,0.6,0.7,0.01,1.0,true\n2,0.4",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(store.find(recorder.id()).orElseThrow().epochRows()).extracting(EpochRow::epoch)
                .containsExactly(1, 2, 1);

        Path broken = dir.resolve("20200101-000000-beef");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(RunRecord.RUN_JSON), "{\"id\": \"x\", \"status\": ");
        List<RunRecord> runs = store.list();
        assertThat(runs).extracting(RunRecord::status).containsExactly(RunStatus.COMPLETED, RunStatus.UNREADABLE);
        assertThat(runs.get(1).problem()).contains("run.json").contains("not valid JSON");
        assertThat(store.find("../etc")).isEmpty();
    }
}
