package org.guidelinekb.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.load.BundledContent;
import org.guidelinekb.load.ContentFile;

/**
 * The data every benchmark runs on, prepared once per run under the work folder: TDB2 folders (copied afresh for
 * each server), generated content files, and their hashes for the report.
 */
public final class Datasets {
    public final Path shippedDb;
    public final Path kb10kDb;
    /** One guideline, one version of 1,000 statements (the CQL peer's second workload). */
    public final Path gen1kDb;
    public final Path sparqlDb;
    /** One generated guideline's versions (3 files) and the whole generated library (30 files) of the load phase. */
    public final List<Path> loadGuideline;
    public final List<Path> loadLibrary;
    public final Map<String, Object> description = new LinkedHashMap<>();

    private Datasets(Path shippedDb, Path kb10kDb, Path gen1kDb, Path sparqlDb, List<Path> loadGuideline, List<Path> loadLibrary) {
        this.shippedDb = shippedDb;
        this.kb10kDb = kb10kDb;
        this.gen1kDb = gen1kDb;
        this.sparqlDb = sparqlDb;
        this.loadGuideline = loadGuideline;
        this.loadLibrary = loadLibrary;
    }

    public static Datasets prepare(Path work, Plan plan, java.util.function.Consumer<String> log) {
        BenchStore.deleteTree(work);
        Path shipped = work.resolve("shipped-db");
        log.accept("preparing the shipped KB (validated load of kb/)");
        try (KnowledgeBase kb = KnowledgeBase.open(config(shipped, true), m -> { })) {
            kb.reasoner();
        }
        GeneratorSettings s10k = new GeneratorSettings(plan.kb10kGuidelines(), plan.kb10kVersions(), plan.kb10kRecommendations(), 0.2, 42);
        log.accept("generating " + s10k);
        List<Path> files10k = new KbGenerator(s10k).write(work.resolve("kb-10k")).files();
        Path db10k = work.resolve("kb-10k-db");
        try (KnowledgeBase kb = KnowledgeBase.open(config(db10k, false), m -> { })) {
            BenchStore.putUnvalidated(kb, files10k);
        }
        GeneratorSettings s1k = new GeneratorSettings(1, 1, 1000, 0.2, 45);
        log.accept("generating " + s1k + " for the CQL peer");
        List<Path> files1k = new KbGenerator(s1k).write(work.resolve("kb-1k")).files();
        Path db1k = work.resolve("kb-1k-db");
        try (KnowledgeBase kb = KnowledgeBase.open(config(db1k, false), m -> { })) {
            BenchStore.putUnvalidated(kb, files1k);
        }
        GeneratorSettings sSparql = new GeneratorSettings(plan.sparqlGuidelines(), 2, plan.sparqlRecommendations(), 0.2, 43);
        log.accept("generating " + sSparql + " for the SPARQL mix (plus the shipped content)");
        List<Path> filesSparql = new KbGenerator(sSparql).write(work.resolve("kb-sparql")).files();
        Path sparqlDb = work.resolve("sparql-db");
        BenchStore.copyTree(shipped, sparqlDb);
        try (KnowledgeBase kb = KnowledgeBase.open(config(sparqlDb, false), m -> { })) {
            BenchStore.putUnvalidated(kb, filesSparql);
        }
        GeneratorSettings sLoad = new GeneratorSettings(10, 3, plan.loadRecommendations(), 0.2, 7);
        List<Path> loadFiles = new KbGenerator(sLoad).write(work.resolve("kb-load")).files();
        List<Path> firstGuideline = loadFiles.stream().filter(f -> f.getParent().getFileName().toString().equals(sLoad.guidelineId(0))).toList();

        Datasets d = new Datasets(shipped, db10k, db1k, sparqlDb, firstGuideline, loadFiles);
        d.description.put("shipped", Map.of("what", "kb/ as bundled in the jar", "sha256", shippedHash()));
        d.description.put("kb_10k", Map.of("what", "gkb generate " + args(s10k) + " (active versions: " + s10k.guidelines() + " x " + s10k.recommendations() + " statements)",
                "sha256", BenchStore.sha256(files10k)));
        d.description.put("kb_1k", Map.of("what", "gkb generate " + args(s1k) + " (one version of 1,000 statements; ours vs the CQL engine)",
                "sha256", BenchStore.sha256(files1k)));
        d.description.put("sparql", Map.of("what", "kb/ plus gkb generate " + args(sSparql), "sha256", BenchStore.sha256(filesSparql)));
        d.description.put("load", Map.of("what", "gkb generate " + args(sLoad) + " (3 files: " + sLoad.guidelineId(0) + "; library: all "
                + loadFiles.size() + ")", "sha256", BenchStore.sha256(loadFiles)));
        return d;
    }

    static AppConfig config(Path dir, boolean bundled) {
        return AppConfig.defaults().toBuilder().host("127.0.0.1").port(0).build().withDataDir(dir).withLoadBundled(bundled);
    }

    static String args(GeneratorSettings s) {
        return "--guidelines " + s.guidelines() + " --versions " + s.versions() + " --recommendations " + s.recommendations()
                + " --change-rate " + s.changeRate() + " --seed " + s.seed();
    }

    static String shippedHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ContentFile f : BundledContent.files()) {
                md.update(f.name().getBytes(StandardCharsets.UTF_8));
                md.update(f.bytes());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
