package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Why the file {@code name} holding {@code text} is refused as data for {@code target}: the message after the file's path. */
    private String refusal(String name, String text, String target) throws IOException {
        return refusal(name, text, target, CsvDatasets.TargetKind.AUTOMATIC);
    }

    private String refusal(String name, String text, String target, CsvDatasets.TargetKind kind) throws IOException {
        Path file = csv(name, text);
        Throwable t = catchThrowable(() -> CsvDatasets.read(file, target, kind));
        assertThat(t).isInstanceOf(DatasetFormatException.class);
        assertThat(t.getMessage()).startsWith(file + ": ");
        return t.getMessage().substring(file.toString().length() + 2);
    }

    /** The dataset's targets are classes: these names, and these labels example by example. */
    private static void assertClasses(MemoryDataset d, List<String> names, int... labels) {
        assertThat(d.classNames()).containsExactlyElementsOf(names);
        assertThat(((Targets.Classes) d.targets()).labels()).containsExactly(labels);
    }

    @Test
    void stringTargetsBecomeSortedClasses() throws IOException {
        Path file = csv("iris.csv", """
                sepal_length,sepal_width,species,petal_length
                5.1,3.5,setosa,1.4
                7.0,3.2,versicolor,4.7

                6.3,3.3,"virginica",6.0
                4.9, 3.0 ,setosa,1.4e0
                """);
        MemoryDataset d = CsvDatasets.read(file, "species");
        assertThat(d.name()).isEqualTo("iris.csv");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.featureShape()).isEqualTo(new Shape(3));
        assertThat(d.features(0)).containsExactly(5.1f, 3.5f, 1.4f);
        assertThat(d.features(3)).containsExactly(4.9f, 3.0f, 1.4f);
        assertClasses(d, List.of("setosa", "versicolor", "virginica"), 0, 1, 2, 0);
    }

    @Test
    void numericTargetsBecomeRealValues() throws IOException {
        Path file = csv("houses.csv", "\uFEFFarea,rooms,price\n50,2,100.5\n80,3,-2e2\n");
        MemoryDataset d = CsvDatasets.read(file, "price");
        Targets.Values y = (Targets.Values) d.targets();
        assertThat(y.values()).containsExactly(100.5f, -200f);
        assertThat(d.features(1)).containsExactly(80f, 3f);
    }

    @Test
    void numbersCanBeForcedToClassesInNumericOrder() throws IOException {
        Path file = csv("digits.csv", "x,digit\n1,10\n2,2\n3,2\n4,9\n");
        MemoryDataset d = CsvDatasets.read(file, "digit", CsvDatasets.TargetKind.CLASS);
        assertClasses(d, List.of("2", "9", "10"), 2, 0, 0, 1);
    }

    @Test
    void quotedCellsMayHoldCommasAndQuotes() throws IOException {
        Path file = csv("q.csv", "\"a, b\",label\n1,\"say \"\"hi\"\", then go\"\n");
        MemoryDataset d = CsvDatasets.read(file, "label");
        assertThat(d.classNames()).containsExactly("say \"hi\", then go");
        assertThatThrownBy(() -> CsvDatasets.read(file, "a, b"))
                .hasMessageContaining("line 2, column 2 ('label'): 'say \"hi\", then go' is not a number");
    }

    @Test
    void raggedRowsNameTheLine() throws IOException {
        assertThat(refusal("ragged.csv", "a,b,c\n1,2,3\n4,5\n", "c"))
                .isEqualTo("line 3 has 2 cells, but the header has 3 columns");
    }

    @Test
    void nonNumericFeaturesNameLineAndColumn() throws IOException {
        assertThat(refusal("text.csv", "a,b,y\n1,2,x\n3,abc,y\n", "y"))
                .isEqualTo("line 3, column 2 ('b'): 'abc' is not a number");
        assertThat(refusal("empty-cell.csv", "a,b,y\n1,,x\n", "y"))
                .isEqualTo("line 2, column 2 ('b'): the cell is empty; every feature must be a number");
        assertThat(refusal("nan.csv", "a,y\nNaN,1\n", "y")).endsWith("'NaN' is not a number");
        assertThat(refusal("hex.csv", "a,y\n0x10,1\n", "y")).endsWith("'0x10' is not a number");
    }

    @Test
    void realTargetsMustBeNumbers() throws IOException {
        assertThat(refusal("real.csv", "a,y\n1,2\n3,high\n", "y", CsvDatasets.TargetKind.REAL))
                .isEqualTo("line 3, column 2 ('y'): 'high' is not a number");
    }

    @Test
    void aMissingTargetColumnListsTheColumns() throws IOException {
        assertThat(refusal("cols.csv", "width,height,kind\n1,2,a\n", "type"))
                .isEqualTo("there is no column 'type'; the columns are: width, height, kind");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreReported() throws IOException {
        assertThat(refusal("empty.csv", "\n\n", "y")).contains("is empty");
        assertThat(refusal("header.csv", "a,y\n", "y")).isEqualTo("has a header but no data rows");
        assertThat(refusal("alone.csv", "y\n1\n", "y")).contains("is the only column");
        assertThat(refusal("quote.csv", "a,y\n\"1,2\n", "y"))
                .isEqualTo("line 2, column 1: the quote opened at character 1 is never closed");
        assertThat(refusal("empty-target.csv", "a,y\n1,x\n2,\n", "y"))
                .isEqualTo("line 3, column 2 ('y'): the target cell is empty");
    }

    @Test
    void aHugeCellIsRefusedQuotingOnlyItsStart() throws IOException {
        String huge = "9".repeat(3 << 20);
        assertThat(refusal("huge.csv", "a,y\n" + huge + ",1\n", "y"))
                .isEqualTo("line 2 is longer than 1048576 characters, more than a CSV row NetStudio reads"
                        + " (it starts '" + "9".repeat(59) + "…')");
        String longWord = "x".repeat(5000);
        assertThat(refusal("word.csv", "a,y\n" + longWord + ",1\n", "y"))
                .isEqualTo("line 2, column 1 ('a'): '" + "x".repeat(59) + "…' is not a number");
        Path header = csv("columns.csv", "a" + longWord + ",b\n1,2\n");
        assertThat(catchMessage(() -> CsvDatasets.read(header, "y"))).hasSizeLessThan(300)
                .startsWith(header + ": there is no column 'y'; the columns are: a" + "x".repeat(58) + "…, b");
    }

    private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call).getMessage();
    }

    @Test
    void oneNanInARealTargetColumnIsAnErrorNamingRowAndColumnNotANewClass() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(',').append(i * 0.5 + 0.25).append('\n');
        }
        assertThat(refusal("nan.csv", text + "50,NaN\n", "y"))
                .isEqualTo("line 52, column 2 ('y'): 'NaN' is not a number, but the target column holds numbers"
                        + " (e.g. '0.25' on line 2); every target of a numeric column must be a number");
        assertThat(refusal("empty-real.csv", text + "50,\n", "y"))
                .startsWith("line 52, column 2 ('y'): the target cell is empty, but the target column holds numbers");
        assertThat(refusal("word-real.csv", text + "50,high\n", "y"))
                .startsWith("line 52, column 2 ('y'): 'high' is not a number, but the target");
        assertThat(refusal("na-int.csv", "x,count\n1,3\n2,NA\n3,5\n", "count"))
                .startsWith("line 3, column 2 ('count'): 'NA' is not a number");
    }

    @Test
    void wholeNumbersAmongWordsStayClasses() throws IOException {
        Path file = csv("mixed.csv", "x,label\n1,cat\n2,7\n3,dog\n");
        assertThat(CsvDatasets.read(file, "label").classNames()).containsExactly("7", "cat", "dog");
    }

    @Test
    void aPipeOrAFolderIsRefusedBeforeOpening() throws Exception {
        Path fifo = dir.resolve("data.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "needs mkfifo");
        assertThatThrownBy(() -> CsvDatasets.read(fifo, "y")).isInstanceOf(DatasetFormatException.class)
                .hasMessage(fifo + ": it is a named pipe (FIFO), not a regular file");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertThatThrownBy(() -> CsvDatasets.read(folder, "y"))
                .hasMessage(folder + ": it is a folder, not a regular file");
    }

    @Test
    void linesEndInAnyConvention() throws IOException {
        Path file = csv("crlf.csv", "a,y\r\n1,2\r3,4\n5,6");
        assertThat(((Targets.Values) CsvDatasets.read(file, "y").targets()).values()).containsExactly(2f, 4f, 6f);
    }
}
