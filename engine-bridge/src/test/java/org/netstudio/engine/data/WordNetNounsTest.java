package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WordNet's noun definitions as labelled sentences: read from Debian's wordnet-base, or refused with a reason. */
class WordNetNounsTest {

    @TempDir
    Path dir;

    private static String synset(int offset, int lexFile, String word, String gloss) {
        return String.format("%08d %02d n 01 %s 0 000 | %s  ", offset, lexFile, word, gloss);
    }

    @Test
    void definitionsAreGlossesWithoutTheirQuotedExamplesOrDomainLabel() {
        assertThat(WordNetNouns.definition("a dish of stewed meat; \"the stew was good\"")).isEqualTo("a dish of stewed meat");
        assertThat(WordNetNouns.definition("(botany) a plant that flowers every year  ")).isEqualTo("a plant that flowers every year");
        assertThat(WordNetNouns.definition("a domestic cat")).isEqualTo("a domestic cat");
    }

    @Test
    void aFileReadsAsBalancedShuffledClassesWithAFifthHeldOut() throws IOException {
        List<String> lines = new ArrayList<>(List.of("  1 This software and database is being provided to you"));
        int offset = 100;
        for (int i = 0; i < 6; i++) {
            lines.add(synset(offset++, 5, "beast" + i, "a large wild animal number " + i + "; \"a beast\""));
            lines.add(synset(offset++, 6, "tool" + i, "an implement used by hand number " + i));
            lines.add(synset(offset++, 13, "stew" + i, "a dish of stewed meat number " + i));
            lines.add(synset(offset++, 20, "herb" + i, "a low plant with soft stems number " + i));
            lines.add(synset(offset++, 18, "person" + i, "a human being of one kind number " + i));
            lines.add(synset(offset++, 5, "cat", "a cat"));
        }
        Path file = Files.write(dir.resolve("data.noun"), lines);

        WordNetNouns.Split split = WordNetNouns.read(file, 5, 7);

        assertThat(split.train().size()).isEqualTo(16);
        assertThat(split.test().size()).isEqualTo(4);
        List<String> labels = new ArrayList<>(split.train().labels());
        labels.addAll(split.test().labels());
        Map<String, Long> counts = labels.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        assertThat(counts).containsOnlyKeys(WordNetNouns.classes()).allSatisfy((k, v) -> assertThat(v).isEqualTo(5));
        // The person class is not one of them; too short a definition ("a cat") tells too little.
        assertThat(split.train().texts()).noneMatch(t -> t.contains("human") || t.equals("a cat"))
                .allMatch(t -> !t.contains("\""));
        assertThat(split.train().sources().get(0)).matches("data\\.noun, line \\d+");
        assertThat(WordNetNouns.read(file, 5, 7).train().texts()).as("the same draw with the same seed")
                .isEqualTo(split.train().texts());
    }

    @Test
    void aFileThatIsNoWordNetIsRefusedNamingItsLine() throws IOException {
        Path file = Files.write(dir.resolve("data.noun"), List.of("  licence", "sentence,label", "a cat,animal"));

        assertThatThrownBy(() -> WordNetNouns.read(file, 5, 7)).isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": line 2: not a WordNet synset line (offset, lexicographer file, type, words, … | gloss)");
    }

    @Test
    void aCatalogWithoutWordNetSaysWhichPackageInstallsIt() {
        DatasetCatalog catalog = new DatasetCatalog(new DatasetLocator(List.of(dir.resolve("datasets")), dir.resolve("cache")));
        assumeTrue(!Files.exists(WordNetNouns.DEBIAN.resolve("data.noun")), "wordnet-base is installed here");

        assertThat(catalog.isOnDisk(DatasetSource.WORDNET_NOUNS)).isFalse();
        assertThatThrownBy(() -> catalog.texts(DatasetSource.WORDNET_NOUNS)).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageStartingWith("wordnet-nouns: WordNet's data.noun is not on this machine")
                .hasMessageEndingWith("install Debian's package wordnet-base");
    }

    /** Debian's wordnet-base (in .ci/run's apt list): 2,000 definitions, 1,600 to train and 400 to test. */
    @Test
    void debiansWordNetGivesTwoThousandDefinitionsOfFourClasses() throws IOException {
        assumeTrue(DatasetCatalog.standard().isOnDisk(DatasetSource.WORDNET_NOUNS), "wordnet-base is not installed");

        WordNetNouns.Split split = DatasetCatalog.standard().texts(DatasetSource.WORDNET_NOUNS);

        assertThat(split.train().size()).isEqualTo(1600);
        assertThat(split.test().size()).isEqualTo(400);
        assertThat(split.train().classNames()).containsExactly("animal", "artifact", "food", "plant");
        assertThat(split.test().classNames()).containsExactly("animal", "artifact", "food", "plant");
        assertThat(DatasetSource.named("wordnet-nouns")).contains(DatasetSource.WORDNET_NOUNS);
        assertThat(DatasetSource.names()).contains("wordnet-nouns");
    }
}
