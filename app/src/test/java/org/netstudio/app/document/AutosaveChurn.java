package org.netstudio.app.document;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Drives {@link Autosave} outside the window for {@code ./bench kill}: {@code write FOLDER} autosaves
 * version after version of a large net until it is killed; {@code scan FOLDER} is the next start's
 * look at the folder, and checks that what it would offer back is one whole version and that no
 * temporary is left. Exit code 0 when all is well.
 */
public final class AutosaveChurn {

    private static final int LAYERS = 1500;

    private AutosaveChurn() {
    }

    /** Version {@code v}: a chain of {@value #LAYERS} Linear layers whose sizes depend on v. */
    static NetDocument version(int v) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            layers.add(Layer.of("Linear", "units", 1 + (v + i) % 7));
        }
        return new NetDocument("v" + v, Chain.of(PortDecl.of(TensorType.real(3)), layers.toArray(Layer[]::new)), null);
    }

    public static void main(String[] args) throws IOException {
        Autosave autosave = new Autosave(Path.of(args[1]));
        if (args[0].equals("write")) {
            for (int v = 0; ; v++) {
                autosave.write("net-1", version(v % 50), Optional.empty());
                if (v == 0) {
                    System.out.println("writing");
                    System.out.flush();
                }
            }
        }
        Autosave.Scan scan = autosave.scan();
        List<String> problems = new ArrayList<>();
        for (Autosave.Recovered r : scan.recovered()) {
            int v = Integer.parseInt(r.document().name().substring(1));
            if (!r.document().net().equals(version(v).net())) {
                problems.add(r.key() + " is not version " + v + " as written");
            }
        }
        scan.setAside().forEach(a -> problems.add(a.key() + " was set aside: " + a.reason()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(args[1]))) {
            for (Path f : files) {
                if (AtomicFiles.isTemporary(f)) {
                    problems.add("temporary left: " + f.getFileName());
                }
            }
        }
        System.out.println(scan.recovered().size() + " recovered" + (problems.isEmpty() ? "" : "; " + problems));
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
