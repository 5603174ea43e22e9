package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.resultset.ResultsCompare;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every named query on the fixture (src/test/resources/queries/data.trig), as data: each
 * {@code cases/<query>/<case>.params} (request parameters as a URL query string) is run through the query service
 * and its rows must equal {@code <case>.srj}, term by term and in order. Run with {@code -Dgkb.golden.write=true} to
 * write missing golden files (then read them before committing).
 */
class TestNamedQueryCases {
    private static final Path CASES = QueryFixtureLib.DIR.resolve("cases");
    private static KnowledgeStore store;
    private static QueryService service;

    @BeforeAll static void start() {
        store = QueryFixtureLib.fixtureStore();
        service = QueryFixtureLib.service(store, Duration.ofSeconds(20));
    }

    @AfterAll static void stop() {
        service.close();
        store.close();
    }

    @TestFactory Stream<DynamicTest> each_case_matches_its_golden_results() throws IOException {
        List<Path> params;
        try (Stream<Path> s = Files.walk(CASES)) {
            params = s.filter(p -> p.toString().endsWith(".params")).sorted().toList();
        }
        assertFalse(params.isEmpty());
        return params.stream().map(p -> DynamicTest.dynamicTest(CASES.relativize(p).toString(), () -> runCase(p)));
    }

    private static void runCase(Path paramsFile) {
        String query = paramsFile.getParent().getFileName().toString();
        Path golden = Path.of(paramsFile.toString().replaceFirst("\\.params$", ".srj"));
        QueryPage page = service.run(query, QueryFixtureLib.params(QueryFixtureLib.read(paramsFile)));
        if (!Files.exists(golden) && Boolean.getBoolean("gkb.golden.write")) {
            write(golden, page.rowSet());
        }
        assertTrue(Files.exists(golden), "no golden file " + golden);
        ResultSet expected = ResultSetMgr.read(new java.io.ByteArrayInputStream(
                QueryFixtureLib.read(golden).getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        ResultSet actual = ResultSet.adapt(page.rowSet());
        var exp = ResultSetFactory.makeRewindable(expected);
        var act = ResultSetFactory.makeRewindable(actual);
        boolean same = ResultsCompare.equalsByTermAndOrder(exp, act);
        exp.reset();
        act.reset();
        assertTrue(same, "results differ from " + golden + "\nexpected:\n" + ResultSetFormatter.asText(exp)
                + "\nactual:\n" + ResultSetFormatter.asText(act));
    }

    private static void write(Path file, RowSet rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(out, rows);
        try {
            Files.writeString(file, out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test void every_named_query_has_cases_and_a_defaults_case() {
        for (ApiQuery q : service.queries().list()) {
            Path dir = CASES.resolve(q.name());
            assertTrue(Files.isDirectory(dir), "no test cases for sparql/" + q.name() + ".rq in " + dir);
            assertTrue(Files.exists(dir.resolve("defaults.params")), "no defaults case for " + q.name());
        }
        assertTrue(service.queries().list().size() >= 8, "at least eight named queries");
    }

    /**
     * Each file runs unchanged (as in the Fuseki UI) on the fixture, gives rows, and gives exactly what the API
     * gives when asked for the same values: the file's example values and versions are real and bind the same way.
     */
    @Test void each_file_runs_unchanged_with_its_defaults_and_the_api_binds_the_same_values() {
        var catalog = store.read(r -> new CatalogReader(store, QueryLibrary.load()).read(r));
        for (ApiQuery q : service.queries().list()) {
            // as the Fuseki UI runs it: the file's query, nothing bound, on the same store
            RowSet raw = store.read(r -> r.select(q.source().query(), Map.of()));
            var rawRows = ResultSetFactory.makeRewindable(ResultSet.adapt(raw));
            assertTrue(rawRows.size() > 0, q.name() + " gives no row with the values written in the file");
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (ApiParam p : q.params()) if (!p.anyByDefault()) params.put(p.name(), p.fileValueTexts());
            if (q.versionScoped()) {
                var block = ValuesSlots.find(q.source().query()).stream()
                        .filter(d -> d.getVars().size() == 1 && d.getVars().get(0).getVarName().equals("version")).findFirst().orElseThrow();
                List<String> labels = new ArrayList<>();
                String guideline = null;
                for (var row : block.getRows()) {
                    VersionInfo v = catalog.byIri(row.get(block.getVars().get(0)).getURI()).orElseThrow();
                    labels.add(v.label());
                    guideline = v.guidelineId();
                }
                assertEquals(1, labels.size(), q.name() + ": one example version");
                params.put("guideline", List.of(guideline));
                params.put("version", labels);
            }
            QueryPage page = service.run(q.name(), params);
            rawRows.reset();
            var api = ResultSetFactory.makeRewindable(ResultSet.adapt(page.rowSet()));
            assertTrue(ResultsCompare.equalsByTermAndOrder(rawRows, api), q.name() + ": the file's own run and the API differ");
        }
    }
}
