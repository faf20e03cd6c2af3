package org.netstudio.engine.torchrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One JSON line train.py prints (rank 0 only), read. train.py writes:
 * <ul>
 * <li>{@code {"event":"batch","epoch":1,"batch":20,"batches":188,"epochs":2,"loss":…,"accuracy":…,
 *     "learningRate":…,"size":32,"examples":640}} every few batches;
 * <li>{@code {"event":"epoch","epoch":1,"epochs":2,"loss":…,"accuracy":…,"validationLoss":…,
 *     "validationAccuracy":…,"learningRate":…,"seconds":…,"improved":true,"examples":…}} after each
 *     epoch (also the lines of {@code progress.jsonl});
 * <li>{@code {"event":"test","loss":…,"accuracy":…,"examples":…,"bestEpoch":…}} with the best weights;
 * <li>{@code {"event":"done","reason":"completed|early-stopped","bestEpoch":…,"message":…}};
 * <li>{@code {"event":"error","message":…}} when it refuses to go on.
 * </ul>
 * Accuracies are absent (or null) when the targets are not classes. Immutable.
 *
 * @param event the kind of line
 * @param json the whole line
 */
public record ProgressLine(String event, JsonNode json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads a line of the process's output.
     *
     * @param line the line
     * @return the progress it reports, or empty for any other line (a warning, a traceback)
     */
    public static Optional<ProgressLine> parse(String line) {
        String s = line.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            return Optional.empty();
        }
        try {
            JsonNode n = MAPPER.readTree(s);
            JsonNode event = n.get("event");
            if (event == null || !event.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new ProgressLine(event.asText(), n));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** An integer field, or {@code otherwise}. */
    public long integer(String field, long otherwise) {
        JsonNode v = json.get(field);
        return v != null && v.isNumber() ? v.asLong() : otherwise;
    }

    /** A number field, or empty when absent or null. */
    public OptionalDouble number(String field) {
        JsonNode v = json.get(field);
        return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    /** A text field. */
    public Optional<String> text(String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** A boolean field, false when absent. */
    public boolean flag(String field) {
        JsonNode v = json.get(field);
        return v != null && v.asBoolean(false);
    }
}
