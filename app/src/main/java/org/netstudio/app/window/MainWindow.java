package org.netstudio.app.window;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.netstudio.app.Version;
import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.RecentFiles;
import org.netstudio.app.document.Settings;
import org.netstudio.app.help.HelpDocument;
import org.netstudio.app.help.HelpMenu;
import org.netstudio.assets.Theme;
import org.netstudio.canvas.NetCanvas;

/**
 * The main window (DESIGN.md, "The GUI"): menu bar and toolbar on top; palette (left), canvas tabs
 * under a breadcrumb (centre) and inspector (right) side by side; the collapsible trainer panel
 * below them; the status bar at the bottom. Each region starts with a placeholder that the module
 * owning it replaces through a setter, keeping the region's id and style class.
 *
 * <p>The trainer panel is as tall as the person drags its top edge (remembered in the
 * {@link Settings} for the next start), and can be maximised to the whole height between the
 * toolbar and the status bar and restored (View › Maximise Trainer Panel, or its title bar's button).
 */
public final class MainWindow {

    public static final double DEFAULT_WIDTH = 1400;
    public static final double DEFAULT_HEIGHT = 900;
    /** The least height of the palette, canvas and inspector above an enlarged trainer panel. */
    private static final double SIDES_MIN_HEIGHT = 120;
    /** The trainer panel's arrow and paddings, left of its title bar's content. */
    private static final double TRAINER_TITLE_INSET = 48;

    /** The rules of the window's own components (menus, panels, tabs, status bar), in meaning tokens. */
    private static final String COMPONENTS = Objects.requireNonNull(
            MainWindow.class.getResource("netstudio.css"), "missing stylesheet netstudio.css").toExternalForm();

    /** Share of the height above the trainer panel when it is open, until the person drags it elsewhere. */
    private static final double TRAINER_DIVIDER = 0.64;

    private final MainMenu menu = new MainMenu(this::chooseTheme);
    private final BorderPane palette = panel("palette", "ns-palette", "Layers");
    private final BorderPane breadcrumbBar = new BorderPane();
    private final TabPane canvasTabs = new TabPane();
    private final BorderPane inspector = panel("inspector", "ns-inspector", "Inspector");
    private final TitledPane trainer = new TitledPane();
    private final Node trainerPlaceholder = placeholder("No net open",
            "Open a net to train it: choose a dataset and options, then press Train; loss and accuracy plot here as it learns.");
    private final BooleanProperty trainerMaximised = new SimpleBooleanProperty(this, "trainerMaximised");
    private final SplitPane sides;
    private final SplitPane workbench = new SplitPane();
    private final StatusBar statusBar = new StatusBar();
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final HelpMenu help;
    private final Workspace workspace;
    private final Settings settings;

    private Theme theme;
    private double openTrainerDivider;
    /** Whether the mouse button went down on the trainer panel's top edge (the person is dragging it). */
    private boolean draggingTrainerEdge;

    /** The window over these stores; its choices (the theme) are forgotten when it closes. */
    public MainWindow(Autosave autosave, RecentFiles recent) {
        this(autosave, recent, Settings.inMemory());
    }

    /** The window over these stores, opening in the theme {@code settings} remember. */
    public MainWindow(Autosave autosave, RecentFiles recent, Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        theme = Theme.named(settings.get(Settings.THEME).orElse(null));
        menu.selectTheme(theme);
        openTrainerDivider = rememberedTrainerDivider(settings);
        palette.setCenter(palettePlaceholder());
        inspector.setCenter(placeholder("Nothing selected",
                "Select a layer to see its parameters, port shapes and learnable arrays."));

        breadcrumbBar.setId("breadcrumb");
        breadcrumbBar.getStyleClass().add("ns-breadcrumb");
        showStartBreadcrumb();

        canvasTabs.setId("canvasTabs");
        canvasTabs.getStyleClass().add("ns-canvas-tabs");
        canvasTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);

        BorderPane canvasArea = new BorderPane(canvasTabs);
        canvasArea.setTop(breadcrumbBar);
        canvasArea.getStyleClass().add("ns-canvas-area");

