package org.guidelinekb.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.tdb2.sys.DatabaseOps;
import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.guidelinekb.store.Tdb2Store;
import org.guidelinekb.testing.GkbProcess;
import org.guidelinekb.testing.ServerUnderTest;
import org.guidelinekb.testing.StandaloneFuseki;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs as its own process over a TDB2 folder and publishes a large generated guideline version (upload
 * of the draft, then publish) while the test kills it with SIGKILL at a random moment — {@code -Dgkb.crash.kills}
 * times (default 20), restarting it each time. After each kill the folder must open cleanly and hold exactly a state
 * the writes pass through — before the upload, after it, or after the publish — never anything in between: its
 * fingerprint (every graph's triple count and hash) equals that of a reference store that made the same writes
 * without being killed. A write the client saw acknowledged must have survived.
 *
 * <p>Over a remote store ({@code gkb.test.store=remote}: a standalone Fuseki process that is never killed, the
 * server started with {@code --store}) the same kills hit the server while its one guarded SPARQL Update per write is
 * being built, sent or answered: the store must likewise hold a state the writes pass through. A kill after the
 * update but before the server removed its receipt leaves that spent receipt in the write-lock graph (bookkeeping,
 * never read again), so the fingerprint leaves that graph out.
 *
 * <p>A quarter of the kill moments are drawn over the whole upload-and-publish, the others near the end of the upload,
 * where its large write transaction commits; the time scale follows the outcomes (a kill that came before every
 * write makes the next ones later, one after every write earlier), so the kills keep straddling the commits. Over a
 * TDB2 folder every third kill instead comes at a random one of the first writes to the TDB2 journal (seen through
 * inotify): during a commit, where a torn journal tail can happen (store/TornJournalTail; the summary line counts the
 * kills that left a journal to recover).
 */
@Tag("long") // ./gkb test --all only: minutes of kills and restarts
class TestCrashSafety {
    private static final int KILLS = Integer.getInteger("gkb.crash.kills", 20);
    private static final int STATEMENTS = Integer.getInteger("gkb.crash.statements", 120);
    private static final long SEED = Long.getLong("gkb.crash.seed", 20261127L);
    private static final Pattern PORT = Pattern.compile("on http://localhost:(\\d+)/");
    private static final String GUIDELINE = "syn-g001";
    /** Where a remote store's write receipts live (store/GuardedUpdate). */
    private static final String WRITE_LOCK_GRAPH = "https://w3id.org/gkb/graph/write-lock";

    /** The versions to publish, oldest first, as draft bodies. */
    private List<String> drafts;
    private Path tokens;
    /** The remote store, or null when the server runs over a TDB2 folder. */
    private StandaloneFuseki fuseki;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void sigkill_while_publishing_leaves_the_store_before_or_after_a_write_never_between(@TempDir Path dir) throws Exception {
        drafts = drafts(dir.resolve("content"), KILLS + 2);
        tokens = Files.writeString(dir.resolve("tokens.txt"), "crash-test " + HardeningLib.TOKEN + "\n");
        Path data = dir.resolve("data");
        if (ServerUnderTest.StoreKind.ofThisRun() == ServerUnderTest.StoreKind.REMOTE) fuseki = new StandaloneFuseki(dir.resolve("fuseki")).start();
        try {
            run(data);
        } finally {
            if (fuseki != null) fuseki.close();
        }
    }

    private void run(Path data) throws Exception {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        long t0 = System.nanoTime();
        try (Reference reference = new Reference()) {
            // calibration: the first version uploaded and published without a kill, timed
            int done;
            long uploadMillis;
            long publishMillis;
            try (GkbProcess server = serve(data)) {
                String base = base(server);
                Reply up = HardeningLib.send(upload(base, 1));
                Reply pub = HardeningLib.send(publish(base, 1));
                assertEquals(201, up.status(), up.toString());
                assertEquals(200, pub.status(), pub.toString());
                uploadMillis = up.nanos() / 1_000_000;
                publishMillis = pub.nanos() / 1_000_000;
            }
            assertEquals(reference.after(2), fingerprint(data), "after an uninterrupted upload and publish");
            done = 2;
            double scale = 1.0;
            long restartNanos = 0;
            int journalsLeft = 0;   // kills that came while TDB2's journal held entries (during a commit)

            for (int kill = 1; kill <= KILLS; kill++) {
                int version = done / 2 + 1;
                boolean uploadFirst = done % 2 == 0;
                long window = (long) (scale * ((uploadFirst ? uploadMillis : 0) + publishMillis));
                long delay = uploadFirst && random.nextInt(4) > 0
                        ? (long) (scale * uploadMillis * (0.85 + 0.3 * random.nextDouble()))   // around the upload's commit
                        : (long) (window * 1.1 * random.nextDouble());
                // every third kill over a TDB2 folder comes at the n-th write to its journal instead: during a commit
                int journalWrite = fuseki == null && random.nextInt(3) == 0 ? 1 + random.nextInt(12) : 0;
                int acknowledged;
                AtomicLong uploadTook = new AtomicLong(-1);
                AtomicLong publishTook = new AtomicLong(-1);
                long restart = System.nanoTime();
                try (GkbProcess server = serve(data); WatchService journal = FileSystems.getDefault().newWatchService()) {
                    String base = base(server);
                    HardeningLib.assertHealthy(base);   // the store opened cleanly after the previous kill
                    restartNanos += System.nanoTime() - restart;
                    if (journalWrite > 0) DatabaseOps.findStorageLocation(data).register(journal, StandardWatchEventKinds.ENTRY_MODIFY);
                    CountDownLatch sending = new CountDownLatch(1);
                    CompletableFuture<Integer> writes = CompletableFuture.supplyAsync(() -> {
                        int acked = 0;
                        sending.countDown();
                        if (uploadFirst) {
                            if (!ok(upload(base, version), 201, uploadTook)) return acked;
                            acked++;
                        }
                        return ok(publish(base, version), 200, publishTook) ? acked + 1 : acked;
                    });
                    sending.await();
                    if (journalWrite > 0) awaitJournalWrites(journal, journalWrite, 2 * window + 10_000);
                    else Thread.sleep(delay);
                    server.process().destroyForcibly();   // SIGKILL
                    server.process().waitFor(30, TimeUnit.SECONDS);
                    acknowledged = writes.get(60, TimeUnit.SECONDS);
                }
                if (fuseki == null && journalBytes(data) > 0) journalsLeft++;
                StoreFingerprint now = fingerprint(data);
                int reached = -1;
                int last = done + (uploadFirst ? 2 : 1);
                for (int s = done; s <= last && reached < 0; s++) {
                    if (reference.after(s).equals(now)) reached = s;
                }
                if (reached < 0) {
                    StringBuilder diff = new StringBuilder();
                    for (int s = done; s <= last; s++) diff.append("\n vs the state after step ").append(s).append(':').append(reference.after(s).differences(now));
                    String when = journalWrite > 0 ? " at journal write " + journalWrite : " after " + delay + " ms";
                    throw new AssertionError("kill " + kill + when + " left the store in a state no write passes through: " + now + diff);
                }
                assertTrue(reached >= done + acknowledged, "kill " + kill + ": " + acknowledged + " write(s) were acknowledged, but the store "
                        + "holds only " + (reached - done) + " of them");
                String outcome = reached == done ? "before the writes" : reached == last ? "after every write" : "between the upload and the publish";
                outcomes.merge(outcome, 1, Integer::sum);
                // Uploads get slower as versions accumulate (validation reads the whole knowledge base): a write that
                // completed gives its duration; a kill that came before every write makes the next ones later, one
                // after every write earlier.
                if (uploadTook.get() >= 0) uploadMillis = uploadTook.get();
                if (publishTook.get() >= 0) publishMillis = publishTook.get();
                if (uploadTook.get() >= 0 || publishTook.get() >= 0) scale = 1.0;
                if (reached == done && journalWrite == 0) scale *= 1.25;
                if (reached == last && journalWrite == 0) scale /= 1.25;
                done = reached;
            }
            try (GkbProcess server = serve(data)) {
                HardeningLib.assertHealthy(base(server));
                server.process().destroy();   // SIGTERM: a clean stop after all those kills
                assertEquals(0, server.waitFor(60), server.stderr());
            }
            assertEquals(reference.after(done), fingerprint(data));
            System.out.printf("crash safety: %d SIGKILLs during publishing (%d statements per version; last upload %d ms, publish %d ms; "
                    + "final time scale %.2f): %s; %d writes done; %d kills left a journal to recover (a torn one is logged by "
                    + "store.TornJournalTail); restarts %d s, %d s in all%n", KILLS, STATEMENTS, uploadMillis, publishMillis,
                    scale, outcomes, done, journalsLeft, restartNanos / 1_000_000_000, (System.nanoTime() - t0) / 1_000_000_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one write; false when the answer is not {@code expected} (the process was killed, or it refused). */
    private static boolean ok(Request r, int expected, AtomicLong tookMillis) {
        try {
            Reply reply = HardeningLib.send(r, Duration.ofSeconds(120));
            if (reply.status() != expected) return false;
            tookMillis.set(reply.nanos() / 1_000_000);
            return true;
        } catch (RuntimeException killed) {
            return false;
        }
    }

    private Request upload(String base, int version) {
        return Request.post(base + "/api/guidelines/" + GUIDELINE + "/versions", "text/turtle", drafts.get(version - 1),
                "Authorization", HardeningLib.BEARER);
    }

    private static Request publish(String base, int version) {
        return Request.post(base + "/api/guidelines/" + GUIDELINE + "/versions/v" + version + "/publish", null, (String) null,
                "Authorization", HardeningLib.BEARER);
    }

    private GkbProcess serve(Path data) {
        GkbProcess p = GkbProcess.start("serve", "--port", "0", "--host", "127.0.0.1", fuseki == null ? "--data" : "--store",
                fuseki == null ? data.toString() : fuseki.datasetUrl(), "--token-file", tokens.toString());
        if (!p.awaitStderr("/ in ", 180)) { // the end of "serving ... on http://localhost:PORT/ in N ms": the port is there
            String err = p.stderr();
            p.close();
            throw new AssertionError("the server did not start over " + data + ":\n" + err);
        }
        return p;
    }

    /** Waits until the journal has been written {@code writes} times (inotify may merge some), or at most {@code millis}. */
    private static void awaitJournalWrites(WatchService journal, int writes, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        int seen = 0;
        while (seen < writes) {
            WatchKey key = journal.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (key == null) return;
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.context() instanceof Path p && p.toString().equals("journal.jrnl")) seen += e.count();
            }
            key.reset();
        }
    }

    /** The size of the TDB2 journal of the folder (its newest Data-NNNN): not zero only while a commit was under way. */
    private static long journalBytes(Path data) throws IOException {
        Path storage = DatabaseOps.findStorageLocation(data);
        Path journal = storage == null ? null : storage.resolve("journal.jrnl");
        return journal != null && Files.exists(journal) ? Files.size(journal) : 0;
    }

    private static String base(GkbProcess p) {
        Matcher m = PORT.matcher(p.stderr());
        if (!m.find()) throw new AssertionError("no port in: " + p.stderr());
        return "http://127.0.0.1:" + m.group(1);
    }

    /**
     * Opens the folder in this process (TDB2 recovers from its journal here), reads its fingerprint, closes it; or
     * reads the remote store's, without the write-lock graph.
     */
    private StoreFingerprint fingerprint(Path data) {
        if (fuseki != null) {
            // the store may still be applying an update it received whole before the kill: read until it is settled
            StoreFingerprint last = StoreFingerprint.of(fuseki.contentCopy()).without(WRITE_LOCK_GRAPH);
            for (int i = 0; i < 20; i++) {
                sleep(500);
                StoreFingerprint now = StoreFingerprint.of(fuseki.contentCopy()).without(WRITE_LOCK_GRAPH);
                if (now.equals(last)) return now;
                last = now;
            }
            throw new AssertionError("the remote store kept changing for 10 s after the server was killed");
        }
        try (Tdb2Store store = Tdb2Store.open(data)) {
            return StoreFingerprint.of(store.localDataset().orElseThrow());
        }
    }

    /** Generated versions of one guideline ({@code gkb generate}'s content), each as a draft: its status line taken out. */
    private static List<String> drafts(Path out, int versions) throws IOException {
        KbGenerator.GenerationReport r = new KbGenerator(new GeneratorSettings(1, versions, STATEMENTS, 0.2, SEED)).write(out);
        List<String> bodies = new ArrayList<>();
        for (Path f : r.files()) bodies.add(Files.readString(f).replaceAll("gkb:lifecycleStatus status:\\w+ ;", ""));
        bodies.sort((a, b) -> Integer.compare(label(a), label(b)));
        return bodies;
    }

    private static int label(String body) {
        Matcher m = Pattern.compile("pav:version \"v(\\d+)\"").matcher(body);
        if (!m.find()) throw new IllegalStateException("a generated version without a label");
        return Integer.parseInt(m.group(1));
    }

    /**
     * The same writes on an in-memory store that is never killed: its fingerprint after step s (odd steps upload a
     * version, even steps publish it) is what the killed store must equal, made lazily as the run gets there.
     */
    private final class Reference implements AutoCloseable {
        private final App app = App.start(AppConfig.forTests().toBuilder().adminToken(HardeningLib.TOKEN).build());
        private final List<StoreFingerprint> states = new ArrayList<>(List.of(fingerprintOf(app)));

        StoreFingerprint after(int step) {
            while (states.size() <= step) {
                int s = states.size();
                int version = (s + 1) / 2;
                Reply r = HardeningLib.send(s % 2 == 1 ? upload(app.baseUrl(), version) : publish(app.baseUrl(), version), Duration.ofSeconds(300));
                if (r.status() / 100 != 2) throw new AssertionError("the reference store refused step " + s + ":\n" + r);
                states.add(fingerprintOf(app));
            }
            return states.get(step);
        }

        private static StoreFingerprint fingerprintOf(App a) {
            return StoreFingerprint.of(a.kb().store().localDataset().orElseThrow());
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
