package org.netstudio.app.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.netstudio.canvas.level.LevelBuilder;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.layout.AutoLayout;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/**
 * A miniature of a net's top level: its nodes as boxes in their category colours and its wires as
 * lines, laid out the way the canvas lays it out. Inference and layout run on a background thread;
 * the picture appears when they are done. Colours come from the stylesheet.
 */
final class GraphThumbnail extends Pane {

    private static final Executor WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netstudio-thumbnails");
        t.setDaemon(true);
        return t;
    });

    private record Box(double x, double y, double w, double h, String category) {
    }

    private record Picture(List<Box> boxes, List<double[]> lines, double width, double height) {
    }

    GraphThumbnail(java.util.function.Supplier<NetDocument> document, double width, double height) {
        getStyleClass().add("ns-thumbnail");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        Rectangle clip = new Rectangle(width, height);
        clip.setArcWidth(8);
        clip.setArcHeight(8);
        setClip(clip);
        CompletableFuture.supplyAsync(() -> picture(document.get()), WORKER)
                .thenAccept(p -> Platform.runLater(() -> draw(p, width, height)));
    }

    private static Picture picture(NetDocument doc) {
        LevelView level = LevelBuilder.build(doc, ShapeInference.infer(doc.net()), NodePath.ROOT, Map.of());
        List<AutoLayout.Box> boxes = level.nodes().stream()
                .map(n -> new AutoLayout.Box(n.id(), n.width(), n.height())).toList();
        List<AutoLayout.Link> links = level.wires().stream().map(w -> new AutoLayout.Link(w.fromId(), w.toId())).toList();
        Map<String, Layout.Position> at = AutoLayout.compute(boxes, links);
        List<Box> out = new ArrayList<>();
        double maxX = 1;
        double maxY = 1;
        for (NodeItem n : level.nodes()) {
            Layout.Position p = at.get(n.id());
            double x = p == null ? n.x() : p.x();
            double y = p == null ? n.y() : p.y();
            // Transposed: the canvas flows top to bottom, a card is wide, so the miniature flows left to right.
            out.add(new Box(y, x, n.height(), n.width(), n.category()));
            maxX = Math.max(maxX, y + n.height());
            maxY = Math.max(maxY, x + n.width());
        }
        List<double[]> lines = new ArrayList<>();
        for (WireItem w : level.wires()) {
            Layout.Position a = at.get(w.fromId());
            Layout.Position b = at.get(w.toId());
            NodeItem from = level.node(w.fromId());
            NodeItem to = level.node(w.toId());
            if (a != null && b != null && from != null && to != null) {
                lines.add(new double[] {a.y() + from.height(), a.x() + from.width() / 2, b.y(), b.x() + to.width() / 2});
            }
        }
        return new Picture(out, lines, maxX, maxY);
    }

    private void draw(Picture p, double width, double height) {
        double pad = 10;
        double scale = Math.min((width - 2 * pad) / p.width(), (height - 2 * pad) / p.height());
        double dx = (width - p.width() * scale) / 2;
        double dy = (height - p.height() * scale) / 2;
        List<javafx.scene.Node> shapes = new ArrayList<>();
        for (double[] l : p.lines()) {
            Line line = new Line(dx + l[0] * scale, dy + l[1] * scale, dx + l[2] * scale, dy + l[3] * scale);
            line.getStyleClass().add("ns-thumbnail-wire");
            shapes.add(line);
        }
        for (Box b : p.boxes()) {
            Region r = new Region();
            r.getStyleClass().addAll("ns-thumbnail-node", b.category());
            r.resizeRelocate(dx + b.x() * scale, dy + b.y() * scale, Math.max(2, b.w() * scale), Math.max(2, b.h() * scale));
            r.setManaged(false);
            shapes.add(r);
        }
        getChildren().setAll(shapes);
    }
}
