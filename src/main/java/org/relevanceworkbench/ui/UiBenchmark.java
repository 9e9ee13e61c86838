package org.relevanceworkbench.ui;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.relevanceworkbench.cli.Cli;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

/**
 * {@code bench ui}: the real window (JavaFX, the main view and its comparison, table and Canvas scatter) under load.
 * <ol>
 *   <li>with {@code --db}: the time from opening that workspace to a shown window, to its collection list and to the
 *       first collection's topic list;</li>
 *   <li>a comparison of {@code documents × variants} fed {@code pairs} scores in batches, as a run streams them (each
 *       batch handed to the FX thread, the comparison refreshing every 250 ms), while an AnimationTimer records every
 *       pulse: the longest gap between two pulses is how long the window stood still;</li>
 *   <li>then a text filter, the flipped-only filter and a sort by Δ on the full table, each with its longest pulse
 *       gap and how long until the table showed the result.</li>
 * </ol>
 * It needs a display: on a server, run it under {@code xvfb-run}.
 */
public final class UiBenchmark {
    private static final class Host implements WorkbenchHost {
        final Preferences node = Preferences.userRoot().node("relevance-workbench-bench/" + UUID.randomUUID());
        final AppPreferences preferences = new AppPreferences(node);

        @Override
        public void openWorkspace(Path file) {
        }

        @Override
        public void applyTheme(Theme theme) {
            theme.apply();
        }

        @Override
        public AppPreferences preferences() {
            return preferences;
        }

        @Override
        public void quit() {
        }

        void forget() {
            try {
                node.removeNode();
            } catch (Exception ignored) {
                // a benchmark's throw-away preferences
            }
        }
    }

    /**
     * Every pulse's time stamp, from an AnimationTimer (which keeps pulses coming) on the FX thread; and, while no
     * pulse came for 40 ms, where the FX thread was (sampled every 3 ms), to tell our work from the toolkit's.
     */
    private static final class Pulses extends AnimationTimer {
        private long[] stamps = new long[1 << 16];
        private int count;
        private volatile long last = System.nanoTime();
        private volatile Thread fx;
        private final java.util.concurrent.ConcurrentHashMap<String, Integer> stalls =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean watching = true;

        void watch() {
            Thread watchdog = new Thread(() -> {
                while (watching) {
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Thread t = fx;
                    if (t != null && System.nanoTime() - last > 40_000_000L) {
                        stalls.merge(where(t.getStackTrace()), 1, Integer::sum);
                    }
                }
            }, "pulse-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        private static String where(StackTraceElement[] stack) {
            for (StackTraceElement f : stack) {
                if (f.getMethodName().equals("waitForRenderingToComplete")) {
                    return "waiting for the render thread to finish the last frame";
                }
            }
            for (StackTraceElement f : stack) {
                if (f.getClassName().startsWith("org.relevanceworkbench")) {
                    return "in " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                            + f.getMethodName();
                }
            }
            if (stack.length > 0 && stack[0].getMethodName().equals("_runLoop")) {
                return "idle in the event loop (no pulse due yet)";
            }
            return stack.length == 0 ? "?" : "in " + stack[0].getClassName() + "." + stack[0].getMethodName();
        }

        /** Where the FX thread was while pulses stalled, most samples first. */
        String stalls() {
            int all = stalls.values().stream().mapToInt(Integer::intValue).sum();
            if (all == 0) {
                return "none";
            }
            StringBuilder out = new StringBuilder();
            stalls.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(4).forEach(e ->
                    out.append(out.length() == 0 ? "" : "; ").append(String.format(Locale.US, "%.0f%% %s",
                            100.0 * e.getValue() / all, e.getKey())));
            return out.toString();
        }

        @Override
        public void handle(long now) {
            last = System.nanoTime();
            fx = Thread.currentThread();
            if (count == stamps.length) {
                stamps = Arrays.copyOf(stamps, count * 2);
            }
            stamps[count++] = now;
        }

        /** Sorted gaps between pulses, in milliseconds, from pulse index {@code from} on. */
        double[] gapsSince(int from) {
            int n = Math.max(0, count - Math.max(from, 1));
            double[] gaps = new double[n];
            for (int i = 0; i < n; i++) {
                int at = Math.max(from, 1) + i;
                gaps[i] = (stamps[at] - stamps[at - 1]) / 1e6;
            }
            Arrays.sort(gaps);
            return gaps;
        }

        int count() {
            return count;
        }

        /** The {@code n} longest gaps from pulse {@code from} on: "+offset s gap ms", offset from that pulse. */
        String longest(int from, int n) {
            List<long[]> gaps = new ArrayList<>();
            for (int i = Math.max(from, 1); i < count; i++) {
                gaps.add(new long[] {stamps[i] - stamps[i - 1], stamps[i - 1] - stamps[Math.max(from, 1) - 1]});
            }
            gaps.sort((x, y) -> Long.compare(y[0], x[0]));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < Math.min(n, gaps.size()); i++) {
                out.append(i == 0 ? "" : ", ").append(String.format(Locale.US, "%.0f ms at +%.1f s", gaps.get(i)[0] / 1e6,
                        gaps.get(i)[1] / 1e9));
            }
            return out.toString();
        }
    }

