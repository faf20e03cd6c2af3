package org.netstudio.engine.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The command line of the benches that time a list of models: {@code [rounds batch models…]}.
 *
 * @param rounds how many times each model is timed (or run)
 * @param batch examples a batch
 * @param models the models, by the names torchvision_zoo.py knows
 */
record ModelBenchArgs(int rounds, int batch, List<String> models) {

    /** The default batch: 8 images of 224×224 (or 8 sequences). */
    static final int DEFAULT_BATCH = 8;

    /** Reads {@code args}, each missing one taking its default. */
    static ModelBenchArgs parse(String[] args, int defaultRounds, List<String> defaultModels) {
        return new ModelBenchArgs(args.length > 0 ? Integer.parseInt(args[0]) : defaultRounds,
                args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_BATCH,
                args.length > 2 ? Arrays.asList(args).subList(2, args.length) : defaultModels);
    }
}
