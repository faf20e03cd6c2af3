package org.netstudio.app.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The documents of {@code docs/} that the build bundles for Help (under
 * {@code org/netstudio/app/help/docs/}), by file name, so that links between them work as they do
 * in the repository.
 */
public enum HelpDocument {
    USER_GUIDE("user-guide.md", "User Guide"),
    LAYER_REFERENCE("layers.md", "Layer Reference"),
    COMMAND_LINE("cli.md", "Command Line"),
    NET_FILE_FORMAT("net-file-format.md", "Net File Format"),
    ARCHITECTURE("architecture.md", "Architecture");

    private final String file;
    private final String title;

    HelpDocument(String file, String title) {
        this.file = file;
        this.title = title;
    }

    /** The file name in {@code docs/}, e.g. {@code user-guide.md}. */
    public String file() {
        return file;
    }

    /** How the viewer's buttons and title name it. */
    public String title() {
        return title;
    }

    /** The document a relative link names ("layers.md", "./cli.md"), if it is one of these. */
    public static Optional<HelpDocument> byFile(String name) {
        String bare = name.startsWith("./") ? name.substring(2) : name;
        for (HelpDocument d : values()) {
            if (d.file.equals(bare)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
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
