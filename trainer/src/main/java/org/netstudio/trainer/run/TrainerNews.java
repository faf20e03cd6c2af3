package org.netstudio.trainer.run;

import java.util.List;
import org.netstudio.engine.device.DeviceInfo;
import org.netstudio.trainer.data.DataFit;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.trainer.boundary.BoundaryPicture;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.results.Outcome;

/** What background work tells the trainer's view-model, through a {@link TrainerInbox}. */
public sealed interface TrainerNews {

    /**
     * A training event, with the time it happened.
     *
     * @param event the event
     * @param nanos {@link System#nanoTime()} on the training thread when it arrived
     */
    record Training(TrainingEvent event, long nanos) implements TrainerNews {
    }

    /** A decision-boundary picture for the latest epoch. */
    record Boundary(BoundaryPicture picture) implements TrainerNews {
    }

    /** The trained net, evaluated. */
    record Evaluated(Outcome outcome) implements TrainerNews {
    }

    /**
     * Data finished loading.
     *
     * @param request which load this is (a newer one overtakes it)
     * @param data the data
     * @param fit how its columns feed the net's ports, and why the data does not fit the net
     * @param mapping the column mapping the data was checked with
     */
    record DataReady(long request, LoadedData data, DataFit fit, org.netstudio.engine.run.DataMapping mapping)
            implements TrainerNews {
    }

    /**
     * The header of a chosen CSV file was read (before its data, which may fail to load).
     *
     * @param request which load this is part of
     * @param columns the column names
     */
    record Columns(long request, List<String> columns) implements TrainerNews {
    }

    /**
     * The data was checked against the net again (the net or the column mapping changed).
     *
     * @param data the data checked
     * @param fit how its columns feed the net's ports, and why it does not fit
     */
    record Fit(LoadedData data, DataFit fit) implements TrainerNews {
    }

    /**
     * Training goes on, but something about it should be read now (the loss diverges).
     *
     * @param message the warning, for people
     */
    record Warning(String message) implements TrainerNews {
    }

    /** Something went wrong that the person should read. */
    record Problem(String message) implements TrainerNews {
    }

    /**
     * A download advanced.
     *
     * @param fraction done, in [0, 1], or -1 when the size is unknown
     * @param text what is being fetched
     */
    record Download(double fraction, String text) implements TrainerNews {
    }

    /** An IDX set is not on disk; the panel offers to download it. */
    record Missing(org.netstudio.engine.data.DatasetSource source) implements TrainerNews {
    }

    /** The devices the engine found. */
    record Devices(List<DeviceInfo> devices) implements TrainerNews {
    }

    /** One batch of the learning-rate finder's sweep. */
    record FinderPoint(org.netstudio.engine.run.LearningRateFinder.Point point) implements TrainerNews {
    }

    /** The learning-rate finder is done: its result, or why it could not run ({@code result} null). */
    record FinderDone(org.netstudio.engine.run.LearningRateFinder.Result result, String problem) implements TrainerNews {
    }

    /**
     * A training handed to PyTorch has its project folder, written and about to start.
     *
     * @param folder the project
     * @param clusterCommand what to run in (a copy of) it on every machine of a two-machine cluster
     */
    record ProjectWritten(java.nio.file.Path folder, String clusterCommand) implements TrainerNews {
    }

    /**
     * The search for a Python with PyTorch ended.
     *
     * @param python the interpreter found, or empty
     * @param torchVersion its PyTorch version, or empty when none was found
     */
    record PythonFound(java.util.Optional<java.nio.file.Path> python, String torchVersion) implements TrainerNews {
    }
}
