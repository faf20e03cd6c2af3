package org.netstudio.trainer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.trainer.data.LoadedData;

/**
 * Which column feeds which port: a row per input of the net with the column it reads, a row per
 * trained output with the column it is compared with, and a weight per loss when there are
 * several. Shown when there is a choice to make (several ports or columns, or data the net cannot
 * take as it is); each change becomes the model's {@link DataMapping} and is checked at once.
 */
public final class MappingPane extends VBox {

    private final TrainerPanelModel model;
    private final GridPane rows = new GridPane();
    private boolean updating;

    /** A pane bound to the model. */
    public MappingPane(TrainerPanelModel model) {
        this.model = model;
        setId("mapping");
        getStyleClass().add("mapping-pane");
        setSpacing(2);
        rows.setHgap(8);
        rows.setVgap(3);
        Label title = new Label("Columns to ports");
        title.getStyleClass().add("form-label");
        getChildren().addAll(title, rows);
        model.fitProperty().addListener((o, was, now) -> rebuild());
        model.dataProperty().addListener((o, was, now) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        LoadedData data = model.dataProperty().get();
        Binding binding = model.fitProperty().get().binding();
        NetNode net = trainee(data);
        boolean show = data != null && net != null && worthShowing(data, binding, net);
        setVisible(show);
        setManaged(show);
        if (!show) {
            rows.getChildren().clear();
            return;
        }
        updating = true;
        try {
            rows.getChildren().clear();
            List<String> columns = columns(data, binding);
            DataMapping mapping = model.mappingProperty().get();
            int row = 0;
            for (String port : PortDecls.inputs(net).keySet()) {
                String column = mapping.inputs().containsKey(port) ? mapping.inputs().get(port)
                        : binding == null ? null : binding.inputs().get(port);
                rows.addRow(row++, label("input " + port + " ←"), choice("input-" + port, columns, column,
                        c -> model.mappingProperty().set(model.mappingProperty().get().withInput(port, c))));
            }
            List<String> outputs = new ArrayList<>(PortDecls.outputs(net).keySet());
            if (binding != null) {
                outputs.removeAll(binding.ownLosses());
            }
            for (String port : outputs) {
                String column = mapping.targets().containsKey(port) ? mapping.targets().get(port)
                        : binding == null ? null : binding.targets().get(port);
                rows.add(label("output " + port + " vs"), 0, row);
                rows.add(choice("target-" + port, columns, column,
                        c -> model.mappingProperty().set(model.mappingProperty().get().withTarget(port, c))), 1, row);
                if (binding != null && losses(binding) > 1 && binding.targets().containsKey(port)) {
                    rows.add(weight(port, binding), 2, row);
                }
                row++;
            }
            if (binding != null && losses(binding) > 1) {
                for (String port : binding.ownLosses()) {
                    rows.add(label("loss " + port + " as drawn"), 0, row);
                    rows.add(weight(port, binding), 2, row++);
                }
            }
        } finally {
            updating = false;
        }
    }

    private NetNode trainee(LoadedData data) {
        if (model.netProperty().get() == null) {
            return null;
        }
        NetNode net = model.netProperty().get().net();
        try {
            return data == null ? net : data.trainee(net);
        } catch (RuntimeException e) {
            return net;
        }
    }

    /** Several ports or columns, own losses, or data the net cannot take as it is: a choice to make. */
    private static boolean worthShowing(LoadedData data, Binding binding, NetNode net) {
        if (binding == null) {
            return true;
        }
        return PortDecls.inputs(net).size() > 1 || PortDecls.outputs(net).size() > 1
                || data.examples().columns().size() > 2 || !binding.ownLosses().isEmpty();
    }

    private static int losses(Binding binding) {
        return binding.ownLosses().size() + binding.targets().size();
    }

    private static List<String> columns(LoadedData data, Binding binding) {
        Set<String> names = new LinkedHashSet<>(data.examples().columns().keySet());
        if (binding != null) {
            names.addAll(binding.data().columns().keySet());
        }
        return new ArrayList<>(names);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-label");
        return l;
    }

    private ComboBox<String> choice(String id, List<String> columns, String value,
                                    java.util.function.Consumer<String> chosen) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(columns);
        box.setValue(value);
        box.setPromptText("choose a column");
        box.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(box, Priority.ALWAYS);
        box.setOnAction(e -> {
            if (!updating && box.getValue() != null) {
                chosen.accept(box.getValue());
            }
        });
        return box;
    }

    private TextField weight(String port, Binding binding) {
        TextField field = new TextField(trim(binding.lossWeights().getOrDefault(port, 1.0)));
        field.setId("weight-" + port);
        field.setPrefColumnCount(4);
        field.setAlignment(Pos.CENTER_RIGHT);
        field.setPromptText("weight");
        field.setOnAction(e -> weightTyped(port, field));
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                weightTyped(port, field);
            }
        });
        return field;
    }

    private void weightTyped(String port, TextField field) {
        if (updating) {
            return;
        }
        try {
            double w = Double.parseDouble(field.getText().strip());
            DataMapping now = model.mappingProperty().get();
            if (now.lossWeights().getOrDefault(port, 1.0) != w) {
                model.mappingProperty().set(now.withLossWeight(port, w));
            }
            field.getStyleClass().remove("invalid");
        } catch (IllegalArgumentException e) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : Double.toString(d);
    }
}
