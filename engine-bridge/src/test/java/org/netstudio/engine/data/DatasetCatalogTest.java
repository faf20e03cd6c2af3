package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    private DatasetCatalog catalog() {
        return new DatasetCatalog(new DatasetLocator(List.of(dir.resolve("datasets")), dir.resolve("cache")));
    }

    private static NetFacts classifier(int inputs, int classes) {
        return NetFacts.of(Chain.of(PortDecl.of(TensorType.real(inputs)), Layer.of("Linear", "units", classes),
                Layer.of("Softmax")));
    }

    @Test
    void theBuiltInNamesAreTheGeneratedTheImageAndTheSentenceSets() {
        assertThat(DatasetSource.names()).containsExactly("spirals", "moons", "xor", "linear", "majority", "fashion-mnist", "mnist",
                "wordnet-nouns");
        assertThat(DatasetSource.named(" Fashion_MNIST ")).contains(DatasetSource.FASHION_MNIST);
        assertThat(DatasetSource.named("fashionmnist")).contains(DatasetSource.FASHION_MNIST);
        assertThat(DatasetSource.named("csv")).isEmpty();
    }

    @Test
    void generatedSetsHaveTheirSizesAndATestSplitAndAreTheSameEveryTime() throws IOException {
        record Expected(DatasetSource source, int train, int test, String name, int classes) { }
        for (Expected e : List.of(new Expected(DatasetSource.SPIRALS, 900, 300, "Spirals (3 arms) (train)", 3),
                new Expected(DatasetSource.MOONS, 1000, 250, "Moons (train)", 2),
                new Expected(DatasetSource.XOR, 1000, 250, "XOR (train)", 2),
                new Expected(DatasetSource.LINEAR, 2000, 500, "Linear (3 inputs) (train)", 0))) {
            Dataset data = catalog().open(DataChoice.of(e.source()), NetFacts.UNKNOWN);
            assertThat(data.size()).as(e.source().id()).isEqualTo(e.train());
            assertThat(data.testSet().orElseThrow().size()).as(e.source().id()).isEqualTo(e.test());
            assertThat(data.name()).isEqualTo(e.name());
            assertThat(data.classNames()).hasSize(e.classes());
            Dataset again = catalog().open(DataChoice.of(e.source()), NetFacts.UNKNOWN);
            assertThat(again.features(data.size() - 1)).isEqualTo(data.features(data.size() - 1));
            assertThat(again.testSet().orElseThrow().features(0)).isEqualTo(data.testSet().orElseThrow().features(0));
        }
    }

    @Test
    void spiralsHaveAsManyArmsAsTheNetHasOutputsAndLinearAsManyInputsAsItTakes() throws IOException {
        assertThat(catalog().open(DataChoice.of(DatasetSource.SPIRALS), classifier(2, 2)).classNames()).hasSize(2);
        assertThat(catalog().open(DataChoice.of(DatasetSource.SPIRALS), classifier(2, 3)).classNames()).hasSize(3);
        assertThat(catalog().open(DataChoice.of(DatasetSource.SPIRALS), classifier(2, 5)).classNames()).hasSize(3);
        Dataset linear = catalog().open(DataChoice.of(DatasetSource.LINEAR), classifier(5, 1));
        assertThat(linear.featureLength()).isEqualTo(5);
        assertThat(catalog().open(DataChoice.of(DatasetSource.LINEAR), NetFacts.UNKNOWN).featureLength()).isEqualTo(3);
    }

    @Test
    void anImageSetNotOnDiskIsNotFoundAndSaysWhereItLooked() {
        assertThat(catalog().isOnDisk(DatasetSource.MNIST)).isFalse();
        assertThat(catalog().isOnDisk(DatasetSource.SPIRALS)).isTrue();
        assertThat(catalog().downloadFolder(DatasetSource.MNIST)).isEqualTo(dir.resolve("cache").resolve("mnist"));
        assertThatThrownBy(() -> catalog().open(DataChoice.of(DatasetSource.MNIST), NetFacts.UNKNOWN))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageStartingWith("MNIST was not found. Looked in:\n  " + dir.resolve("datasets").resolve("mnist"));
    }

    @Test
    void aCsvFileIsReadWithItsTargetColumnAndWithoutOneOrTheFileItIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,kind\n1,2,x\n3,4,y\n5,6,x\n");

        Dataset data = catalog().open(DataChoice.parse(csv.toString(), "kind"), NetFacts.UNKNOWN);

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.classNames()).containsExactly("x", "y");
        assertThatThrownBy(() -> catalog().open(DataChoice.parse(csv.toString(), null), NetFacts.UNKNOWN))
                .hasMessage(csv + ": a CSV file needs a target column, the column to predict");
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> catalog().open(DataChoice.parse(missing.toString(), "kind"), NetFacts.UNKNOWN))
                .isInstanceOf(DatasetNotFoundException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void aFolderOfImagesIsReadAtTheSizeOfTheNetsImageInputAndNeedsOne() throws IOException {
        for (String kind : List.of("circle", "square")) {
            Files.createDirectories(dir.resolve("shapes").resolve(kind));
            ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png",
                    dir.resolve("shapes").resolve(kind).resolve("1.png").toFile());
        }
        DataChoice folder = DataChoice.parse(dir.resolve("shapes").toString(), null);
        assertThat(folder.source()).isEqualTo(DatasetSource.IMAGE_FOLDER);
        Chain imageNet = Chain.of(new PortDecl(TensorType.real(1, 20, 24), new Coder("Image", java.util.Map.of("size", List.of(24, 20),
                "colorSpace", "Grayscale"))), Layer.of("Flatten"), Layer.of("Linear", "units", 2), Layer.of("Softmax"));

        Dataset images = catalog().open(folder, NetFacts.of(imageNet));

        assertThat(images.featureShape().getShape()).containsExactly(1, 20, 24);
        assertThat(images.classNames()).containsExactly("circle", "square");
        assertThat(NetFacts.of(imageNet).imageEncoder()).isEqualTo(ImageEncoder.of(24, 20, ColorSpace.GRAYSCALE));
        assertThatThrownBy(() -> catalog().open(folder, classifier(2, 2)))
                .hasMessage(dir.resolve("shapes") + ": a folder of images needs a net whose input is an image (an Image"
                        + " encoder, or a c×h×w input with 1 or 3 channels), but the net takes a vector of size 2");
    }

    @Test
    void whatAPersonTypesIsANameACsvFileOrAFolderAndAnythingElseIsExplained() throws IOException {
        assertThat(DataChoice.parse("XOR", null)).isEqualTo(DataChoice.of(DatasetSource.XOR));
        assertThat(DataChoice.parse("table.csv", "y")).isEqualTo(new DataChoice(DatasetSource.CSV, Path.of("table.csv"), "y"));
        assertThatThrownBy(() -> DataChoice.parse("cifar-100", null))
                .hasMessage("cifar-100: not a dataset name (spirals, moons, xor, linear, majority, fashion-mnist, mnist,"
                        + " wordnet-nouns), nor a .csv"
                        + " file, a .txt text or a folder of images");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThat(DataChoice.parse(text.toString(), null)).isEqualTo(new DataChoice(DatasetSource.TEXT_FILE, text, null));
        assertThatThrownBy(() -> new DatasetCatalog(DatasetLocator.standard()).open(DataChoice.parse(text.toString(), null),
                NetFacts.UNKNOWN)).hasMessage("notes.txt: a plain text trains a net that reads text (an input with a"
                        + " Characters, Tokens or Subwords encoder), which this net has not");
        Path other = Files.writeString(dir.resolve("notes.dat"), "hello");
        assertThatThrownBy(() -> DataChoice.parse(other.toString(), null))
                .hasMessage(other + ": a file must be a .csv table or a .txt text (or give a folder of images, or one of"
                        + " spirals, moons, xor, linear, majority, fashion-mnist, mnist, wordnet-nouns)");
    }
}
