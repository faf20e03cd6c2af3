package org.netstudio.app.cli;

import picocli.CommandLine.Mixin;

/** A subcommand that reads one net (NET, any net) and says what it found, as text or with {@code --json}. */
abstract class NetCommand extends Subcommand {

    @Mixin
    NetArgument.AnyNet net;

    @Mixin
    JsonOption json;
}
