package org.netstudio.netgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LayerReferenceTest {

    private final String reference = LayerReference.markdown(LayerCatalog.standard());

    @Test
    void theCommittedReferenceIsTheCatalogAsItIs() throws IOException {
        Path committed = repositoryRoot().resolve("docs").resolve("layers.md");
        assertThat(Files.exists(committed)).as("%s exists", committed).isTrue();
        String text = Files.readString(committed, StandardCharsets.UTF_8);
        assertThat(text)
                .as("docs/layers.md is out of date with the layer catalog; regenerate it from the repository's root with: "
                        + LayerReference.REGENERATE)
                .isEqualTo(reference);
    }

    @Test
    void everyLayerTypeHasASectionWithItsAliasesAndParameters() {
        for (LayerType t : LayerCatalog.standard().types()) {
            assertThat(reference).contains("\n### " + t.name() + "\n");
            t.aliases().forEach(a -> assertThat(reference).contains(a));
            t.params().forEach(p -> assertThat(reference).contains("| `" + p.name() + "` |"));
        }
    }

    @Test
    void parametersReadWithTheirKindBoundsAndDefaults() {
        assertThat(section("Linear")).contains("Aliases: Dense, FullyConnected.")
                .contains("| `units` | whole number, ≥ 1 | required | Size of the output vector. |")
                .contains("| `bias` | `true` or `false` | `true` |")
                .contains("- Inputs: `Input`, real numbers: an array whose last axis is a vector (…×d)");
        assertThat(section("Dropout")).contains("| `rate` | number, 0 ≤ x < 1 | `0.5` |")
                .contains("- Outputs: `Output`, of the input's shape");
        assertThat(section("Pooling")).contains("| `function` | `\"max\"`, `\"mean\"` | `\"max\"` |")
                .contains("| `stride` | whole number, or a list of them (one per axis), each ≥ 1 | — |");
        assertThat(section("BatchNorm")).contains("| `epsilon` | number, ≥ 0 | `0.00001` |");
        assertThat(section("Total")).contains("`Input1`, `Input2`, … (at least 2), real numbers");
    }

    @Test
    void theContentsLinkToEachSectionByTheAnchorItsHeadingGets() {
        assertThat(reference).contains("| Convolution & pooling | [Convolution](#convolution), ")
                .contains("[LeakyReLU](#leakyrelu)");
        assertThat(LayerReference.anchor("Convolution & pooling")).isEqualTo("convolution--pooling");
        assertThat(LayerReference.anchor("The net file, version 1")).isEqualTo("the-net-file-version-1");
    }

    private String section(String type) {
        int start = reference.indexOf("\n### " + type + "\n");
        int end = reference.indexOf("\n### ", start + 1);
        return reference.substring(start, end < 0 ? reference.length() : end);
    }

    /** The checkout's root: the nearest folder up from the module holding docs/ and pom.xml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
