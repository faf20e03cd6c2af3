package org.netstudio.app.cli;

import java.io.PrintWriter;
import org.netstudio.engine.run.TextGenerator;
import org.netstudio.netgraph.io.LoadedNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netstudio generate NET --prompt TEXT}: a trained next-character net continues a prompt,
 * one character at a time (printed as it comes), carrying its recurrent state from step to step.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Continue a text with a trained next-character net (an input with a Characters encoder, "
                + "probabilities of the next character at each position).",
            "Exit code 0: generated; 1: the net cannot generate text or has no weights; 2: a wrong option, or a "
                + "net that cannot be read."})
public final class GenerateCommand extends Subcommand {

    @Mixin
    private NetArgument.TrainedNet net;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The start of the text.")
    private String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "" + TextGenerator.DEFAULT_LENGTH,
            description = "How many characters to add (default ${DEFAULT-VALUE}).")
    private int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + TextGenerator.DEFAULT_TEMPERATURE,
            description = "0 always takes the most probable character; 1 samples the net's probabilities; more is "
                    + "wilder (default ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "The sampling's seed: the same seed gives the same text (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (length < 0 || length > 1_000_000) {
            throw usage("--length must be 0 to 1000000, but was " + length);
        }
        if (!(temperature >= 0 && temperature <= 100)) {
            throw usage("--temperature must be 0 to 100, but was " + temperature);
        }
        LoadedNet loaded = net.load();
        if (loaded.weights().map(w -> w.isEmpty()).orElse(true)) {
            throw CommandFailure.invalid(net.value() + " has no weights; train it first (netstudio train " + net.value()
                    + " --data TEXT.txt)");
        }
        try (TextGenerator generator = TextGenerator.load(loaded.document().net(), loaded.weights().get())) {
            out.print(prompt);
            out.flush();
            generator.generate(prompt, length, temperature, seed, c -> {
                out.print(c);
                out.flush();
            });
            out.println();
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            out.println();
            out.flush();
            throw CommandFailure.invalid(e.getMessage());
        }
    }
}
