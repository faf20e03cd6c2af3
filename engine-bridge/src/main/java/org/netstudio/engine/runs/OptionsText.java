package org.netstudio.engine.runs;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;

/**
 * Every component of {@link TrainingOptions} as text, in the record's order, read from the record
 * itself so that an option added later is recorded without a change here. Paths (where
 * checkpoints go) are the run's business, not the experiment's, and are left out.
 */
final class OptionsText {

    private OptionsText() {
    }

    static Map<String, Object> of(TrainingOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : TrainingOptions.class.getRecordComponents()) {
            if (c.getType() == Path.class) {
                continue;
            }
            Object value;
            try {
                value = c.getAccessor().invoke(options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the option " + c.getName(), e);
            }
            if (value == null) {
                continue;
            }
            out.put(c.getName(), value instanceof Number || value instanceof Boolean ? value : text(value));
        }
        return out;
    }

    /** An option value for people: ids for optimisers and enums, "step(everyEpochs=3, factor=0.5)" for records. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof org.netstudio.engine.device.DeviceSpec d) {
            return d.toString();
        }
        if (value instanceof OptimizerKind k) {
            return k.id();
        }
        // The forms the command line takes, so that a run's options read as one would type them.
        if (value instanceof org.netstudio.engine.train.LearningRateSchedule s) {
            return s.text();
        }
        if (value instanceof org.netstudio.engine.train.ClassWeights w) {
            return w.text();
        }
        if (value instanceof org.netstudio.netgraph.net.LearningRateMultipliers m) {
            if (m.isEmpty()) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            m.factors().forEach((path, factor) -> sb.append(sb.length() > 0 ? ", " : "").append(path).append('=')
                    .append(factor == Math.rint(factor) ? Long.toString(factor.longValue()) : factor.toString()));
            return sb.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value.getClass().isRecord()) {
            StringBuilder sb = new StringBuilder(value.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            RecordComponent[] parts = value.getClass().getRecordComponents();
            if (parts.length > 0) {
                sb.append('(');
                for (int i = 0; i < parts.length; i++) {
                    try {
                        sb.append(i > 0 ? ", " : "").append(parts[i].getName()).append('=')
                                .append(text(parts[i].getAccessor().invoke(value)));
                    } catch (ReflectiveOperationException e) {
                        sb.append(parts[i].getName()).append("=?");
                    }
                }
                sb.append(')');
            }
            return sb.toString();
        }
        if (value instanceof org.netstudio.engine.data.Dataset) {
            return "given";
        }
        return value.toString();
    }
}
