package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.encoding.CharacterEncoder;
import org.netstudio.engine.encoding.TokenEncoder;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;

/** Text files read and encoded for a net with a text encoder: tables, class folders, plain text in windows. */
class TextDatasetsTest {

    /** A word classifier whose input encoder is given, with a Class decoder over the labels when given. */
    static Chain classifier(Coder encoder, List<String> labels) {
        Chain c = Chain.of(PortDecls.encoder(encoder), Layer.of("Embedding", "size", 8),
                Layer.of("GRU", "units", 8, "returnSequences", false), Layer.of("Linear", "units", 3),
                Layer.of("Softmax"));
        return labels == null ? c : c.withOutput(PortDecls.decoder(new Coder("Class", Map.of("labels", labels))));
    }

    private static TextDatasets.Options options(String target, double validation) {
        return TextDatasets.Options.defaults(target, validation, 1);
    }

    @Test
    void aCsvOfWordsBecomesCharacterSequencesAndClassesWithTheAlphabetOfTheTrainingRowsAlone(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("words.csv");
        Files.writeString(csv, "word,language\nhaus,de\ncasa,es\nhouse,en\nmaison,fr\nzzz,en\n");
        NetNode net = classifier(new Coder("Characters", Map.of()), List.of("de", "en", "es", "fr"));
        TextDatasets.TextData data = TextDatasets.open(csv, net, options("language", 0.2));

        assertThat(data.table().size()).isEqualTo(5);
        assertThat(data.validation()).as("training holds back its share with the same split").isNull();
        SequenceColumn text = (SequenceColumn) data.table().column(ExampleTable.FEATURES).orElseThrow();
        String alphabet = ((CharacterEncoder) data.encoder()).alphabet();
        assertThat(text.vocabulary()).isEqualTo(alphabet.codePointCount(0, alphabet.length()));
        assertThat(text.describe()).startsWith("sequences of characters (");
        // The alphabet holds the characters of the rows the training run will train on, and no others.
        List<String> words = List.of("haus", "casa", "house", "maison", "zzz");
        StringBuilder trained = new StringBuilder();
        for (int row : ValidationSplit.of(5, 0.2, 1).training()) {
            trained.append(words.get(row));
        }
        String expected = trained.chars().sorted().distinct().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append) + "\uFFFD";
        assertThat(alphabet).isEqualTo(expected);
        assertThat(data.table().classNames()).containsExactly("de", "en", "es", "fr");
        TargetColumn target = (TargetColumn) data.table().column(ExampleTable.TARGET).orElseThrow();
        assertThat(((Targets.Classes) target.targets()).classCount()).isEqualTo(4);
        // The net that comes back holds the alphabet, so that it reads texts the same way after training.
        Coder fitted = ((Chain) data.net()).input().coder();
        assertThat(fitted).isEqualTo(new Coder("Characters", Map.of("alphabet", alphabet)));
        assertThat(Coders.builtFromData(fitted)).isFalse();
    }

    @Test
    void theShippedWordTableReads() throws Exception {
        Path csv = Path.of(TextDatasetsTest.class.getResource("words.csv").toURI());
        LabelledTexts texts = TextReaders.table(csv, "language", null);
        assertThat(texts.size()).isEqualTo(10_000);
        assertThat(texts.classNames()).containsExactly("de", "en", "es", "fr", "it");
    }

    @Test
    void aTsvAndAChosenTextColumnRead(@TempDir Path dir) throws Exception {
        Path tsv = dir.resolve("reviews.tsv");
        Files.writeString(tsv, "id\ttext\tmood\n1\tA fine, fine day\tgood\n2\tAwful rain\tbad\n");
        LabelledTexts t = TextReaders.table(tsv, "mood", "text");
        assertThat(t.texts()).containsExactly("A fine, fine day", "Awful rain");
        assertThat(t.labels()).containsExactly("good", "bad");
        assertThat(t.sources()).containsExactly(tsv + ", line 2", tsv + ", line 3");

        NetNode net = classifier(new Coder("Tokens", Map.of()), null);
        TextDatasets.TextData data = TextDatasets.classification(t, net, options("mood", 0));
        assertThat(((TokenEncoder) data.encoder()).vocabulary()).containsExactly("<unk>", "fine", ",", "a", "awful",
                "day", "rain");
        assertThat(data.validation()).isNull();
        assertThat(data.table().classNames()).containsExactly("bad", "good");
    }

    @Test
    void eachBadTableIsOneSentenceNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("w.csv");
        Files.writeString(csv, "word,language\nhaus,de\n,en\n");
        assertThatThrownBy(() -> TextReaders.table(csv, "language", null)).isInstanceOf(DatasetFormatException.class)
                .hasMessage(csv + ": line 3, column 1 ('word'): the text is empty");
        Files.writeString(csv, "word,language\nhaus,de\ncasa\n");
        assertThatThrownBy(() -> TextReaders.table(csv, "language", null))
                .hasMessage(csv + ": line 3 has 1 cells, but the header has 2 columns");
        assertThatThrownBy(() -> TextReaders.table(csv, "lang", null))
                .hasMessage(csv + ": there is no column 'lang'; the columns are: word, language");
        Files.writeString(csv, "id,word,language\n1,haus,de\n");
        assertThatThrownBy(() -> TextReaders.table(csv, "language", null)).hasMessage(csv
                + ": there are several columns besides 'language' (id, word); say which one holds the text");
        Files.write(csv, new byte[] {'w', ',', 'l', '\n', 'h', (byte) 0xC3, '(', ',', 'd', '\n'});
        assertThatThrownBy(() -> TextReaders.table(csv, "l", null)).isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(csv + ": is not UTF-8 text");

        Files.writeString(csv, "word,language\nhaus,de\ncasa,xx\n");
        NetNode net = classifier(new Coder("Characters", Map.of()), List.of("de", "en", "es"));
        assertThatThrownBy(() -> TextDatasets.open(csv, net, options("language", 0)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(csv + ", line 3: the label 'xx' is not one of the net's classes (de, en, es)");

        NetNode fixed = classifier(new Coder("Characters", Map.of("alphabet", "abc")), null);
        assertThatThrownBy(() -> TextDatasets.open(csv, fixed, options("language", 0)))
                .hasMessage(csv + ", line 2: The character 'h' (U+0068) at position 1 of \"haus\" is not in the alphabet");
    }

    @Test
    void aFolderWithASubFolderPerClassGivesOneExamplePerTextFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("spam"));
        Files.createDirectories(dir.resolve("ham"));
        Files.writeString(dir.resolve("spam/1.txt"), "Win money now!\n");
        Files.writeString(dir.resolve("spam/2.txt"), "Cheap pills");
        Files.writeString(dir.resolve("ham/1.txt"), "See you at lunch");
        Files.writeString(dir.resolve("ham/notes.md"), "ignored");
        LabelledTexts t = TextReaders.folder(dir);
        assertThat(t.texts()).containsExactly("See you at lunch", "Win money now!", "Cheap pills");
        assertThat(t.labels()).containsExactly("ham", "spam", "spam");
        assertThat(t.classNames()).containsExactly("ham", "spam");

        Files.writeString(dir.resolve("ham/empty.txt"), " \n");
        assertThatThrownBy(() -> TextReaders.folder(dir)).isInstanceOf(DatasetFormatException.class)
                .hasMessage(dir.resolve("ham/empty.txt") + ": the text is empty");
        Path one = Files.createDirectories(dir.resolve("one/only"));
        assertThatThrownBy(() -> TextReaders.folder(one.getParent())).hasMessage(one.getParent()
                + ": a folder of texts needs one sub-folder per class (at least two), each holding .txt files, but it"
                + " has only 'only'");
    }

    @Test
    void aPlainTextBecomesWindowsWhoseTargetsAreTheNextCharacters(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("poem.txt");
        Files.writeString(txt, "abcabcabcab\nxyz");
        Chain net = Chain.of(PortDecls.encoder(new Coder("Characters", Map.of())), Layer.of("Embedding", "size", 4),
                Layer.of("GRU", "units", 4), Layer.of("Linear", "units", 8), Layer.of("Softmax"))
                .withOutput(PortDecls.decoder(new Coder("Characters", Map.of())));
        TextDatasets.TextData data = TextDatasets.open(txt, net, options(null, 0).withWindow(4, 3));

        SequenceColumn in = (SequenceColumn) data.table().column(ExampleTable.FEATURES).orElseThrow();
        SequenceColumn next = (SequenceColumn) data.table().column(ExampleTable.TARGET).orElseThrow();
        assertThat(in.size()).isEqualTo(4);
        assertThat(data.encoder().decode(in.indices(0))).isEqualTo("abca");
        assertThat(data.encoder().decode(next.indices(0))).isEqualTo("bcab");
        assertThat(data.encoder().decode(in.indices(1))).isEqualTo("abca");
        assertThat(data.encoder().decode(in.indices(3))).isEqualTo("ab\nx");
        assertThat(data.encoder().decode(next.indices(3))).isEqualTo("b\nxy");
        // The output decoder predicts the characters the input reads, so it takes the same alphabet.
        assertThat(((Chain) data.net()).output().coder()).isEqualTo(data.encoder().coder());
        assertThat(data.table().column(ExampleTable.TARGET).orElseThrow().describe())
                .isEqualTo("sequences of next characters (" + data.encoder().size() + " distinct)");
    }

    @Test
    void theLastShareOfAPlainTextIsHeldOutAndALineThatCannotBeEncodedIsNamed(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("t.txt");
        Files.writeString(txt, "one two three four five six seven eight nine ten");
        Chain net = Chain.of(PortDecls.encoder(new Coder("Tokens", Map.of())), Layer.of("Embedding", "size", 4),
                Layer.of("GRU", "units", 4), Layer.of("Linear", "units", 12), Layer.of("Softmax"));
        TextDatasets.TextData data = TextDatasets.open(txt, net, options(null, 0.3).withWindow(3, 3));
        assertThat(((TokenEncoder) data.encoder()).vocabulary()).doesNotContain("nine", "ten").contains("one", "seven");
        SequenceColumn held = (SequenceColumn) data.validation().column(ExampleTable.FEATURES).orElseThrow();
        // "nine ten" is one window: "nine" with "ten" to predict, both unknown to the training part.
        assertThat(data.encoder().decode(held.indices(0))).isEqualTo("<unk>");

        Files.writeString(txt, "abc\nabd\n");
        Chain fixed = Chain.of(PortDecls.encoder(new Coder("Characters", Map.of("alphabet", "abc\n"))),
                Layer.of("Embedding", "size", 4));
        assertThatThrownBy(() -> TextDatasets.open(txt, fixed, options(null, 0)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("t.txt, line 2: The character 'd' (U+0064) at position 3 of \"abd\" is not in the alphabet");
    }

    @Test
    void aNetWithoutATextEncoderIsToldToGetOne(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("w.csv");
        Files.writeString(csv, "word,language\nhaus,de\n");
        NetNode net = NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", \"net\":"
                + " {\"type\": \"Chain\", \"input\": {\"shape\": [\"n\"], \"index\": 30}, \"layers\":"
                + " [{\"type\": \"Embedding\", \"size\": 4}]}}", "t.json").net();
        assertThat(TextDatasets.textInput(net)).isEmpty();
        assertThatThrownBy(() -> TextDatasets.open(csv, net, options("language", 0))).hasMessage("The net has no input"
                + " with a text encoder (Characters, Tokens or Subwords) to read the text with; put one on its input");
    }

    @Test
    void aTableReadWithMiniLmsWordPiecesGivesBertIds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, "sentence,label\n\"Hello, world!\",greeting\nGoodbye,farewell\n");
        NetNode net = classifier(new Coder("Subwords", Map.of("tokenizer", "all-MiniLM-L6-v2")), null);
        TextDatasets.TextData data = TextDatasets.open(csv, net, options("label", 0));
        SequenceColumn ids = (SequenceColumn) data.table().column(ExampleTable.FEATURES).orElseThrow();
        assertThat(ids.vocabulary()).isEqualTo(30522);
        assertThat(ids.indices(0)).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(((Chain) data.net()).input().coder().options()).containsEntry("size", 30522);
    }
}
