package org.netstudio.app.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.netgraph.edit.SetParameter;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** The document model of the window, without JavaFX: open nets, autosave, recent files, the data folder. */
class DocumentModelTest {

    private static final NetDocument LENET = Gallery.standard().load("lenet");

    private static void edit(OpenNet net, int channels) {
        net.stack().execute(new SetParameter(NodePath.of("conv1"), "channels", channels));
    }

    @Test
    void anOpenNetIsDirtyAfterAnEditAndCleanAfterSavingOrUndoing(@TempDir Path dir) throws IOException {
        OpenNet net = OpenNet.untitled(LENET, "LeNet-5");
        int[] told = new int[1];
        net.addListener(() -> told[0]++);
        assertThat(net.isDirty()).isFalse();
        assertThat(net.title()).isEqualTo("LeNet-5");

        edit(net, 8);
        assertThat(net.isDirty()).isTrue();
        net.stack().undo();
        assertThat(net.isDirty()).as("undo back to the saved mark").isFalse();
        net.stack().redo();

        Path file = dir.resolve("lenet.nsnet");
        net.saveAs(file);
        assertThat(net.isDirty()).isFalse();
        assertThat(net.title()).isEqualTo("lenet.nsnet");
        assertThat(net.file()).contains(file.toAbsolutePath());
        assertThat(told[0]).isGreaterThanOrEqualTo(4);

        OpenNet again = OpenNet.read(file);
        assertThat(again.document().net()).isEqualTo(net.document().net());
        assertThat(again.isDirty()).isFalse();
    }

    @Test
    void anEditMadeWhileASaveIsWrittenKeepsTheNetDirtyAndTheFileHoldsTheNetAsItWas(@TempDir Path dir)
            throws IOException {
        OpenNet net = OpenNet.untitled(LENET, "LeNet-5");
        edit(net, 8);
        Path file = dir.resolve("lenet.json");

        OpenNet.Save save = net.save(file);
        edit(net, 12);              // while the file is being written elsewhere
        save.write();
        net.saved(save);

        assertThat(net.file()).contains(file.toAbsolutePath());
        assertThat(net.isDirty()).as("the edit after the save is not in the file").isTrue();
        assertThat(OpenNet.read(file).document().net()).isNotEqualTo(net.document().net());
        net.stack().undo();
        assertThat(net.isDirty()).as("back at the version written").isFalse();
        assertThat(OpenNet.read(file).document().net()).isEqualTo(net.document().net());
    }

    @Test
    void trainedWeightsFollowTheirLayersWhenRenamedGroupedAndUndone(@TempDir Path dir) throws IOException {
        var pretrained = Gallery.standard().loadWithWeights("fashion-cnn-pretrained");
        var conv1 = pretrained.weights().orElseThrow().get("conv1/weights").orElseThrow();
        OpenNet net = OpenNet.untitled(pretrained.document(), "cnn", pretrained.weights().orElseThrow());

        net.stack().execute(new org.netstudio.netgraph.edit.RenameNode(NodePath.ROOT, "conv1", "stem"));
        net.stack().execute(org.netstudio.netgraph.edit.CompoundCommand.of("Group",
                new org.netstudio.netgraph.edit.ChainToGraph(NodePath.ROOT),
                new org.netstudio.netgraph.edit.Group(NodePath.ROOT, java.util.List.of("stem", "bn1"), "block")));
        Path file = dir.resolve("cnn.nsnet");
        net.saveAs(file);

        var reopened = OpenNet.read(file);
        assertThat(reopened.weights().orElseThrow().get("block/stem/weights").orElseThrow().floats())
                .as("the renamed, grouped layer kept its trained weights").containsExactly(conv1.floats());
        assertThat(reopened.weights().orElseThrow().size()).isEqualTo(pretrained.weights().orElseThrow().size());

        net.stack().undo();
        net.stack().undo();
        assertThat(net.weights().orElseThrow().get("conv1/weights")).contains(conv1);
    }

