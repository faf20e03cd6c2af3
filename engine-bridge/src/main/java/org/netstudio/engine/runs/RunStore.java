package org.netstudio.engine.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A folder of runs, one sub-folder each (see {@code docs/runs.md}): lists, reads and deletes them,
 * and names new ones. Reading never throws for a damaged run: it is listed as {@link
 * RunStatus#UNREADABLE} with the reason. Where the folder is by default is the application's
 * choice (the user's data folder); tests and users point elsewhere.
 */
public final class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** The largest run.json read; a real one is a few kilobytes. */
    private static final long MAX_RUN_JSON_BYTES = 4L << 20;

    private final Path folder;

    private RunStore(Path folder) {
        this.folder = folder;
    }

    /**
     * The runs in a folder, created when the first run is written.
     *
     * @param folder the folder, not null
     * @return the store
     */
    public static RunStore at(Path folder) {
        return new RunStore(folder.toAbsolutePath().normalize());
    }

    /** The folder holding the runs. */
    public Path folder() {
        return folder;
    }

    /**
     * Every run, newest first (unreadable ones last).
     *
     * @return the runs; empty when the folder does not exist
     * @throws IOException when the folder cannot be listed
     */
    public List<RunRecord> list() throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return runs;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                if (Files.exists(child.resolve(RunRecord.RUN_JSON)) || Files.exists(child.resolve(RunRecord.NET_FILE))) {
                    runs.add(read(child));
                }
            }
        }
        runs.sort(Comparator.comparing((RunRecord r) -> r.started() == null ? Instant.MIN : r.started())
                .reversed().thenComparing(RunRecord::id, Comparator.reverseOrder()));
        return runs;
    }

    /**
     * The runs of one net (by its name), newest first.
     *
     * @param netName the net's name
     * @return its runs
     * @throws IOException when the folder cannot be listed
     */
    public List<RunRecord> listFor(String netName) throws IOException {
        return list().stream().filter(r -> r.netName().equals(netName)).toList();
    }

    /**
     * One run by id.
     *
     * @param id the run's id
     * @return the run, unreadable ones included; empty when there is no such run
     */
    public Optional<RunRecord> find(String id) {
        if (!validId(id)) {
            return Optional.empty();
        }
        Path child = folder.resolve(id);
        return Files.isDirectory(child) ? Optional.of(read(child)) : Optional.empty();
    }

    /**
     * Deletes a run's folder and everything in it.
     *
     * @param id the run's id
     * @return whether there was such a run
     * @throws IOException when the run is still running or a file cannot be deleted
     */
    public boolean delete(String id) throws IOException {
        Optional<RunRecord> run = find(id);
        if (run.isEmpty()) {
            return false;
        }
        if (run.get().status() == RunStatus.RUNNING) {
            throw new IOException("The run " + id + " is still running; stop it before deleting it");
        }
        try (Stream<Path> walk = Files.walk(run.get().folder())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }

    /** A new run id: the UTC start time and a random suffix, e.g. "20261206-195312-3fa9"; sorts by time. */
    String newId(Instant now) {
        return ID_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Whether a text is a plain folder name, never a path out of the store. */
    static boolean validId(String id) {
        return id != null && !id.isBlank() && id.matches("[A-Za-z0-9._-]+") && !id.equals(".") && !id.equals("..");
    }

    /** Reads one run folder; never throws. */
    static RunRecord read(Path folder) {
        Path file = folder.resolve(RunRecord.RUN_JSON);
        JsonNode o;
        try {
            if (!Files.isRegularFile(file)) {
                return RunRecord.unreadable(folder, file + ": missing");
            }
            if (Files.size(file) > MAX_RUN_JSON_BYTES) {
                return RunRecord.unreadable(folder, file + ": larger than a run description can be");
            }
            o = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return RunRecord.unreadable(folder, file + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        try {
            return parse(folder, o);
        } catch (RuntimeException e) {
            return RunRecord.unreadable(folder, file + ": " + e.getMessage());
        }
    }

    private static RunRecord parse(Path folder, JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        RunStatus status = RunStatus.of(text(o, "status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown status \"" + o.path("status").asText() + "\""));
        if (status == RunStatus.RUNNING && !RunLock.held(folder)) {
            status = RunStatus.CRASHED;
        }
        Map<String, String> options = new LinkedHashMap<>();
        o.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        JsonNode best = o.path("best");
        String ended = o.path("ended").asText("");
        return new RunRecord(text(o, "id"), folder, status, Instant.parse(text(o, "started")),
                ended.isEmpty() ? null : Instant.parse(ended), o.path("net").path("name").asText(""),
                o.path("net").path("sha256").asText(""), o.path("data").path("name").asText(""),
                o.path("data").path("description").asText(""), o.path("device").asText(""), o.path("origin").asText(""),
                tags, options, o.path("epochs").asInt(0), o.path("bestEpoch").asInt(0), number(best, "trainLoss"),
                number(best, "trainAccuracy"), number(best, "validationLoss"), number(best, "validationAccuracy"),
                o.path("message").asText(""), o.path("timings").path("seconds").asDouble(0), o.path("resumes").asInt(0),
                "");
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
