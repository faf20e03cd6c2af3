import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Condenses Maven's output into what a person starting NetStudio wants to know: which step of the
 * build runs, what is being downloaded, how much so far (of about how much) and for how long. The
 * launchers ({@code ./netstudio}, {@code netstudio.cmd}) pipe {@code mvn install} through it before
 * the first window, when nothing of NetStudio is compiled yet, so it runs as a single source file:
 * {@code mvn … 2>&1 | java launcher/BuildProgress.java [options]}.
 *
 * <p>It writes to standard error only (the launcher's standard output belongs to the command line):
 * on a terminal ({@code --tty}) one status line redrawn in place; elsewhere (a pipe, a CI log) a line
 * per build step, the downloads at most every 15 seconds, and the status when nothing was said for 30
 * seconds. Maven's whole output goes to {@code --log FILE}.
 *
 * <p>Exit status: 0 when Maven reported BUILD SUCCESS; 3 when an offline build failed only for
 * something not yet in the local repository (the launcher then builds online, and Maven's errors
 * about it are not shown); 1 for any other failure, after printing Maven's errors.
 */
public final class BuildProgress {

    static final int SUCCESS = 0;
    static final int FAILED = 1;
    static final int MISSING_OFFLINE = 3;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern MODULE = Pattern.compile("^\\[INFO] Building (.+?) \\S+\\s+\\[(\\d+)/(\\d+)]$");
    private static final Pattern GOAL = Pattern.compile("^\\[INFO] --- (?:maven-)?([\\w.-]+?)(?:-maven)?(?:-plugin)?:[^:]+:([\\w-]+) .*@ .*---$");
    private static final Pattern DOWNLOADING = Pattern.compile("^Downloading from [^:]+: (\\S+)$");
    private static final Pattern DOWNLOADED = Pattern.compile("^Downloaded from [^:]+: (\\S+) \\(([\\d.]+) (B|kB|MB|GB) at .*\\)$");
    private static final Pattern IN_FLIGHT = Pattern.compile("([\\d.]+)(?:/[\\d.]+)? (B|kB|MB|GB)");
    private static final long PIPE_REPORT_MILLIS = 15_000;
    private static final long HEARTBEAT_MILLIS = 30_000;
    private static final int MAX_ERRORS = 40;

    private final PrintStream out;
    private final boolean tty;
    private final int width;
    private final double expectedMb;
    private final long start = System.currentTimeMillis();

    // What Maven said so far; written by the reading thread, read by the redraw timer.
    private String step = "starting Maven";
    private String goal = "";
    private String fileName = "";
    private int started;
    private int files;
    private double doneMb;
    private double inFlightMb;
    /** Time spent with a download in flight, for the download rate (downloads and compiling interleave). */
    private long downloadMillis;
    private long downloadingSince;
    private boolean success;
    private boolean missingOffline;
    private boolean finished;
    private final Set<String> errors = new LinkedHashSet<>();
    private long lastPipeReport = start;
    private long lastSaid = start;
    private double lastReportedMb;
    private int shownWidth;

    BuildProgress(PrintStream out, boolean tty, int width, double expectedMb) {
        this.out = out;
        this.tty = tty;
        this.width = Math.max(40, width);
        this.expectedMb = expectedMb;
    }

    public static void main(String[] args) throws IOException {
        boolean tty = false;
        int width = 80;
        double expectedMb = 0;
        Path log = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tty" -> tty = true;
                case "--width" -> width = parseInt(args[++i], 80);
                case "--expect-mb" -> expectedMb = parseInt(args[++i], 0);
                case "--log" -> log = Path.of(args[++i]);
                default -> {
                    System.err.println("BuildProgress: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        BuildProgress progress = new BuildProgress(System.err, tty, width, expectedMb);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status;
        if (log == null) {
            status = progress.run(in, Writer.nullWriter());
        } else {
            try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                status = progress.run(in, w);
            }
        }
        System.exit(status);
    }

    /** Reads Maven's output to its end, reporting as it goes; returns the exit status. */
    int run(BufferedReader in, Writer log) throws IOException {
        // Report even while Maven is silent (a long download, javac), so the clock keeps moving.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "build-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(tty ? this::redraw : this::heartbeat, 0, tty ? 250 : 1000, TimeUnit.MILLISECONDS);
        StringBuilder record = new StringBuilder();
        boolean carriageReturn = false;
        int c;
        while ((c = in.read()) != -1) {
            // Maven redraws its download progress with lone carriage returns, each ending a record;
            // CR LF ends a line (Maven on Windows), as LF does.
            if (carriageReturn && c != '\n') {
                take(record.toString(), true);
                record.setLength(0);
            }
            carriageReturn = c == '\r';
            if (c == '\n') {
                log.write(ANSI.matcher(record).replaceAll(""));
                log.write('\n');
                take(record.toString(), false);
                record.setLength(0);
            } else if (c != '\r') {
                record.append((char) c);
            }
        }
        take(record.toString(), carriageReturn);
        log.flush();
        timer.shutdownNow();
        return finish();
    }

    /** One line (or one carriage-return-ended progress record) of Maven's output. */
    synchronized void take(String raw, boolean progressRecord) {
        String line = ANSI.matcher(raw).replaceAll("").strip();
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("Progress (")) {
            double mb = 0;
            Matcher m = IN_FLIGHT.matcher(line.substring(line.indexOf(':') + 1));
            while (m.find()) {
                mb += megabytes(m.group(1), m.group(2));
            }
            inFlightMb = mb;
            return;
        }
        if (progressRecord) {
            return;
        }
        Matcher m;
        if ((m = DOWNLOADING.matcher(line)).matches()) {
            if (started == files) {
                downloadingSince = System.currentTimeMillis();
            }
            started++;
            fileName = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
        } else if ((m = DOWNLOADED.matcher(line)).matches()) {
            files++;
            doneMb += megabytes(m.group(2), m.group(3));
            inFlightMb = 0;
            if (files >= started) {
                downloadMillis += System.currentTimeMillis() - downloadingSince;
            }
        } else if ((m = MODULE.matcher(line)).matches()) {
            // The modules are all "NetStudio something": the something says which.
            step = "[" + m.group(2) + "/" + m.group(3) + "] " + m.group(1).replaceFirst("^NetStudio (?=.)", "");
            goal = "";
            if (!tty) {
                say(clock(System.currentTimeMillis() - start) + " · " + step);
            }
        } else if ((m = GOAL.matcher(line)).matches()) {
            goal = goalWords(m.group(1), m.group(2));
        } else if (line.contains("BUILD SUCCESS")) {
            success = true;
        } else if (line.startsWith("[ERROR]")) {
            if (line.contains("in offline mode")) {
                missingOffline = true;
            }
            if (errors.size() < MAX_ERRORS) {
                errors.add(line);
            }
        }
        if (!tty) {
            reportDownloadsToPipe();
        }
    }

    /** Ends the report: a summary line on success, Maven's errors on a failure that is not a missing download. */
    synchronized int finish() {
        finished = true;
        clearLine();
        String took = clock(System.currentTimeMillis() - start);
        if (success) {
            say("built in " + took + (files == 0 ? "" : "; downloaded " + downloads()));
            return SUCCESS;
        }
        if (missingOffline) {
            return MISSING_OFFLINE;
        }
        say("the build failed after " + took + ":");
        errors.forEach(out::println);
        return FAILED;
    }

    private synchronized void redraw() {
        if (finished) {
            return;
        }
        String text = "netstudio: " + status();
        if (text.length() > width - 1) {
            text = text.substring(0, width - 2) + "…";
        }
        StringBuilder line = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < shownWidth; i++) {
            line.append(' ');
        }
        shownWidth = text.length();
        out.print(line);
        out.flush();
    }

    /** What the status line says now: time, step, downloads in flight, then the file or the goal (cut first when long). */
    String status() {
        long now = System.currentTimeMillis();
        List<String> parts = new ArrayList<>();
        parts.add(clock(now - start));
        parts.add(step);
        if (started > files) {
            parts.add(downloadAmount(now));
            parts.add(fileName);
        } else if (!goal.isEmpty()) {
            parts.add(goal);
        }
        return String.join(" · ", parts);
    }

    /** "187 of about 375 MB downloaded (295 files), about 1 min of downloading left". */
    private String downloadAmount(long now) {
        double mb = doneMb + inFlightMb;
        StringBuilder s = new StringBuilder(megabytesText(mb));
        if (expectedMb > mb) {
            s.append(" of about ").append(Math.round(expectedMb)).append(" MB");
        }
        s.append(" downloaded (").append(files).append(files == 1 ? " file)" : " files)");
        double seconds = (downloadMillis + (started > files ? now - downloadingSince : 0)) / 1000.0;
        // Hundreds of small files come first, slowed by round trips rather than bandwidth: the rate
        // says how long the rest takes only once the big jars flow (it said 32 min at 1 MB; 2 were left).
        long left = seconds >= 10 && mb >= 50 ? Math.round((expectedMb - mb) / (mb / seconds)) : 0;
        if (left >= 5) {
            s.append(", about ").append(left < 60 ? left + " s" : Math.round(left / 60.0) + " min")
                    .append(" of downloading left");
        }
        return s.toString();
    }

    private String downloads() {
        return files + (files == 1 ? " file (" : " files (") + megabytesText(doneMb) + ")";
    }

    /** Without a terminal: the downloads so far, at most every 15 s, when 5 MB more came (or any more in a minute). */
    private void reportDownloadsToPipe() {
        long now = System.currentTimeMillis();
        long since = now - lastPipeReport;
        if (files > 0 && since >= PIPE_REPORT_MILLIS
                && (doneMb >= lastReportedMb + 5 || (doneMb > lastReportedMb && since >= 4 * PIPE_REPORT_MILLIS))) {
            lastPipeReport = now;
            lastReportedMb = doneMb;
            say(clock(now - start) + " · " + downloadAmount(now));
        }
    }

    /** Without a terminal: what is going on, when nothing was said for 30 s. */
    private synchronized void heartbeat() {
        if (!finished && System.currentTimeMillis() - lastSaid >= HEARTBEAT_MILLIS) {
            say(status());
        }
    }

    private void say(String text) {
        lastSaid = System.currentTimeMillis();
        clearLine();
        out.println("netstudio: " + text);
        out.flush();
    }

    private void clearLine() {
        if (tty && shownWidth > 0) {
            out.print("\r" + " ".repeat(shownWidth) + "\r");
            shownWidth = 0;
        }
    }

    /** A plugin goal as a person reads it: "compiling", "packaging"; others by their names. */
    static String goalWords(String plugin, String goal) {
        return switch (plugin + ":" + goal) {
            case "compiler:compile" -> "compiling";
            case "compiler:testCompile" -> "compiling tests";
            case "resources:resources", "resources:testResources" -> "copying resources";
            case "jar:jar" -> "packaging";
            case "install:install" -> "installing";
            case "surefire:test" -> "tests (skipped)";
            case "dependency:build-classpath" -> "writing the classpath";
            default -> plugin + ":" + goal;
        };
    }

    private static double megabytes(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit) {
            case "B" -> v / 1e6;
            case "kB" -> v / 1e3;
            case "GB" -> v * 1e3;
            default -> v;
        };
    }

    private static String megabytesText(double mb) {
        if (mb < 1) {
            return Math.round(mb * 1000) + " kB";
        }
        return mb < 10 ? String.format(Locale.ROOT, "%.1f MB", mb) : Math.round(mb) + " MB";
    }

    static String clock(long millis) {
        long s = millis / 1000;
        return s / 60 + ":" + String.format(Locale.ROOT, "%02d", s % 60);
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
