package org.netstudio.app.window.importing;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.netstudio.app.document.OpenNet.ImportedFrom;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.net.NodePath;

/**
 * The bar over the canvas of a net just imported from ONNX: what became of the model's nodes in
 * one sentence, the report a click away, dismissable. It is the GUI's counterpart of the report
 * `netstudio import` prints, so that an opaque node never comes as a surprise.
 */
public final class ImportBanner extends HBox {

    private final ImportedFrom imported;
    private final Consumer<NodePath> reveal;
    private ImportReportWindow window;

    /**
     * @param imported the model and its report
     * @param reveal   shows a NetStudio node on the canvas (a row of the report double-clicked)
     */
    public ImportBanner(ImportedFrom imported, Consumer<NodePath> reveal) {
        this.imported = Objects.requireNonNull(imported, "imported");
        this.reveal = Objects.requireNonNull(reveal, "reveal");
        setId("importBanner");
        getStyleClass().add("ns-import-banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        ImportReport report = imported.report();
        if (report.count(ImportReport.Outcome.OPAQUE) > 0) {
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("opaque"), true);
        }

        Label text = new Label(summary(imported));
        text.setId("importSummary");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button open = new Button("Import Report…");
        open.setId("importReportButton");
        open.setOnAction(e -> showReport());
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button close = new Button("×");
        close.setId("importBannerClose");
        close.getStyleClass().add("ns-banner-close");
        close.setOnAction(e -> dismiss());
        getChildren().addAll(text, open, close);
    }

    /**
     * "Imported from small.onnx: 3 of 4 ONNX nodes became layers; 1 stays opaque (Erf), computed as
     * ONNX defines it, for inference only." Opaque operator types are named, the commonest first,
     * at most four of them.
     */
    public static String summary(ImportedFrom imported) {
        ImportReport r = imported.report();
        long mapped = r.count(ImportReport.Outcome.MAPPED);
        long opaque = r.count(ImportReport.Outcome.OPAQUE);
        long folded = r.count(ImportReport.Outcome.FOLDED) + r.count(ImportReport.Outcome.DROPPED);
        StringBuilder s = new StringBuilder("Imported from ").append(imported.model().getFileName()).append(": ")
                .append(mapped).append(" of ").append(r.entries().size()).append(" ONNX nodes became layers");
        if (folded > 0) {
            s.append(", ").append(folded).append(folded == 1 ? " was" : " were").append(" folded away");
        }
        if (opaque == 0) {
            s.append("; every layer can be trained.");
        } else {
            s.append("; ").append(opaque).append(opaque == 1 ? " stays opaque (" : " stay opaque (")
                    .append(ImportReportRows.opaqueOperators(r, 4))
                    .append("), computed as ONNX defines ").append(opaque == 1 ? "it" : "them")
                    .append(", for inference only: nothing learns through ")
                    .append(opaque == 1 ? "it." : "them.");
        }
        return s.toString();
    }

    /** Opens the report window, or brings it to the front. */
    public void showReport() {
        if (window == null) {
            window = new ImportReportWindow(imported, reveal, getScene() == null ? null : getScene().getWindow());
        }
        window.show();
        window.toFront();
    }

    /** Hides the bar for good; the net itself is unaffected. */
    public void dismiss() {
        setVisible(false);
        setManaged(false);
    }

    /** The report window, once opened. */
    public ImportReportWindow reportWindow() {
        return window;
    }
}
