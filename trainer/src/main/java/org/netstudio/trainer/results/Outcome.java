package org.netstudio.trainer.results;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.PredictedVsTrue;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingResult;

/**
 * What a finished (or stopped) training produced, evaluated for people: the trained net, and for
 * classification the confusion matrix and some examples it gets wrong, measured on the validation
 * data (the training data when there is none).
 *
 * @param trained the trained net and its history
 * @param evaluatedOn the name of the data the matrix counts
 * @param confusion the confusion matrix, for class targets
 * @param misclassified up to {@link OutcomeEvaluator#MAX_MISCLASSIFIED} wrong predictions
 * @param predictions for real-valued targets, predictions against true values (a scatter); none for classes
 */
public record Outcome(TrainedNet trained, String evaluatedOn, Optional<ConfusionMatrix> confusion,
        List<Misclassified> misclassified, PredictedVsTrue predictions) {

    /** Checks and copies the components. */
    public Outcome {
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(evaluatedOn, "evaluatedOn");
        Objects.requireNonNull(confusion, "confusion");
        misclassified = List.copyOf(misclassified);
        Objects.requireNonNull(predictions, "predictions");
    }

    /** An outcome without predicted-against-true pairs. */
    public Outcome(TrainedNet trained, String evaluatedOn, Optional<ConfusionMatrix> confusion,
            List<Misclassified> misclassified) {
        this(trained, evaluatedOn, confusion, misclassified, PredictedVsTrue.NONE);
    }

    /** The training result: stop reason, best epoch, history, timings. */
    public TrainingResult result() {
        return trained.result();
    }
}
