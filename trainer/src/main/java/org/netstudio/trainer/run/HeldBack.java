package org.netstudio.trainer.run;

import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.results.Outcome;
import org.netstudio.trainer.results.OutcomeEvaluator;

/**
 * The examples a panel training learns from and those it holds back for validation, split as the
 * engine splits them (the seed holds back what the command line's run and PyTorch's train.py hold
 * back), so that the trained net is evaluated afterwards on exactly those.
 *
 * @param training the examples trained on
 * @param validation the held-back examples, or null when none are
 * @param evaluationSet the examples as fixed-shape vectors for the confusion matrix's pictures (the
 *     held-back ones, or all when none are held back); null for sequences
 */
record HeldBack(ExampleTable training, ExampleTable validation, Dataset evaluationSet) {

    static HeldBack of(LoadedData data, double validationFraction, long seed) {
        if (data.fixedValidation().isPresent()) {
            return new HeldBack(data.examples(), data.fixedValidation().get(), null);
        }
        ValidationSplit split = ValidationSplit.of(data.examples().size(), validationFraction, seed);
        ExampleTable training = data.examples().subset(split.training(), data.name());
        ExampleTable validation = split.validationCount() == 0 ? null
                : data.examples().subset(split.validation(), data.name() + " (validation)");
        Dataset set = null;
        if (data.dataset().isPresent()) {
            set = validation == null ? data.dataset().get() : split.validationPart(data.dataset().get());
        }
        return new HeldBack(training, validation, set);
    }

    /** The trained net measured on the held-back examples (on the training ones when none are held back). */
    Outcome evaluate(TrainedNet trained, Binding binding) {
        return evaluationSet != null ? OutcomeEvaluator.evaluate(trained, evaluationSet)
                : OutcomeEvaluator.evaluate(trained, validation != null ? validation : training, binding);
    }
}
