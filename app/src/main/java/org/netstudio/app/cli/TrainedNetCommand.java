package org.netstudio.app.cli;

import picocli.CommandLine.Mixin;

/**
 * A subcommand that runs a trained net (NET) on what it is given: the weights pass the {@link WeightsGate}
 * first, and it answers as text or with {@code --json}.
 */
abstract class TrainedNetCommand extends Subcommand {

    @Mixin
    NetArgument.TrainedNet net;

    @Mixin
    JsonOption json;

    @Mixin
    WeightsGate weightsGate;
}