        sides = new SplitPane(palette, canvasArea, inspector);
        sides.setId("sides");
        sides.getStyleClass().add("ns-sides");
        sides.setDividerPositions(0.17, 0.77);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspector, false);
        // The palette's and inspector's contents would hold the trainer panel's top edge half-way up:
        // the person may drag it as high as leaves a strip of them (they scroll).
        sides.setMinHeight(SIDES_MIN_HEIGHT);

        trainer.setId("trainerPanel");
        trainer.getStyleClass().add("ns-trainer");
        trainer.setGraphic(trainerTitle());
        trainer.setContent(trainerPlaceholder);
        trainer.setMaxHeight(Double.MAX_VALUE);
        SplitPane.setResizableWithParent(trainer, false);

        workbench.setId("workbench");
        workbench.setOrientation(Orientation.VERTICAL);
        workbench.getItems().addAll(sides, trainer);
        workbench.setDividerPositions(openTrainerDivider);
        trainer.expandedProperty().addListener((obs, was, expanded) -> onTrainerExpanded(expanded));
        menu.showTrainer().selectedProperty().bindBidirectional(trainer.expandedProperty());
        trainerMaximised.addListener((obs, was, maximised) -> onTrainerMaximised(maximised));
        menu.maximiseTrainer().selectedProperty().bindBidirectional(trainerMaximised);
        rememberTrainerEdgeDrags();
        // Closed until there is something to train: the canvas gets the height; Train opens it.
        trainer.setExpanded(false);

        root.getStyleClass().add("ns-main-window");
        root.setTop(new VBox(menu.bar(), toolBar()));
        root.setCenter(workbench);
        root.setBottom(statusBar);

        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().setAll(stylesheets(theme));
        help = new HelpMenu(menu.bar(), () -> scene.getWindow(), scene.getStylesheets(), Version.current());
        menu.setHandler(AppAction.USER_GUIDE, () -> help.show(HelpDocument.USER_GUIDE));
        menu.setHandler(AppAction.LAYER_REFERENCE, () -> help.show(HelpDocument.LAYER_REFERENCE));
        menu.setHandler(AppAction.COMMAND_LINE_REFERENCE, () -> help.show(HelpDocument.COMMAND_LINE));
        menu.setHandler(AppAction.KEYBOARD_SHORTCUTS, help::showShortcuts);
        menu.setHandler(AppAction.ABOUT, help::showAbout);
        workspace = new Workspace(this, autosave, recent);
    }

    /** The window over the user's data folder (recent files, autosave, settings). */
    public MainWindow() {
        this(Autosave.inDataFolder(), RecentFiles.inDataFolder(), Settings.inDataFolder());
    }

    /** Shows the window on {@code stage}: titled, at its default size or the screen's if smaller. */
    public void show(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.getIcons().setAll(icons());
        stage.setScene(scene);
        stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth()));
        stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.titleProperty().bind(workspace.titleProperty());
        // Closing the window is quitting: every unsaved net is asked about, and Cancel keeps it open.
        stage.setOnCloseRequest(e -> {
            if (workspace.closeAll()) {
                workspace.exitCleanly();
            } else {
                e.consume();
            }
        });
        menu.setHandler(AppAction.QUIT, () -> {
            if (workspace.closeAll()) {
                workspace.exitCleanly();
                stage.close();
            }
        });
        stage.show();
        // After a crash the autosave folder holds unsaved work: offer it once the window is up.
        Platform.runLater(workspace::offerRecovery);
    }

    /** The palette, canvas tabs, inspector and documents working together. */
    public Workspace workspace() {
        return workspace;
    }

    public Parent root() {
        return root;
    }

    public Scene scene() {
        return scene;
    }

    public MainMenu menu() {
        return menu;
    }

    /** What the Help menu opens: the bundled documents, the keyboard shortcuts, About. */
    public HelpMenu help() {
        return help;
    }

    /** The canvas tabs: one per open net or opened sub-graph. */
    public TabPane canvasTabs() {
        return canvasTabs;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    /** The trainer panel; its expanded state is the panel's open/collapsed state. */
    public TitledPane trainerPanel() {
        return trainer;
    }

    /**
     * Whether the trainer panel fills the height between the toolbar and the status bar (the
     * palette, canvas and inspector out of view until it is restored). Maximising opens it.
     */
    public BooleanProperty trainerMaximisedProperty() {
        return trainerMaximised;
    }

    /** The share of the window's middle height above the trainer panel while it is open and not maximised. */
    public double trainerDivider() {
        return openTrainerDivider;
    }

    public void setPalette(Node content) {
        palette.setCenter(Objects.requireNonNull(content, "content"));
    }

    public void setInspector(Node content) {
        inspector.setCenter(Objects.requireNonNull(content, "content"));
    }

    /** Shows a net's trainer panel; null shows what to do when no net is in front. */
    public void setTrainer(Node content) {
        trainer.setContent(content == null ? trainerPlaceholder : content);
    }

    /** Replaces the path shown above the canvas (root net › sub-graph › …). */
    public void setBreadcrumb(Node content) {
        breadcrumbBar.setLeft(Objects.requireNonNull(content, "content"));
    }

    /** Shows "Start" above the canvas, where the path of the net in front goes. */
    public void showStartBreadcrumb() {
        Label here = new Label("Start");
        here.getStyleClass().add("ns-breadcrumb-item");
        setBreadcrumb(here);
    }

    public Theme theme() {
        return theme;
    }

    /** View › Theme: shows the theme and remembers it for the next start. */
    public void chooseTheme(Theme chosen) {
        setTheme(chosen);
        settings.put(Settings.THEME, chosen.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Shows the theme for this run only (the command line's {@code -Dnetstudio.theme}). */
    public void setTheme(Theme newTheme) {
        theme = Objects.requireNonNull(newTheme, "theme");
        scene.getStylesheets().setAll(stylesheets(theme));
        menu.selectTheme(theme);
    }

    /** The window's stylesheets now, for its dialogs: the theme's token sheets, then the component rules. */
    public List<String> stylesheets() {
        return List.copyOf(scene.getStylesheets());
    }

    /**
     * The stylesheets of the window in {@code theme}: its token sheets, then the rules of the
     * canvas's components outside the canvas (palette, breadcrumb, problems) and the window's own.
     */
    private static List<String> stylesheets(Theme theme) {
        List<String> sheets = new ArrayList<>(theme.stylesheets());
        sheets.add(NetCanvas.STYLESHEET);
        sheets.add(COMPONENTS);
        return sheets;
    }

    private void onTrainerExpanded(boolean expanded) {
        // A collapsed panel keeps only its title bar: its max height follows its (shrinking) pref
        // height, so the divider cannot leave an empty band; reopening restores the user's height.
        if (expanded) {
            trainer.setMaxHeight(Double.MAX_VALUE);
            workbench.setDividerPositions(openTrainerDivider);
        } else {
            if (trainerMaximised.get()) {
                // Back into the split first; the height it had before maximising stays the one to reopen at.
                trainerMaximised.set(false);
            } else {
                openTrainerDivider = workbench.getDividerPositions()[0];
            }
            trainer.setMaxHeight(Region.USE_PREF_SIZE);
            workbench.setDividerPositions(1.0);
        }
    }

    private void onTrainerMaximised(boolean maximised) {
        if (maximised) {
            trainer.setExpanded(true);
            openTrainerDivider = workbench.getDividerPositions()[0];
            // Out of the split rather than squeezed to nothing: the canvas keeps its size and view.
            workbench.getItems().remove(sides);
        } else if (!workbench.getItems().contains(sides)) {
            workbench.getItems().add(0, sides);
            workbench.setDividerPositions(trainer.isExpanded() ? openTrainerDivider : 1.0);
        }
    }

    /** "Training" and, at the title bar's right end, the button that maximises and restores the panel. */
    private Node trainerTitle() {
        Label title = new Label("Training");
        title.getStyleClass().add("ns-trainer-title");
        Button toggle = new Button();
        toggle.setId("trainerMaximise");
        toggle.getStyleClass().add("ns-trainer-maximise");
        toggle.setFocusTraversable(false);
        toggle.textProperty().bind(Bindings.when(trainerMaximised).then("Restore").otherwise("Maximise"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(trainerMaximised).then("Restore the trainer panel")
                .otherwise("Maximise the trainer panel")
                .concat(" (" + menu.maximiseTrainer().getAccelerator().getDisplayText() + ")"));
        toggle.setTooltip(tip);
        toggle.setOnAction(e -> trainerMaximised.set(!trainerMaximised.get()));
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(title, gap, toggle);
        // The title bar opens and closes the panel on a click; a click on the button is the button's
        // only. (Consumed once the button has had it: its behaviour ignores consumed events.)
        bar.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getTarget() instanceof Node n && isInside(n, toggle)) {
                e.consume();
            }
        });
        bar.getStyleClass().add("ns-trainer-title-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        // As wide as the title bar, less its arrow and padding, so that the button sits at its right end.
        bar.prefWidthProperty().bind(trainer.widthProperty().subtract(TRAINER_TITLE_INSET));
        return bar;
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The trainer panel's height is remembered where the person lets go of its top edge. */
    private void rememberTrainerEdgeDrags() {
        workbench.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> draggingTrainerEdge = isWorkbenchDivider(
                e.getPickResult().getIntersectedNode()));
        workbench.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (draggingTrainerEdge && trainer.isExpanded() && !trainerMaximised.get()) {
                openTrainerDivider = workbench.getDividerPositions()[0];
                settings.put(Settings.TRAINER_DIVIDER, String.format(Locale.ROOT, "%.3f", openTrainerDivider));
            }
            draggingTrainerEdge = false;
        });
    }

    private boolean isWorkbenchDivider(Node node) {
        for (Node n = node; n != null && n != workbench; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return n.getParent() == workbench;
            }
        }
        return false;
    }

    /** The remembered share above the trainer panel, within bounds that leave both parts usable; else the default. */
    private static double rememberedTrainerDivider(Settings settings) {
        try {
            double d = Double.parseDouble(settings.get(Settings.TRAINER_DIVIDER).orElse(""));
            return d >= 0.1 && d <= 0.9 ? d : TRAINER_DIVIDER;
        } catch (NumberFormatException e) {
            return TRAINER_DIVIDER;
        }
    }

    private ToolBar toolBar() {
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button train = actionButton(AppAction.TRAIN, true);
        train.getStyleClass().add("ns-primary");
        ToolBar bar = new ToolBar(
                actionButton(AppAction.NEW, false), actionButton(AppAction.OPEN, false),
                actionButton(AppAction.SAVE, false),
                new Separator(Orientation.VERTICAL),
                actionButton(AppAction.UNDO, false), actionButton(AppAction.REDO, false),
                new Separator(Orientation.VERTICAL),
                actionButton(AppAction.ZOOM_OUT, false), actionButton(AppAction.ZOOM_IN, false),
                actionButton(AppAction.ZOOM_TO_FIT, false), actionButton(AppAction.AUTO_LAYOUT, true),
                spacer,
                actionButton(AppAction.CHECK, true), previewsButton(), actionButton(AppAction.TRY_IT, true), train);
        bar.setId("toolBar");
        bar.getStyleClass().add("ns-toolbar");
        return bar;
    }

    /** A toggle that mirrors View › Show Previews. */
    private javafx.scene.control.ToggleButton previewsButton() {
        javafx.scene.control.ToggleButton button = new javafx.scene.control.ToggleButton("Previews");
        button.setId("toolPreviews");
        button.setFocusTraversable(false);
        button.selectedProperty().bindBidirectional(menu.showPreviews().selectedProperty());
        button.setTooltip(new Tooltip("Show on each node what flows out of it for one example ("
                + menu.showPreviews().getAccelerator().getDisplayText() + ")"));
        return button;
    }

    /**
     * A toolbar button that mirrors its menu item: same label, shortcut hint and enabled state.
     * Without {@code showLabel} it shows only its icon; the label stays for tooltips and screen readers.
     */
    private Button actionButton(AppAction action, boolean showLabel) {
        var item = menu.item(action);
        Button button = new Button(action.shortLabel(), Icons.of(action));
        if (!showLabel && button.getGraphic() != null) {
            button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
        button.setId("tool" + action.menuItemId().substring("menu".length()));
        button.setFocusTraversable(false);
        button.disableProperty().bind(item.disableProperty());
        button.setOnAction(e -> item.fire());
        String hint = action.accelerator() == null
                ? action.shortLabel()
                : action.shortLabel() + " (" + action.accelerator().getDisplayText() + ")";
        button.setTooltip(new Tooltip(hint));
        return button;
    }

    /** The app icon from the assets module, in the sizes window managers ask for; none when it is absent. */
    private static List<Image> icons() {
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {32, 64, 256}) {
            URL url = MainWindow.class.getResource("/org/netstudio/assets/icons/netstudio-" + size + ".png");
            if (url != null) {
                icons.add(new Image(url.toExternalForm()));
            }
        }
        return icons;
    }

    private static BorderPane panel(String id, String styleClass, String title) {
        Label header = new Label(title);
        header.getStyleClass().add("ns-panel-header");
        header.setMaxWidth(Double.MAX_VALUE);
        BorderPane panel = new BorderPane();
        panel.setId(id);
        panel.getStyleClass().addAll("ns-panel", styleClass);
        panel.setTop(header);
        return panel;
    }

    private static Node palettePlaceholder() {
        TextField search = new TextField();
        search.setId("paletteSearch");
        search.setPromptText("Search layers");
        search.setDisable(true);
        search.getStyleClass().add("ns-search");
        VBox box = new VBox(search, placeholder("No layers yet", "The layer catalog appears here."));
        box.getStyleClass().add("ns-palette-placeholder");
        VBox.setVgrow(box.getChildren().get(1), Priority.ALWAYS);
        return box;
    }

    private static Node placeholder(String title, String hint) {
        Label heading = new Label(title);
        heading.getStyleClass().add("ns-placeholder-title");
        Label detail = new Label(hint);
        detail.getStyleClass().add("ns-placeholder-hint");
        detail.setWrapText(true);
        detail.setTextAlignment(TextAlignment.CENTER);
        VBox text = new VBox(heading, detail);
        text.getStyleClass().add("ns-placeholder-text");
        text.setMaxWidth(340);
        text.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane placeholder = new StackPane(text);
        placeholder.getStyleClass().add("ns-placeholder");
        return placeholder;
    }
}
