package org.netstudio.app.window;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.canvas.level.NodeMark;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.TrainerPanel;
import org.netstudio.trainer.data.DataFilePicker;

/**
 * The trainer of each open net: a {@link TrainerPanelModel} with its {@link TrainerPanel}, made when the
 * net's tab opens and closed with it (a running training is stopped, the model's thread ends). Each
 * keeps its own data choice, options, plots and results; the window shows the one of the net in
 * front. A training in a tab behind goes on: its news is applied every frame, so that its panel is
 * current the moment its tab comes back to the front.
 */
final class TrainerPanels {

    /** One net's trainer and what ties it to the net. */
    private record Trainer(TrainerPanelModel model, TrainerPanel panel, Runnable weightsListener) {
    }

    private final Map<NetTab, Trainer> trainers = new LinkedHashMap<>();
    private final ObservableValue<NetTab> front;
    private final Consumer<Node> show;
    /** Where every panel asks for a data file or folder; null: the system's dialogs. */
    private DataFilePicker dataFilePicker;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            for (Trainer t : trainers.values()) {
                t.model().applyPending();
            }
        }
    };

    /**
     * @param tabs  the window's tabs: a net tab added gets a trainer, a net tab removed loses its own
     * @param front the net tab in front, or null
     * @param show  shows a panel in the window's trainer region (null: none, no net in front)
     */
    TrainerPanels(ObservableList<Tab> tabs, ObservableValue<NetTab> front, Consumer<Node> show) {
        this.front = front;
        this.show = show;
        tabs.addListener((ListChangeListener<Tab>) c -> {
            while (c.next()) {
                for (Tab gone : c.getRemoved()) {
                    if (gone instanceof NetTab n && !tabs.contains(n)) {
                        close(n);
                    }
                }
                for (Tab added : c.getAddedSubList()) {
                    if (added instanceof NetTab n) {
                        open(n);
                        // The tab pane may have put it in front before this heard of it.
                        if (front.getValue() == n) {
                            showFor(n);
                        }
                    }
                }
            }
        });
        tabs.stream().filter(NetTab.class::isInstance).map(NetTab.class::cast).forEach(this::open);
        front.addListener((o, was, now) -> showFor(now));
        showFor(front.getValue());
        frames.start();
    }

    private void open(NetTab tab) {
        if (trainers.containsKey(tab)) {
            return;
        }
        TrainerPanelModel model = new TrainerPanelModel();
        // Every training in the window is recorded where the command line records its runs.
        model.setRunStore(org.netstudio.app.document.RunsFolder.store());
        // The PyTorch target's projects go beside the runs, one folder per training.
        model.setProjectsFolder(org.netstudio.app.document.RunsFolder.resolve().resolveSibling("pytorch"));
        model.netProperty().bind(tab.model().documentProperty());
        // What a training starts from (fine-tuning), unless the person opts out; and where its result goes.
        // And the folder of its file, where a tokenizer path in the net starts (as on the command line).
        Runnable weights = () -> {
            model.netWeightsProperty().set(tab.net().weights().orElse(null));
            model.netFolderProperty().set(tab.net().file().map(f -> f.toAbsolutePath().getParent()).orElse(null));
        };
        weights.run();
        tab.net().addListener(weights);
        model.setOnUseTrained(t -> tab.net().useTrained(t.net(), t.weights()));
        // Where a training's NaN came from shows on the canvas until the next edit or training.
        model.failedNodeProperty().addListener((o, was, now) -> {
            if (now == null) {
                tab.model().clearMark();
            } else {
                tab.model().mark(new NodeMark(now.node(), now.message()));
            }
        });
        // How each layer did at the last measurement shows as a strip on its node.
        model.healthProperty().addListener((o, was, now) -> {
            java.util.Map<org.netstudio.netgraph.net.NodePath, String> byNode = new java.util.HashMap<>();
            if (now != null) {
                now.nodes().forEach(n -> byNode.put(n.node(), n.warning()));
            }
            tab.model().healthProperty().set(java.util.Map.copyOf(byNode));
        });
        TrainerPanel panel = new TrainerPanel(model);
        if (dataFilePicker != null) {
            panel.setFilePicker(dataFilePicker);
        }
        trainers.put(tab, new Trainer(model, panel, weights));
    }

    private void close(NetTab tab) {
        Trainer t = trainers.remove(tab);
        if (t == null) {
            return;
        }
        tab.net().removeListener(t.weightsListener());
        t.model().netProperty().unbind();
        t.model().close();
    }

    private void showFor(NetTab tab) {
        Trainer t = tab == null ? null : trainers.get(tab);
        show.accept(t == null ? null : t.panel());
    }

    /** Where every panel, of the nets open and of those opened later, asks for a data file or folder. */
    void setDataFilePicker(DataFilePicker picker) {
        dataFilePicker = picker;
        trainers.values().forEach(t -> t.panel().setFilePicker(picker));
    }

    /** The trainer of a net's tab, or null when the tab is not open. */
    TrainerPanelModel of(NetTab tab) {
        Trainer t = trainers.get(tab);
        return t == null ? null : t.model();
    }

    /**
     * For a program that ends: stops every running training and waits for the trainers' background
     * work (see {@link TrainerPanelModel#shutDown()}). Call on the FX thread.
     */
    CompletableFuture<Void> shutDown() {
        List<CompletableFuture<Void>> all = trainers.values().stream().map(t -> t.model().shutDown()).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }
}