    @Test
    void savingDropsTheWeightsOfDeletedLayersSoTheFileOpensAgain(@TempDir Path dir) throws IOException {
        NetDocument graph = new NetDocument("two", org.netstudio.netgraph.net.Graph.empty()
                .withInput("Input", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED)
                .withOutput("Output", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED), null);
        OpenNet net = OpenNet.untitled(graph, "two");
        for (String name : new String[] {"a", "b"}) {
            net.stack().execute(new org.netstudio.netgraph.edit.AddNode(NodePath.ROOT, name,
                    new org.netstudio.netgraph.net.Layer("Linear", Map.of("units", 4), 0), null));
        }
        Path file = dir.resolve("two.nsnet");
        org.netstudio.netgraph.io.Weights w = org.netstudio.netgraph.io.Weights.of(java.util.List.of(
                org.netstudio.netgraph.io.WeightArray.of(org.netstudio.netgraph.io.Weights.key(NodePath.of("a"), "biases"),
                        new long[] {4}, new float[4]),
                org.netstudio.netgraph.io.WeightArray.of(org.netstudio.netgraph.io.Weights.key(NodePath.of("b"), "biases"),
                        new long[] {4}, new float[4])), Map.of());
        org.netstudio.netgraph.files.NetFiles.write(file, net.document(), w);
        OpenNet opened = OpenNet.read(file);
        assertThat(opened.weights().orElseThrow().size()).isEqualTo(2);

        opened.stack().execute(new org.netstudio.netgraph.edit.RemoveNodes(NodePath.ROOT, java.util.List.of("b")));
        opened.save();

        assertThat(OpenNet.read(file).weights().orElseThrow().arrays()).containsOnlyKeys(
                org.netstudio.netgraph.io.Weights.key(NodePath.of("a"), "biases"));
    }

