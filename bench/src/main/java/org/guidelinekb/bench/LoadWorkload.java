package org.guidelinekb.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.LoadReport;

/**
 * Bulk load, side by side on the same files into a fresh TDB2 folder each: ours ({@code KnowledgeBase.load}: parse,
 * SHACL shapes per file, every sparql/checks query over the knowledge base, then one write transaction with the
 * catalog and provenance) against Jena's {@code tdb2.tdbloader} command (parse and bulk-load, no validation).
 */
public final class LoadWorkload {
    private LoadWorkload() {}

    /** One timed load; {@code validateMs} is the part before writing (ours only). */
    public record Timing(long triples, double millis, double validateMs) {
        public double triplesPerSecond() {
            return triples / (millis / 1000.0);
        }
    }

    /** Ours: opens a fresh store in {@code dir} (the ontology goes in first, untimed), then times the validated load. */
    public static Timing ours(List<Path> files, Path dir) {
        BenchStore.deleteTree(dir);
        AppConfig cfg = AppConfig.defaults().toBuilder().host("127.0.0.1").port(0).build().withDataDir(dir).withLoadBundled(false);
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, msg -> { })) {
            List<ContentFile> content = files.stream().map(ContentFile::read).toList();
            long[] writing = {0};
            long t0 = System.nanoTime();
            LoadReport r = kb.load(content, "bench", msg -> {
                if (msg.startsWith("writing")) writing[0] = System.nanoTime();
            });
            long t1 = System.nanoTime();
            long triples = r.files().stream().mapToLong(LoadReport.FileResult::triples).sum();
            return new Timing(triples, (t1 - t0) / 1e6, (writing[0] - t0) / 1e6);
        } finally {
            BenchStore.deleteTree(dir);
        }
    }

    /** The peer: {@code tdb2.tdbloader --loc dir FILE...} run in this JVM. */
    public static Timing tdbloader(List<Path> files, long triples, Path dir) {
        BenchStore.deleteTree(dir);
        List<String> args = new ArrayList<>(List.of("--quiet", "--loc", dir.toString()));
        files.forEach(f -> args.add(f.toString()));
        long t0 = System.nanoTime();
        tdb2.tdbloader.main(args.toArray(String[]::new));
        long t1 = System.nanoTime();
        TDBInternal.expel(DatabaseMgr.connectDatasetGraph(dir.toString()));
        BenchStore.deleteTree(dir);
        return new Timing(triples, (t1 - t0) / 1e6, 0);
    }
}