    /** From the JVM's start to a running JavaFX toolkit, which a window's start-up also pays. */
    private static long toolkitReadyMillis;
    private final Cli.UiBenchRequest request;
    private final PrintWriter out;
    private final Host host = new Host();
    private Stage stage;

    private UiBenchmark(Cli.UiBenchRequest request, PrintWriter out) {
        this.request = request;
        this.out = out;
    }

    /** Runs the benchmark; returns the exit code. */
    public static int run(Cli.UiBenchRequest request, PrintWriter out) throws Exception {
        boolean ours = true;
        try {
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
        } catch (IllegalStateException alreadyRunning) {
            ours = false; // a test's toolkit (Monocle): measure in it, and leave it running
        } catch (RuntimeException e) { // UnsupportedOperationException: no display
            throw new org.relevanceworkbench.common.UserException("bench ui needs a display (" + e.getMessage()
                    + "); on a server run it under xvfb-run: xvfb-run -a java -jar relevance-workbench.jar bench ui", e);
        }
        toolkitReadyMillis = System.currentTimeMillis()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        boolean implicitExit = Platform.isImplicitExit();
        Platform.setImplicitExit(false);
        UiBenchmark bench = new UiBenchmark(request, out);
        try {
            bench.runAll();
            return Cli.OK;
        } finally {
            bench.host.forget();
            if (ours) {
                Platform.exit();
            } else {
                Platform.setImplicitExit(implicitExit);
            }
        }
    }