    @Test
    void aBadFileThrowsTheReadersMessage(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": 3}");
        assertThatThrownBy(() -> OpenNet.read(bad)).isInstanceOf(NetFileException.class).hasMessageContaining("bad.json");
        assertThatThrownBy(() -> OpenNet.untitled(LENET, "x").save()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecoveredNetIsUnsavedAndUndoesToWhatWasSaved() {
        OpenNet saved = OpenNet.untitled(LENET, "LeNet-5");
        edit(saved, 9);
        OpenNet recovered = OpenNet.recovered(LENET, saved.document(), null, "LeNet-5");
        assertThat(recovered.isDirty()).isTrue();
        assertThat(recovered.document()).isEqualTo(saved.document());
        recovered.stack().undo();
        assertThat(recovered.document()).isEqualTo(LENET);
    }

    @Test
    void autosaveKeepsFindsAndForgetsWork(@TempDir Path dir) throws IOException {
        Autosave autosave = new Autosave(dir.resolve("autosave"));
        assertThat(autosave.find()).isEmpty();
        Path origin = dir.resolve("lenet.json");
        autosave.write("a", LENET, Optional.of(origin));
        autosave.write("b", Gallery.standard().load("mlp"), Optional.empty());
        autosave.write("a", LENET, Optional.of(origin));

        assertThat(autosave.find()).extracting(Autosave.Recovered::key).containsExactlyInAnyOrder("a", "b");
        Autosave.Recovered a = autosave.find().stream().filter(r -> r.key().equals("a")).findFirst().orElseThrow();
        assertThat(a.document()).isEqualTo(LENET);
        assertThat(a.file()).contains(origin);

        autosave.delete("a");
        assertThat(autosave.find()).extracting(Autosave.Recovered::key).containsExactly("b");
        Files.writeString(dir.resolve("autosave").resolve("broken.json"), "{");
        assertThat(autosave.find()).as("an unreadable file is skipped").extracting(Autosave.Recovered::key)
                .containsExactly("b");
        autosave.clear();
        assertThat(autosave.find()).isEmpty();
        assertThat(dir.resolve("autosave")).isEmptyDirectory();
    }

    /** Issue 15: autosave offered back a net that could not be checked. */
    @Test
    void autosavedWorkThatCannotBeCheckedIsSetAsideWithTheReasonNotOffered(@TempDir Path dir) throws IOException {
        Autosave autosave = new Autosave(dir.resolve("autosave"));
        autosave.write("good", LENET, Optional.empty());
        // A net the reader refuses (an unknown layer type): kept aside with the reason, never offered back.
        Files.writeString(dir.resolve("autosave").resolve("deep.json"), """
                {"format": "netstudio.net", "version": 1, "name": "deep",
                 "net": {"type": "Chain", "input": {"shape": [2]}, "layers": [{"type": "NoSuchLayer"}]}}
                """);
        Files.writeString(dir.resolve("autosave").resolve("deep.origin"), dir.resolve("deep.json").toString());
        Files.writeString(dir.resolve("autosave").resolve(".good.json.4711.tmp"), "{\"format\"");

        Autosave.Scan scan = autosave.scan();

        assertThat(scan.recovered()).extracting(Autosave.Recovered::key).containsExactly("good");
        assertThat(scan.setAside()).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("deep");
            assertThat(a.reason()).isNotBlank();
            assertThat(a.keptAt()).isEqualTo(dir.resolve("autosave-set-aside").resolve("deep.json")).exists();
        });
        assertThat(dir.resolve("autosave-set-aside").resolve("deep.origin")).exists();
        assertThat(dir.resolve("autosave")).as("the killed autosave's temporary is gone too")
                .isDirectoryNotContaining(p -> !p.getFileName().toString().startsWith("good."));
        assertThat(autosave.scan().setAside()).as("reported once").isEmpty();
    }

    @Test
    void recentFilesAreNewestFirstOnceEachAtMostTenAndPrunedOfMissingFiles(@TempDir Path dir) throws IOException {
        RecentFiles recent = new RecentFiles(dir.resolve("data").resolve("recent.txt"));
        assertThat(recent.all()).isEmpty();
        for (int i = 0; i < 12; i++) {
            Path p = dir.resolve("net" + i + ".json");
            Files.writeString(p, "{}");
            recent.add(p);
        }
        recent.add(dir.resolve("net5.json"));
        assertThat(recent.all()).hasSize(RecentFiles.LIMIT);
        assertThat(recent.all().get(0).getFileName()).hasToString("net5.json");
        assertThat(recent.all().get(1).getFileName()).hasToString("net11.json");
        assertThat(recent.all()).doesNotHaveDuplicates();

        Files.delete(dir.resolve("net11.json"));
        assertThat(recent.prune()).extracting(p -> p.getFileName().toString()).containsExactly("net11.json");
        assertThat(new RecentFiles(dir.resolve("data").resolve("recent.txt")).all()).hasSize(RecentFiles.LIMIT - 1);
    }

    @Test
    void theDataFolderFollowsThePlatformUnlessOverridden() {
        Path home = Path.of("/home/ada");
        assertThat(DataFolder.resolve("/tmp/x", "Linux", Map.of(), home)).isEqualTo(Path.of("/tmp/x"));
        assertThat(DataFolder.resolve(null, "Linux", Map.of(), home)).isEqualTo(home.resolve(".local/share/netstudio"));
        assertThat(DataFolder.resolve(null, "Linux", Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/netstudio"));
        assertThat(DataFolder.resolve(null, "Mac OS X", Map.of(), home))
                .isEqualTo(home.resolve("Library/Application Support/NetStudio"));
        assertThat(DataFolder.resolve(null, "Windows 11", Map.of("APPDATA", "C:/Users/ada/AppData/Roaming"), home))
                .isEqualTo(Path.of("C:/Users/ada/AppData/Roaming/NetStudio"));
    }
}
