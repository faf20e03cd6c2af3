package org.netstudio.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code train} saves without {@code --out}: {@code NET-trained.nsnet} beside the net file
 * (in the current folder for a gallery id), or else the first of {@code NET-trained-2.nsnet},
 * {@code -3}, … that does not exist yet, so that an earlier result is never overwritten.
 *
 * @param path where to save
 * @param kept the file that exists already and is kept, or null when the first name was free
 */
record TrainedNetFile(Path path, Path kept) {

    /**
     * The file to save a net trained from {@code netArgument} to.
     *
     * @param netArgument the NET argument: a net file, or a gallery id when no such file exists
     * @return a path that does not exist yet, relative when the net's was
     */
    static TrainedNetFile beside(String netArgument) {
        return beside(netArgument, "trained");
    }

    /**
     * As {@link #beside(String)} with another word after the net's name: {@code NET-sweep-best.nsnet}.
     *
     * @param netArgument the NET argument
     * @param word what the file holds, e.g. "sweep-best"
     * @return a path that does not exist yet
     */
    static TrainedNetFile beside(String netArgument, String word) {
        Path net = Path.of(netArgument);
        boolean file = Files.exists(net);
        Path folder = file && net.getParent() != null ? net.getParent() : Path.of("");
        String name = (file ? net.getFileName().toString() : netArgument).replaceFirst("(?i)\\.(json|nsnet)$", "");
        Path first = folder.resolve(name + "-" + word + ".nsnet");
        Path free = first;
        for (int n = 2; Files.exists(free); n++) {
            free = folder.resolve(name + "-" + word + "-" + n + ".nsnet");
        }
        return new TrainedNetFile(free, free.equals(first) ? null : first);
    }

    /**
     * What is wrong with an {@code --out} file, said as the option's usage error: not a .nsnet
     * file, or in a folder that does not exist.
     *
     * @param out the file given
     * @return the problem, or empty when it will do
     */
    static java.util.Optional<String> problem(Path out) {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nsnet")) {
            return java.util.Optional.of("--out " + out + ": a trained net is saved as a .nsnet file (the net and its "
                    + "weights in one)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return java.util.Optional.of("--out " + out + ": the folder " + parent + " does not exist");
        }
        return java.util.Optional.empty();
    }

    /** How the summary's last line names the file, e.g. {@code "x-trained-2.nsnet (x-trained.nsnet exists and was kept)"}. */
    String describe() {
        return path + (kept == null ? "" : " (" + kept.getFileName() + " exists and was kept)");
    }
}
