package org.netstudio.app.window;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.window.documents.WindowGallery;
import org.netstudio.app.window.gallery.GalleryCard;

/**
 * The Start tab (DESIGN.md: "Start page: the gallery"): New and Open, the recent nets, and a card
 * for every gallery net — a miniature of its graph, its name, task, input and output types and
 * parameter count, and what its weights are ({@link GalleryCard}). A click on a card opens the net
 * in a new tab, with its weights when it has any.
 */
final class StartPage extends Tab {

    static final double THUMB_W = 200;
    static final double THUMB_H = 100;

    private final FlowPane recentBox = new FlowPane(16, 2);
    private final Consumer<Path> openRecent;

    StartPage(Runnable newNet, Runnable open, Consumer<Path> openRecent, Consumer<GalleryEntry> openEntry) {
        super("Start");
        this.openRecent = openRecent;
        setId("startTab");
        getStyleClass().add("ns-start-tab");

        Label title = new Label("NetStudio");
        title.getStyleClass().add("ns-start-title");
        Label subtitle = new Label("Design, train and explore neural nets.");
        subtitle.getStyleClass().add("ns-start-subtitle");
        Button newButton = new Button("New Net");
        newButton.setId("startNew");
        newButton.getStyleClass().add("ns-primary");
        newButton.setOnAction(e -> newNet.run());
        Button openButton = new Button("Open…");
        openButton.setId("startOpen");
        openButton.setOnAction(e -> open.run());
        HBox buttons = new HBox(8, newButton, openButton);

        Label recentTitle = new Label("Recent");
        recentTitle.getStyleClass().add("ns-start-heading");
        recentBox.setId("startRecent");
        VBox header = new VBox(12, title, subtitle, buttons);
        header.getStyleClass().add("ns-start-side");

        Label galleryTitle = new Label("Gallery");
        galleryTitle.getStyleClass().add("ns-start-heading");
        Label galleryHint = new Label("Reference nets, exactly as published. Click one to open it, with its"
                + " trained weights when it has them; weights offered for download are fetched only when you ask.");
        galleryHint.setWrapText(true);
        galleryHint.getStyleClass().add("ns-start-hint");
        FlowPane cards = new FlowPane(16, 16);
        cards.setId("galleryCards");
        cards.getStyleClass().add("ns-gallery-cards");
        Gallery gallery = WindowGallery.get();
        for (GalleryEntry e : gallery.entries()) {
            cards.getChildren().add(card(gallery, e, openEntry));
        }

        VBox page = new VBox(6, header, recentTitle, recentBox, galleryTitle, galleryHint, cards);
        page.getStyleClass().add("ns-start-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("ns-start-scroll");
        cards.prefWrapLengthProperty().bind(scroll.widthProperty().subtract(80));
        setContent(scroll);
    }

    /** Shows these recent files (newest first). */
    void showRecent(List<Path> files) {
        recentBox.getChildren().clear();
        if (files.isEmpty()) {
            Label none = new Label("Nets you open or save appear here.");
            none.getStyleClass().add("ns-start-hint");
            none.setWrapText(true);
            recentBox.getChildren().add(none);
            return;
        }
        for (Path p : files) {
            Hyperlink link = new Hyperlink(p.getFileName().toString());
            link.getStyleClass().add("ns-start-recent");
            link.setTooltip(new Tooltip(p.toString()));
            link.setOnAction(e -> openRecent.accept(p));
            recentBox.getChildren().add(link);
        }
    }

    private static Region card(Gallery gallery, GalleryEntry e, Consumer<GalleryEntry> openEntry) {
        GraphThumbnail thumb = new GraphThumbnail(() -> gallery.load(e.id()), THUMB_W, THUMB_H);
        return new GalleryCard(e, thumb, THUMB_W, gallery.downloads(), Platform::runLater, openEntry);
    }
}