    private void runAll() throws Exception {
        out.printf(Locale.US, "%d cores, Java %s, JavaFX %s, prism %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version"), System.getProperty("prism.order", "default"),
                loadAverage());
        onFx(() -> {
            stage = new Stage();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(1280, screen.getWidth())); // the window's default size, if the screen has room
            stage.setHeight(Math.min(820, screen.getHeight()));
            return null;
        });
        if (request.workspace() != null) {
            startUp(request.workspace());
        }
        Path dir = Files.createTempDirectory("rw-ui-bench");
        try {
            streaming(dir.resolve("ui-bench.db"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The main window on {@code vm}, shown in the benchmark's stage at its size (on the FX thread). */
    private Parent show(WorkbenchViewModel vm) throws java.io.IOException {
        Parent root = WorkbenchView.load(vm, host);
        stage.setScene(new Scene(root, stage.getWidth(), stage.getHeight()));
        stage.show();
        return root;
    }

    /** Opening a workspace as the window does: database, view model, view, shown; then its first lists. */
    private void startUp(Path workspace) throws Exception {
        long t0 = System.nanoTime();
        Database db = Database.open(workspace);
        FxTaskExecutor tasks = new FxTaskExecutor();
        AtomicReference<WorkbenchViewModel> model = new AtomicReference<>();
        long[] shown = new long[1];
        onFx(() -> {
            WorkbenchViewModel vm = new WorkbenchViewModel(db, tasks);
            model.set(vm);
            show(vm);
            vm.start();
            shown[0] = System.nanoTime();
            return null;
        });
        waitFor(() -> onFxQuiet(() -> !model.get().workspace().collections().isEmpty()), 600);
        long listed = System.nanoTime();
        long expected = onFx(() -> model.get().workspace().selectedProperty().get() == null ? 0
                : model.get().workspace().selectedProperty().get().topics());
        waitFor(() -> onFxQuiet(() -> model.get().workspace().topics().size() >= expected), 600);
        long topics = System.nanoTime();
        String sizes = onFx(() -> {
            var stats = model.get().workspace().collections();
            long documents = stats.stream().mapToLong(s -> s.documents()).sum();
            return String.format(Locale.US, "%d collection(s), %,d documents, %d topics in the first", stats.size(),
                    documents, model.get().workspace().topics().size());
        });
        out.printf(Locale.US, "start-up on %s (%s): window shown %.0f ms, collection list %.0f ms, topic list %.0f ms "
                + "after opening the workspace; before that, %d ms from the JVM's start to a running JavaFX toolkit%n",
                workspace.getFileName(), sizes, (shown[0] - t0) / 1e6, (listed - t0) / 1e6, (topics - t0) / 1e6,
                toolkitReadyMillis);
        out.flush();
        onFx(() -> {
            model.get().close();
            return null;
        });
        tasks.close();
        db.close();
    }

    private void streaming(Path file) throws Exception {
        int documents = request.documents();
        int variants = request.variants();
        Database db = Database.open(file);
        writeCollection(db, file.resolveSibling("docs.jsonl"), documents, variants);
        FxTaskExecutor tasks = new FxTaskExecutor();
        AtomicReference<WorkbenchViewModel> model = new AtomicReference<>();
        AtomicReference<TableView<ComparisonRow>> table = new AtomicReference<>();
        onFx(() -> {
            WorkbenchViewModel vm = new WorkbenchViewModel(db, tasks);
            model.set(vm);
            Parent root = show(vm);
            root.applyCss(); // skins now, not at the next pulse: a scene swapped into a shown stage has none yet
            root.layout();
            @SuppressWarnings("unchecked")
            TableView<ComparisonRow> t = (TableView<ComparisonRow>) root.lookup("#comparisonTable");
            if (t == null) {
                throw new IllegalStateException("the main view has no #comparisonTable");
            }
            table.set(t);
            vm.start();
            return null;
        });
        waitFor(() -> onFxQuiet(() -> !model.get().workspace().topics().isEmpty()), 120);
        onFx(() -> {
            Topic topic = model.get().workspace().topics().get(0);
            model.get().topicProperty().set(topic);
            return null;
        });
        waitFor(() -> onFxQuiet(() -> model.get().comparison().variants().size() == variants), 60);
        ComparisonViewModel comparison = model.get().comparison();
        List<String> names = onFx(() -> List.copyOf(comparison.variants()));

        Pulses pulses = new Pulses();
        warmUp(model.get(), comparison, names.get(0), documents);
        AtomicLong refreshes = new AtomicLong();
        onFx(() -> {
            javafx.collections.ListChangeListener<ComparisonRow> counted = change -> refreshes.incrementAndGet();
            comparison.rows().addListener(counted); // a refresh shown
            comparison.visibleRows().addListener(counted); // and the table's rows, which may follow it
            return null;
        });
        onFx(() -> {
            pulses.start();
            return null;
        });
        pulses.watch();
        Thread.sleep(300); // pulses settle at the frame rate first
        int from = onFx(pulses::count);
        long pairs = request.pairs();
        int batch = request.batch();
        SplittableRandom random = new SplittableRandom(5);
        long sent = 0;
        long t0 = System.nanoTime();
        Map<String, String> noTitles = Map.of();
        Map<String, CachedScore> lastSent = new HashMap<>(); // per variant: shown, every score before it was too
        while (sent < pairs) {
            for (String variant : names) {
                for (int start = 0; start < documents && sent < pairs; start += batch) {
                    List<CachedScore> scores = new ArrayList<>(batch);
                    for (int d = start; d < Math.min(documents, start + batch) && sent < pairs; d++, sent++) {
                        scores.add(new CachedScore("doc" + d, random.nextDouble(), 0, 0, 200, false));
                    }
                    lastSent.put(variant, scores.get(scores.size() - 1));
                    Platform.runLater(() -> comparison.addScores(variant, scores, noTitles));
                    if (request.pauseMicros() > 0) {
                        TimeUnit.MICROSECONDS.sleep(request.pauseMicros());
                    }
                }
                if (sent >= pairs) {
                    break;
                }
            }
        }
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        int fullRows = Math.min(documents, (int) Math.min(pairs, Integer.MAX_VALUE));
        try {
            // shown: every row, and the last score sent under each variant
            waitForRows(refreshes, () -> onFxRows(comparison, fullRows, table.get()), rows -> shown(rows, lastSent), 120);
        } catch (IllegalStateException timedOut) {
            throw new IllegalStateException(timedOut.getMessage() + ": " + onFx(() -> comparison.rows().size()
                    + " rows, " + table.get().getItems().size() + " in the table, " + comparison.visibleRows().size()
                    + " visible, filter '" + comparison.filterTextProperty().get() + "', flipped only "
                    + comparison.flippedOnlyProperty().get() + ", items are the model's "
                    + (table.get().getItems() == comparison.visibleRows())));
        }
        Thread.sleep(600); // the last coalesced refresh
        double streamSeconds = (System.nanoTime() - t0) / 1e9;
        double[] gaps = onFx(() -> pulses.gapsSince(from));
        out.printf(Locale.US, "comparison of %,d documents × %d variants: %,d scores streamed in batches of %d "
                + "(handed to the FX thread in %.1f s, shown after %.1f s); FX pulses: %d, median gap %.1f ms, p99 "
                + "%.1f ms, longest %.1f ms, %d gaps over 50 ms; load average %s%n", documents, variants, pairs, batch,
                sendSeconds, streamSeconds, gaps.length, percentile(gaps, 50), percentile(gaps, 99),
                percentile(gaps, 100), countOver(gaps, 50), loadAverage());
        out.printf(Locale.US, "  longest gaps: %s%n", onFx(() -> pulses.longest(from, 5)));
        out.printf(Locale.US, "  where the FX thread was while no pulse came for 40 ms: %s%n", pulses.stalls());
        out.flush();

        operation("text filter 'doc1' on the full table", pulses, refreshes, table.get(),
                () -> comparison.filterTextProperty().set("doc1"),
                items -> items.size() < fullRows && !items.isEmpty());
        operation("clearing the filter", pulses, refreshes, table.get(), () -> comparison.filterTextProperty().set(""),
                items -> items.size() == fullRows);
        operation("flipped-only filter", pulses, refreshes, table.get(),
                () -> comparison.flippedOnlyProperty().set(true), items -> items.size() < fullRows);
        operation("showing every row again", pulses, refreshes, table.get(),
                () -> comparison.flippedOnlyProperty().set(false), items -> items.size() == fullRows);
        operation("sort by Δ (a click on its header)", pulses, refreshes, table.get(), () -> {
            TableColumn<ComparisonRow, ?> delta = table.get().getVisibleLeafColumns().stream()
                    .filter(c -> "delta".equals(c.getId())).findFirst().orElseThrow();
            delta.setSortType(TableColumn.SortType.DESCENDING);
            table.get().getSortOrder().setAll(List.of(delta));
        }, items -> isSortedByDeltaDescending(items, names.get(0), names.get(1)));
        pulses.watching = false;
        onFx(() -> {
            pulses.stop();
            stage.hide();
            model.get().close();
            return null;
        });
        tasks.close();
        db.close();
    }

    /**
     * One variant's pass over every document, shown, then the topic opened afresh: the table's cells, the code paths
     * and the JIT are warm, as they are after a window's first run, and the measured stream starts from no scores.
     */
    private void warmUp(WorkbenchViewModel model, ComparisonViewModel comparison, String variant, int documents)
            throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        for (int start = 0; start < documents; start += 256) {
            List<CachedScore> scores = new ArrayList<>();
            for (int d = start; d < Math.min(documents, start + 256); d++) {
                scores.add(new CachedScore("doc" + d, random.nextDouble(), 0, 0, 200, false));
            }
            Platform.runLater(() -> comparison.addScores(variant, scores, Map.of()));
        }
        waitFor(() -> onFxQuiet(() -> comparison.rows().size() == documents), 120);
        Thread.sleep(500);
        onFx(() -> {
            Topic topic = model.topicProperty().get();
            model.topicProperty().set(null);
            model.topicProperty().set(topic);
            return null;
        });
        waitFor(() -> onFxQuiet(() -> comparison.rows().isEmpty()), 60);
        Thread.sleep(300);
    }

    /** Runs {@code action} on the FX thread and waits until the table's rows pass {@code done}. */
    private void operation(String name, Pulses pulses, AtomicLong changes,
            TableView<ComparisonRow> table, Runnable action, Predicate<List<ComparisonRow>> done)
            throws Exception {
        int from = onFx(pulses::count);
        long t0 = System.nanoTime();
        onFx(() -> {
            action.run();
            return null;
        });
        waitForRows(changes, () -> rowsOf(table), done, 60);
        double millis = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(200);
        double[] gaps = onFx(() -> pulses.gapsSince(from));
        out.printf(Locale.US, "  %s: shown after %.0f ms, longest pulse gap %.1f ms%n", name, millis,
                percentile(gaps, 100));
        out.flush();
    }

    /**
     * Waits until {@code rows} (null: not yet) pass {@code done}, looked at once per change of the comparison's lists
     * and checked on this thread, so that checking a million rows does not stall the FX thread.
     */
    private static void waitForRows(AtomicLong changes,
            Supplier<List<ComparisonRow>> rows, Predicate<List<ComparisonRow>> done,
            int seconds) throws InterruptedException {
        long[] checked = {-1};
        waitFor(() -> {
            long seen = changes.get();
            if (seen == checked[0]) {
                return false;
            }
            checked[0] = seen;
            List<ComparisonRow> now = rows.get();
            return now != null && done.test(now);
        }, seconds);
    }

    /** The table's rows as they are now, or null when the FX thread could not be asked. */
    private static List<ComparisonRow> rowsOf(TableView<ComparisonRow> table) {
        try {
            return onFx(() -> snapshot(table.getItems()));
        } catch (Exception e) {
            return null;
        }
    }

    /** The rows of a list shown: a comparison's own immutable list, not copied (on the FX thread); else a copy. */
    private static List<ComparisonRow> snapshot(List<ComparisonRow> shown) {
        return shown instanceof ReplacedList<ComparisonRow> replaced ? replaced.current() : List.copyOf(shown);
    }

    private static boolean isSortedByDeltaDescending(List<ComparisonRow> items, String a, String b) {
        if (items.size() < 2) {
            return false;
        }
        for (int i = 1; i < items.size(); i++) {
            Double x = items.get(i - 1).delta(a, b);
            Double y = items.get(i).delta(a, b);
            if (x != null && y != null && x < y) {
                return false;
            }
        }
        return true;
    }

    /** A collection of short documents and one topic with {@code variants} named variants. */
    private static void writeCollection(Database db, Path file, int documents, int variants) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            lines.append("{\"_id\":\"doc").append(d).append("\",\"title\":\"Document ").append(d)
                    .append("\",\"text\":\"synthetic text of document ").append(d).append("\"}\n");
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        new ImportService(db).importDocuments("ui-bench", List.of(SourceFile.of(file)), ImportOptions.defaults(),
                ImportListener.NONE, new CancellationToken());
        db.write(c -> {
            long collection = new CollectionDao(c).require("ui-bench").id();
            TopicDao topics = new TopicDao(c);
            long row = topics.upsert(collection, "T1", "synthetic query", null, null);
            Map<String, String> names = new LinkedHashMap<>();
            names.put("og", "the original instruction");
            for (int v = 1; v < variants; v++) {
                names.put("variant-" + v, "instruction " + v);
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                topics.upsertVariant(row, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the FX thread did not answer");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    private static boolean onFxQuiet(BooleanSupplier check) {
        try {
            return onFx(check::getAsBoolean);
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    /** The comparison's rows when all {@code fullRows} are in it and in the table; else null. */
    private static List<ComparisonRow> onFxRows(ComparisonViewModel comparison, int fullRows,
            TableView<ComparisonRow> table) {
        try {
            return onFx(() -> comparison.rows().size() == fullRows && table.getItems().size() == fullRows
                    ? snapshot(comparison.rows()) : null);
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether {@code rows} hold each of these scores (by variant) as their document's score under that variant. */
    private static boolean shown(List<ComparisonRow> rows, Map<String, CachedScore> scores) {
        int found = 0;
        for (ComparisonRow row : rows) {
            for (Map.Entry<String, CachedScore> e : scores.entrySet()) {
                if (row.docId().equals(e.getValue().docId())) {
                    Double score = row.score(e.getKey());
                    if (score == null || score != e.getValue().pTrue()) {
                        return false;
                    }
                    found++;
                }
            }
        }
        return found == scores.size();
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static int countOver(double[] gaps, double millis) {
        int n = 0;
        for (double g : gaps) {
            n += g > millis ? 1 : 0;
        }
        return n;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
