package org.netstudio.app.window.preview;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Tab;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.engine.data.Dataset;

/**
 * The previews of every open net (View › Show Previews): each net tab gets its own
 * {@link NetPreviews} and {@link PreviewBar}, made when the tab opens and closed with it. Only the
 * net in front computes; the others catch up when they come to the front.
 */
public final class TabPreviews {

    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final Map<NetTab, NetPreviews> previews = new LinkedHashMap<>();
    private final ObservableValue<NetTab> front;
    private final Function<NetTab, Optional<Dataset>> data;
    private final Function<NetTab, javafx.beans.Observable> dataChanged;
    private final Supplier<Optional<Path>> imageChooser;
    private final PreviewDetail detail = new PreviewDetail();
    private final javafx.beans.InvalidationListener followFront = o -> showDetail();
    private NetTab watched;

    /**
     * @param tabs         the window's tabs
     * @param front        the net tab in front, or null
     * @param data         the data loaded in a tab's trainer panel
     * @param dataChanged  tells when that data changes
     * @param imageChooser asks for an image file
     */
    public TabPreviews(ObservableList<Tab> tabs, ObservableValue<NetTab> front, Function<NetTab, Optional<Dataset>> data,
                       Function<NetTab, javafx.beans.Observable> dataChanged, Supplier<Optional<Path>> imageChooser) {
        this.front = front;
        this.data = data;
        this.dataChanged = dataChanged;
        this.imageChooser = imageChooser;
        tabs.addListener((ListChangeListener<Tab>) c -> {
            while (c.next()) {
                c.getRemoved().stream().filter(NetTab.class::isInstance).map(NetTab.class::cast).forEach(this::close);
                c.getAddedSubList().stream().filter(NetTab.class::isInstance).map(NetTab.class::cast)
                        .forEach(this::open);
            }
            update();
        });
        tabs.stream().filter(NetTab.class::isInstance).map(NetTab.class::cast).forEach(this::open);
        front.addListener((o, a, b) -> update());
        shown.addListener((o, a, b) -> update());
        update();
    }

    /** The selected node's value, large; for the inspector's column. */
    public PreviewDetail detail() {
        return detail;
    }

    /** Whether previews are on (for every net; the one in front computes). */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The previews of a tab, or null when it is not open. */
    public NetPreviews of(NetTab tab) {
        return previews.get(tab);
    }

    private void open(NetTab tab) {
        if (previews.containsKey(tab)) {
            return;
        }
        NetPreviews p = new NetPreviews(tab.net(), tab.model(), () -> data.apply(tab), dataChanged.apply(tab),
                imageChooser);
        PreviewBar bar = new PreviewBar(p);
        bar.visibleProperty().bind(p.activeProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        tab.showAbove(bar);
        previews.put(tab, p);
    }

    private void close(NetTab tab) {
        if (tab == watched) {
            watched.model().getSelection().removeListener(followFront);
            watched.model().previewsProperty().removeListener(followFront);
            watched.model().levelProperty().removeListener(followFront);
            watched = null;
        }
        NetPreviews p = previews.remove(tab);
        if (p != null) {
            p.activeProperty().set(false);
            p.close();
        }
    }

    private void update() {
        previews.forEach((tab, p) -> p.activeProperty().set(shown.get() && tab == front.getValue()));
        NetTab now = front.getValue();
        if (watched != now) {
            if (watched != null) {
                watched.model().getSelection().removeListener(followFront);
                watched.model().previewsProperty().removeListener(followFront);
                watched.model().levelProperty().removeListener(followFront);
            }
            watched = now;
            if (now != null) {
                now.model().getSelection().addListener(followFront);
                now.model().previewsProperty().addListener(followFront);
                now.model().levelProperty().addListener(followFront);
            }
        }
        showDetail();
    }

    /** The value of the one node selected in the net in front, while previews show. */
    private void showDetail() {
        if (watched == null || !shown.get() || watched.model().getSelection().size() != 1) {
            detail.show(null, null);
            return;
        }
        var model = watched.model();
        String id = model.getSelection().iterator().next();
        var item = model.getLevel().node(id);
        var value = item == null ? null : model.previewsProperty().get()
                .at(model.getCurrentPath(), id, item.kind() == org.netstudio.canvas.level.NodeItem.Kind.INPUT)
                .orElse(null);
        detail.show(item == null || item.isGraphPort() ? (item == null ? id : item.title())
                : model.getCurrentPath().child(id).toString(), value);
    }

    /** Stops every net's preview work; for a program that ends. */
    public void shutDown() {
        previews.values().forEach(NetPreviews::close);
        previews.clear();
    }
}
