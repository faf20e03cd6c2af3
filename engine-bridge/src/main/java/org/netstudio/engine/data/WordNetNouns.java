package org.netstudio.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Labelled sentences from WordNet 3.0 as Debian's {@code wordnet-base} installs it
 * ({@code /usr/share/wordnet/data.noun}): the definition of a noun synset (its gloss without the
 * quoted examples, which often name the word), labelled by the lexicographer file it belongs to:
 * animal, plant, food or artifact. A set for sentence classifiers: "a small domesticated carnivorous
 * mammal with soft fur" is an animal, "a dish of stewed meat" food.
 *
 * <p>{@value #PER_CLASS} definitions a class, drawn with the catalog's seed among the synsets of the
 * class whose definition has {@value #MIN_WORDS} words or more, then shuffled; the first 80 % train,
 * the rest is the test split. The same on every machine with the same WordNet. Stateless.
 */
public final class WordNetNouns {

    /** The catalog's folder name: looked for like any dataset, then where Debian's package puts it. */
    public static final String NAME = "wordnet";
    /** Where Debian's {@code wordnet-base} installs the database. */
    public static final Path DEBIAN = Path.of("/usr/share/wordnet");
    /** The definitions drawn from each class. */
    public static final int PER_CLASS = 500;
    /** Definitions shorter than this tell too little to classify. */
    static final int MIN_WORDS = 4;

    /** Lexicographer file number (WordNet's lexnames) → class label. */
    private static final Map<Integer, String> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put(5, "animal");
        CLASSES.put(6, "artifact");
        CLASSES.put(13, "food");
        CLASSES.put(20, "plant");
    }

    private WordNetNouns() {
    }

    /** The class labels, in the order a classifier for this set lists them. */
    public static List<String> classes() {
        return List.copyOf(CLASSES.values());
    }

    /** The folder holding {@code data.noun}: a catalog location first, then Debian's. */
    public static Optional<Path> locate(DatasetLocator locator) {
        return locator.find(NAME, WordNetNouns::complete).or(() -> complete(DEBIAN) ? Optional.of(DEBIAN) : Optional.empty());
    }

    /**
     * The set, as training texts with the test split's texts.
     *
     * @throws DatasetNotFoundException when WordNet is nowhere it is looked for (the message says how to get it)
     * @throws DatasetFormatException when data.noun is not WordNet's format
     */
    public static Split open(DatasetLocator locator, long seed) throws IOException {
        Path folder = locate(locator).orElseThrow(() -> {
            List<Path> searched = new ArrayList<>(locator.candidates(NAME));
            searched.add(DEBIAN);
            return new DatasetNotFoundException("wordnet-nouns: WordNet's data.noun is not on this machine (looked in "
                    + searched + "); install Debian's package wordnet-base", searched);
        });
        return read(folder.resolve("data.noun"), PER_CLASS, seed);
    }

    /** Training and test texts. */
    public record Split(LabelledTexts train, LabelledTexts test) {
    }

    /**
     * Reads a {@code data.noun} file: {@code perClass} definitions of each class, 80 % to train.
     *
     * @throws DatasetFormatException naming the file and line when a synset line is malformed, or a
     *     class has fewer than {@code perClass} definitions
     */
    public static Split read(Path file, int perClass, long seed) throws IOException {
        Map<String, List<String[]>> byClass = new LinkedHashMap<>();
        CLASSES.values().forEach(c -> byClass.put(c, new ArrayList<>()));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.startsWith("  ") || line.isBlank()) {
                    continue; // the licence at the top
                }
                String[] fields = line.split(" ", 3);
                int bar = line.indexOf(" | ");
                if (fields.length < 3 || bar < 0 || !fields[1].matches("\\d\\d")) {
                    throw new DatasetFormatException(file, "line " + number + ": not a WordNet synset line"
                            + " (offset, lexicographer file, type, words, … | gloss)");
                }
                String label = CLASSES.get(Integer.parseInt(fields[1]));
                String definition = definition(line.substring(bar + 3));
                if (label != null && definition.split("\\s+").length >= MIN_WORDS) {
                    byClass.get(label).add(new String[] {definition, file.getFileName() + ", line " + number});
                }
            }
        }
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> c : byClass.entrySet()) {
            List<String[]> all = c.getValue();
            if (all.size() < perClass) {
                throw new DatasetFormatException(file, all.size() + " definitions of " + c.getKey()
                        + ", fewer than the " + perClass + " the set takes; is it WordNet 3.0's data.noun?");
            }
            Collections.shuffle(all, random);
            all.subList(0, perClass).forEach(r -> rows.add(new String[] {r[0], c.getKey(), r[1]}));
        }
        Collections.shuffle(rows, random);
        int train = rows.size() * 4 / 5;
        return new Split(texts("wordnet-nouns (train)", rows.subList(0, train)),
                texts("wordnet-nouns (test)", rows.subList(train, rows.size())));
    }

    private static LabelledTexts texts(String name, List<String[]> rows) {
        return new LabelledTexts(name, rows.stream().map(r -> r[0]).toList(), rows.stream().map(r -> r[1]).toList(),
                rows.stream().map(r -> r[2]).toList());
    }

    /** A gloss without its quoted examples: "a dish of stewed meat; \"the stew was good\"" → "a dish of stewed meat". */
    static String definition(String gloss) {
        int example = gloss.indexOf("; \"");
        String d = (example >= 0 ? gloss.substring(0, example) : gloss).strip();
        return d.startsWith("(") && d.indexOf(')') > 0 ? d.substring(d.indexOf(')') + 1).strip() : d;
    }

    private static boolean complete(Path folder) {
        return Files.isRegularFile(folder.resolve("data.noun"));
    }
}
