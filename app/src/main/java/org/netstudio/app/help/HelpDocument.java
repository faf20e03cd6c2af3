package org.netstudio.app.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The documents of {@code docs/} that the build bundles for Help (under
 * {@code org/netstudio/app/help/docs/}), by file name, so that links between them work as they do
 * in the repository.
 */
public enum HelpDocument {
    USER_GUIDE("user-guide.md"),
    LAYER_REFERENCE("layers.md"),
    COMMAND_LINE("cli.md"),
    NET_FILE_FORMAT("net-file-format.md"),
    ARCHITECTURE("architecture.md");

    private final String file;

    HelpDocument(String file) {
        this.file = file;
    }

    /** The file name in {@code docs/}, e.g. {@code user-guide.md}. */
    public String file() {
        return file;
    }

    /** How the viewer's buttons and title name it: the words of its name, "User Guide". */
    public String title() {
        return Arrays.stream(name().split("_")).map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    /** The document a relative link names ("layers.md", "./cli.md"), if it is one of these. */
    public static Optional<HelpDocument> byFile(String name) {
        String bare = name.startsWith("./") ? name.substring(2) : name;
        return Arrays.stream(values()).filter(d -> d.file.equals(bare)).findFirst();
    }

    /** The bundled text, or empty when this build has no copy of it. */
    public Optional<String> text() {
        try (InputStream in = HelpDocument.class.getResourceAsStream("docs/" + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
