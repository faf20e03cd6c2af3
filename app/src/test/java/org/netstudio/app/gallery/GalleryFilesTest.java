package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed gallery files are exactly what {@link GalleryNets} builds, so they never drift from
 * the published definitions the builder spells out. After changing the builder, rewrite them with
 * {@code mvn -o -pl app test -Dtest=GalleryFilesTest -Dgallery.write=true}.
 */
class GalleryFilesTest {

    @Test
    void committedFilesAreWhatTheBuilderWrites() throws IOException {
        Map<String, String> expected = GalleryFiles.expected();
        if (Boolean.getBoolean("gallery.write")) {
            for (Map.Entry<String, String> f : expected.entrySet()) {
                Files.writeString(GalleryNets.ASSETS.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> f : expected.entrySet()) {
            Path file = GalleryNets.ASSETS.resolve(f.getKey());
            assertThat(file).as("%s (rewrite with -Dgallery.write=true)", f.getKey()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("%s differs from what GalleryNets builds (rewrite with -Dgallery.write=true)", f.getKey())
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void theFolderHoldsNoOtherJsonFile() throws IOException {
        try (Stream<Path> files = Files.list(GalleryNets.ASSETS)) {
            List<String> json = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
            assertThat(json).containsExactlyInAnyOrderElementsOf(GalleryFiles.expected().keySet());
        }
    }
}
