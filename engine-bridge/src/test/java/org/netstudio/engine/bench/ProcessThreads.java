package org.netstudio.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time of every thread of this process, native ones included (ONNX Runtime's and PyTorch's
 * pools are invisible to the JVM's thread bean), read from Linux's {@code /proc/self/task}. Two
 * snapshots give the CPU each kind of thread (by its name) spent in between: a simple profile of
 * where a native call's time goes. Empty where {@code /proc} is missing.
 */
final class ProcessThreads {

    /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on. */
    private static final double TICKS = 100;

    private final Map<Long, Sample> threads;

    private record Sample(String name, long ticks) {}

    private ProcessThreads(Map<Long, Sample> threads) {
        this.threads = threads;
    }

    static ProcessThreads now() {
        Map<Long, Sample> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ppid …": the name may hold spaces or parentheses, so split at the last ')'.
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    out.put(Long.parseLong(task.getFileName().toString()), new Sample(stat.substring(open + 1, close), ticks));
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            return new ProcessThreads(Map.of());
        }
        return new ProcessThreads(out);
    }

    /** How many threads the process has. */
    int count() {
        return threads.size();
    }

    /** The Linux thread id of the calling thread, or -1 where {@code /proc} is missing. */
    static long currentTid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Adds the CPU seconds each kind of thread spent since {@code before} to {@code totals}: the
     * calling thread, threads that {@code born} has and {@code unborn} has not (native threads
     * inherit their creator's name, so only their birth tells the pools apart), and the rest by name.
     */
    void addSince(ProcessThreads before, ProcessThreads unborn, ProcessThreads born, long caller, String bornLabel,
            Map<String, Double> totals) {
        threads.forEach((tid, now) -> {
            Sample then = before.threads.get(tid);
            long ticks = now.ticks() - (then == null ? 0 : then.ticks());
            if (ticks > 0) {
                String kind = tid == caller ? "calling thread"
                        : born.threads.containsKey(tid) && !unborn.threads.containsKey(tid) ? bornLabel
                        : "other " + group(now.name());
                totals.merge(kind, ticks / TICKS, Double::sum);
            }
        });
    }

    /** How many of the threads {@code born} has and {@code unborn} has not are running or runnable now (state R). */
    static int runningAmong(ProcessThreads unborn, ProcessThreads born) {
        int running = 0;
        for (Long tid : born.threads.keySet()) {
            if (unborn.threads.containsKey(tid)) {
                continue;
            }
            try {
                String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
                if (stat.charAt(stat.lastIndexOf(')') + 2) == 'R') {
                    running++;
                }
            } catch (IOException | RuntimeException e) {
                // Gone.
            }
        }
        return running;
    }

    /** How many of these threads {@code earlier} did not have. */
    int newSince(ProcessThreads earlier) {
        return (int) threads.keySet().stream().filter(t -> !earlier.threads.containsKey(t)).count();
    }

    /** How many threads there are of each name. */
    Map<String, Integer> names() {
        Map<String, Integer> out = new TreeMap<>();
        threads.values().forEach(s -> out.merge(group(s.name()), 1, Integer::sum));
        return out;
    }

    // Numbered workers ("pool-3-thread-1", "GC Thread#0") count as one kind.
    private static String group(String name) {
        return name.replaceAll("[0-9]+", "#");
    }

    /** Totals, largest first, as "name 1.23 s" items. */
    static String describe(Map<String, Double> totals, int top) {
        List<Map.Entry<String, Double>> sorted = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top).toList();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : sorted) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }
}
