package org.guidelinekb.bench;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.jmh.DiffBench;
import org.guidelinekb.bench.jmh.CqlEvaluateBench;
import org.guidelinekb.bench.jmh.EvaluateBench;
import org.guidelinekb.bench.jmh.NaiveEvaluateBench;
import org.guidelinekb.bench.proc.Affinity;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.cli.Main;
import org.guidelinekb.generate.GenVersion;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.LoadReport;
import org.guidelinekb.versioning.GuidelineDiff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs every benchmark once with tiny parameters, so bench/ never rots: the generator (its output through the real
 * loader), each JMH benchmark body called directly, the naive peer against the reasoner, the diff mapping against
 * the store path, the load peers, and the server phases (HTTP, CDS Hooks, memory, SPARQL vs standalone Fuseki, cold
 * start, replicas over standalone Fuseki) with processes started from the test classpath. No timing is asserted.
 */
class BenchSmokeTest {
    private static final GeneratorSettings TINY = new GeneratorSettings(2, 3, 12, 0.5, 5);

    @TempDir
    Path tmp;

    @Test
    void generated_content_is_deterministic_and_loads_through_the_validating_loader() throws Exception {
        List<Path> a = new KbGenerator(TINY).write(tmp.resolve("a")).files();
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"generate", "--guidelines", "2", "--versions", "3", "--recommendations", "12",
                "--change-rate", "0.5", "--seed", "5", "--out", tmp.resolve("b").toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, code, out.toString());
        StringWriter err = new StringWriter();
        int bad = Main.run(new String[] {"generate", "--change-rate", "2", "--out", tmp.resolve("c").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.FAILURE, bad);
        assertTrue(err.toString().contains("change-rate must be from 0 to 1"), err.toString());
        assertFalse(Files.exists(tmp.resolve("c")), "nothing written for bad settings");
        List<Path> b = BenchStore.turtleFiles(tmp.resolve("b"));
        assertEquals(6, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());

        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            LoadReport r = kb.load(a.stream().map(ContentFile::read).toList(), "smoke", m -> { });
            assertEquals(6, r.files().stream().filter(f -> f.status().equals("loaded")).count());
            assertEquals(2, kb.versions().catalog().guidelines().size());
            GuidelineDiff d = kb.versions().compare(TINY.guidelineId(0), VersionSelector.label("v1"), VersionSelector.label("v2"));
            assertFalse(d.modified().isEmpty(), "a change rate of 0.5 changes statements between versions");
        }
    }

    @Test
    void larger_generated_content_with_every_criterion_kind_passes_the_shapes_and_checks() {
        GeneratorSettings s = new GeneratorSettings(1, 2, 40, 0.3, 11);
        List<Path> files = new KbGenerator(s).write(tmp.resolve("g")).files();
        String all = String.join("\n", files.stream().map(BenchSmokeTest::read).toList());
        for (String k : List.of("gkb:AllOf", "gkb:AnyOf", "gkb:Not", "gkb:JudgementCriterion", "condition:includes", "condition:in",
                "condition:at-least", "condition:at-most", "symptom:local-complication", "attr:boneOnlyMetastases", "attr:visceralMetastases",
                "gkb:previousEncodedVersion", "status:retired", "status:active")) {
            assertTrue(all.contains(k), "generated content uses " + k);
        }
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            LoadReport r = kb.load(files.stream().map(ContentFile::read).toList(), "smoke", m -> { });
            assertEquals(2, r.files().size());
        }
    }

    @Test
    void the_naive_peer_finds_the_same_applicable_statements_as_the_reasoner() {
        try (EvaluationWorkload shipped = EvaluationWorkload.open(EvaluationWorkload.SHIPPED, 24, 42)) {
            assertSameApplicable(shipped.kb(), Cases.random(42, 24));
        }
        List<Path> files = new KbGenerator(new GeneratorSettings(1, 1, 80, 0.2, 3)).write(tmp.resolve("n")).files();
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            BenchStore.putUnvalidated(kb, files);
            assertSameApplicable(kb, Cases.random(9, 40));
        }
    }

    @Test
    void the_cql_peer_finds_the_same_applicable_statements_as_the_reasoner() {
        try (EvaluationWorkload shipped = EvaluationWorkload.open(EvaluationWorkload.SHIPPED, 24, 42)) {
            CqlPeer cql = CqlPeer.of(shipped.kb());
            int nonEmpty = 0;
            for (ObjectNode c : Cases.random(42, 24)) {
                Set<String> ours = shipped.applicable(c);
                assertEquals(ours, cql.applicable(c), "case " + c);
                org.guidelinekb.reasoner.Statuses only = shipped.kb().reasoner().statuses(Cases.request(c)); // what the status bench runs
                Set<String> applicable = applicable(only);
                assertEquals(cql.applicable(c), applicable, "status only, case " + c);
                // the decision alone (what the decision benches run): a parsed case, parameters made beforehand
                var reasoner = shipped.kb().reasoner();
                var parsed = org.guidelinekb.reasoner.PatientCase.of(c, reasoner.attributes());
                int decided = org.guidelinekb.reasoner.Reasoner.statuses(reasoner.index().currentVersions(), parsed)
                        .count(org.guidelinekb.reasoner.Status.APPLICABLE);
                assertEquals(applicable.size(), decided, "decision alone, case " + c);
                assertEquals(applicable.size(), cql.applicableCount(cql.prepare(c)), "engine alone, case " + c);
                var alone = org.guidelinekb.reasoner.Reasoner.statuses(reasoner.index().currentVersions(),
                        org.guidelinekb.reasoner.PatientCase.given(c, reasoner.attributes()).withDerived());
                assertEquals(cql.applicable(cql.prepare(c)), applicable(alone), "decision alone, the statements, case " + c);
                if (!ours.isEmpty()) nonEmpty++;
            }
            assertTrue(nonEmpty > 0, "some case has applicable statements, so the comparison can fail");
        }
    }

    /** The statements a status-only answer finds applicable, in its order. */
    private static Set<String> applicable(org.guidelinekb.reasoner.Statuses statuses) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (int k = 0; k < statuses.size(); k++) {
            if (statuses.status(k) == org.guidelinekb.reasoner.Status.APPLICABLE) out.add(statuses.statement(k).iri());
        }
        return out;
    }

    private static void assertSameApplicable(KnowledgeBase kb, List<ObjectNode> cases) {
        NaiveEvaluator naive = NaiveEvaluator.of(kb);
        int nonEmpty = 0;
        for (ObjectNode c : cases) {
            Set<String> ours = new java.util.TreeSet<>();
            for (var r : kb.reasoner().evaluate(Cases.request(c)).results()) {
                if (r.status() == org.guidelinekb.reasoner.Status.APPLICABLE) ours.add(r.statement().iri());
            }
            assertEquals(ours, new java.util.TreeSet<>(naive.applicable(c)), "case " + c);
            if (!ours.isEmpty()) nonEmpty++;
        }
        assertTrue(nonEmpty > 0, "some case has applicable statements, so the comparison can fail");
    }

    @Test
    void jmh_benchmark_bodies_run_once() {
        EvaluateBench e = new EvaluateBench();
        e.kb = EvaluationWorkload.SHIPPED;
        e.cases = 4;
        e.setup();
        CqlEvaluateBench q = new CqlEvaluateBench();
        q.kb = EvaluationWorkload.SHIPPED;
        q.cases = 4;
        q.setup();
        try {
            for (int i = 0; i < 4; i++) assertEquals(e.status(), q.cql(), "from the JSON, case " + i + ": the same count of applicable statements");
            assertFalse(e.ours().results().isEmpty());
        } finally {
            e.tearDown();
        }
        e.setup();
        try {
            int ours = e.statusPrepared();
            assertTrue(ours > 0, "a batch of the shipped KB's random cases has applicable statements");
            assertEquals(ours, q.cqlPrepared(), "the same batch of cases: the same count of applicable statements");
        } finally {
            e.tearDown();
        }
        NaiveEvaluateBench n = new NaiveEvaluateBench();
        n.kb = EvaluationWorkload.SHIPPED;
        n.cases = 2;
        n.setup();
        assertNotNull(n.naive());
        DiffBench d = new DiffBench();
        d.changed = 50;
        d.setup();
        GuidelineDiff diff = d.compare();
        assertTrue(diff.modified().size() > 20, "change rate 1: most statements are modified");
    }

    @Test
    void the_diff_workload_gives_the_same_diff_as_the_store_path() {
        KbGenerator gen = new KbGenerator(new GeneratorSettings(1, 2, 30, 1.0, 9));
        List<GenVersion> vs = gen.guideline(0);
        List<Path> files = gen.write(tmp.resolve("d")).files();
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            kb.load(files.stream().map(ContentFile::read).toList(), "smoke", m -> { });
            GuidelineDiff stored = kb.versions().compare("syn-g001", VersionSelector.label("v1"), VersionSelector.label("v2"));
            GuidelineDiff direct = new DiffWorkload(DiffWorkload.encoded(vs.get(0)), DiffWorkload.encoded(vs.get(1))).compare();
            assertEquals(stored.added(), direct.added());
            assertEquals(stored.removed(), direct.removed());
            assertEquals(stored.modified(), direct.modified());
            assertEquals(stored.unchanged(), direct.unchanged());
            assertEquals(stored.notCovered().size(), direct.notCovered().size());
        }
    }

    @Test
    @Tag("long") // ./gkb test --all only: starts a dozen server processes, ours and standalone Fuseki
    void phases_run_once_tiny_and_the_report_has_every_key() throws Exception {
        Plan plan = Plan.tiny();
        Report report = new Report().header("mode", plan.name()).header("date", "smoke").header("machine", Machine.describe());
        List<String> log = new ArrayList<>();
        Path work = tmp.resolve("work");
        Datasets data = Datasets.prepare(work, plan, log::add);
        InProcessPhase inProcess = new InProcessPhase(plan, null, data, report, log::add);
        inProcess.heapOverEvaluations();
        String fuseki = System.getProperty("gkb.fuseki.jar");
        assertNotNull(fuseki, "surefire passes the Fuseki jar's path");
        List<String> gkb = List.of("-cp", System.getProperty("java.class.path"), "org.guidelinekb.cli.Main");
        new LoadPhase(plan, gkb, Path.of(fuseki), data, report, log::add).run(work);
        ServerPhase servers = new ServerPhase(plan, gkb, Path.of(fuseki), List.of("-Xmx512m"), data, work, report, log::add);
        servers.http();
        servers.memory();
        servers.sparql();
        servers.coldStart();
        new RunawayPhase(plan, servers, data, report, log::add).run();
        new ReplicaPhase(plan, servers, data, work, report, log::add).run();
        new ScalePhase(plan, servers, data, work, report, log::add).run();
        for (String k : List.of("load_ratio_vs_tdbloader", "http_evaluate_p99_ms", "http_evaluate_max_rps_ratio_vs_floor", "cds_hooks_p99_ms",
                "rss_mb_shipped", "heap_after_gc_mb_shipped", "sparql_throughput_ratio_vs_fuseki", "cold_start_ms", "heap_growth_mb_over_evaluations",
                "health_p99_ms_during_runaway", "remote_evaluate_p99_ms", "remote_evaluate_embedded_p99_ms", "remote_publish_visible_ms", "replicas_2_vs_1_throughput",
                "cold_start_ratio_vs_fuseki", "evaluate_summary_bytes_10k", "http_evaluate_p99_ratio_vs_floor", "cds_hooks_p99_ratio_vs_floor")) {
            assertNotNull(report.figure(k), k + " measured");
        }
        JsonNode notes = new ObjectMapper().valueToTree(report.json()).path("notes");
        for (JsonNode n : notes) assertFalse(n.asText().contains("row counts differ") || n.asText().contains("not cut"), n.asText());
        JsonNode cut = new ObjectMapper().valueToTree(report.json()).path("details").path("runaway_queries_cut");
        assertTrue(cut.asLong() >= 1, "the runaway phase saw a runaway query cut: " + cut);

        report.write(tmp.resolve("report"));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("report/report.json").toFile());
        for (Target t : Target.ALL) assertTrue(json.has(t.key()), "report.json has " + t.key());
        for (String k : List.of("remote_evaluate_p99_ms", "remote_publish_visible_ms", "replicas_2_vs_1_throughput", "load_ratio_vs_tdbloader")) {
            assertTrue(json.get(k).isNumber(), k + " is a number in report.json: " + json.get(k));
        }
        // the tiny plan, like a quick run, leaves the whole-library load out: null, with the reason in the notes
        assertTrue(json.get("load_ratio_vs_tdbloader_30k").isNull() && json.get("load_growth_exponent").isNull());
        assertTrue(notes.toString().contains("load_ratio_vs_tdbloader_30k and load_growth_exponent are null"), notes.toString());
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("| `evaluate_speedup_vs_naive` |"));
        assertTrue(md.contains("## Replicas over a shared store") && md.contains(Affinity.cpus() + " cores"), "the replica section states the cores");
    }

    @Test
    @Tag("long") // ./gkb test --all only: a library folder, server processes started on copies of it
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void the_library_phase_measures_on_a_tiny_library() {
        Plan plan = Plan.tiny();
        Report report = new Report();
        List<String> log = new ArrayList<>();
        Path work = tmp.resolve("work");
        Datasets data = Datasets.prepare(work, plan, log::add);
        List<String> gkb = List.of("-cp", System.getProperty("java.class.path"), "org.guidelinekb.cli.Main");
        ServerPhase servers = new ServerPhase(plan, gkb, Path.of(System.getProperty("gkb.fuseki.jar")), List.of("-Xmx512m"), data, work, report, log::add);
        LibraryPhase library = new LibraryPhase(plan, servers, data, work, report, log::add);
        library.run();
        assertNull(report.figure("rss_mb_30k"), "a plan without the library leaves it out");
        library.measure(); // the full run's figures, on the tiny plan's library (30 files of 5 statements)
        for (String k : List.of("cold_start_ratio_30k_vs_shipped", "publish_ratio_30k_vs_shipped", "rss_mb_30k", "publish_ms_30k", "cold_start_ms_30k")) {
            assertNotNull(report.figure(k), k + " measured");
            assertTrue(report.figure(k) > 0, k + " is positive: " + report.figure(k));
        }
        assertTrue(library.newDraft().contains("gkb:lifecycleStatus status:draft ;"), "the new version is sent as a draft");
    }

    @Test
    void the_replica_phase_publishes_the_upload_draft_under_new_labels_and_later_dates() {
        String template = read(ReplicaPhase.DRAFT);
        String third = ReplicaPhase.draft(template, 2);
        assertTrue(third.contains("<guideline/hard-gl/version/3>") && third.contains("pav:version \"3\"")
                && third.contains("\"2020-01-03\"^^xsd:date") && third.contains("encode-hard-gl-3>"), third);
        assertFalse(third.contains("hard-gl/version/1>") || third.contains("hard-gl/version/1/"), "no IRI of version 1 is left");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
