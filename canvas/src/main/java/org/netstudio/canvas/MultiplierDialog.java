package org.netstudio.canvas;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.TextInputDialog;

/**
 * Asks for the learning-rate multiplier of the selected nodes ("Learning-rate Multiplier…" on the
 * canvas): a number of 0 (frozen) or more; 1 lets them inherit again.
 */
final class MultiplierDialog {

    private MultiplierDialog() {
    }

    static void ask(NetCanvas canvas) {
        CanvasModel model = canvas.getModel();
        double now = model.selectionMultiplier();
        TextInputDialog dialog = new TextInputDialog(now == Math.rint(now) ? Long.toString((long) now)
                : Double.toString(now));
        dialog.setTitle("Learning-rate Multiplier");
        dialog.setHeaderText("Multiply the learning rate of the selected nodes, and of every layer inside them, by:");
        dialog.setContentText("0 freezes, 1 is the full rate");
        dialog.getEditor().setId("multiplier-field");
        if (canvas.getScene() != null) {
            dialog.initOwner(canvas.getScene().getWindow());
        }
        Optional<String> answer = dialog.showAndWait();
        answer.ifPresent(text -> {
            double factor;
            try {
                factor = Double.parseDouble(text.strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                factor = Double.NaN;
            }
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                model.showMessage(String.format(Locale.ROOT,
                        "A learning-rate multiplier is a number of 0 (frozen) or more, not \"%s\".", text.strip()));
                return;
            }
            model.setSelectionMultiplier(factor);
        });
    }
}
