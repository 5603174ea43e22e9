package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.error.QueryTimeoutException;
import org.guidelinekb.sparql.NamedQuery;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameters are typed and bound as RDF terms; pages are honest; errors name the parameter; time limits hold. */
class TestNamedQueryBinding {
    private static final String S15 = "https://w3id.org/gkb/id/guideline/nccn-breast/version/2015/statement/";
    private static final String BREAKOUT = "x\" } UNION { ?s ?p ?o } #";
    private static KnowledgeStore store;
    private static QueryService service;
    private static QueryService typed;

    @BeforeAll static void start() {
        store = QueryFixtureLib.fixtureStore();
        service = QueryFixtureLib.service(store, Duration.ofSeconds(20));
        QueryLibrary lib = QueryLibrary.load();
        List<NamedQuery> test = new ArrayList<>();
        for (String f : List.of("typed-params", "slow-cross-join")) {
            test.add(QueryLibrary.parse("typed/" + f + ".rq", f, QueryFixtureLib.read(QueryFixtureLib.DIR.resolve("typed/" + f + ".rq"))));
        }
        typed = new QueryService(store, ApiQueries.of(QueryLibrary.of(test)), new CatalogReader(store, lib), Duration.ofMillis(600));
    }

    @AfterAll static void stop() {
        service.close();
        typed.close();
        store.close();
    }

    private static int rows(QueryService s, String query, String params) {
        return s.run(query, QueryFixtureLib.params(params)).rows().size();
    }

    private static Map<String, List<String>> p(String k, String v) {
        return Map.of(k, List.of(v));
    }

    // ---- injection: a value that tries to leave its slot returns no more than a plain value ----

    @Test void string_value_cannot_break_out_of_its_slot() {
        int plain = rows(service, "list-statements", "category=2A");
        assertTrue(plain > 0);
        assertEquals(0, service.run("list-statements", p("category", BREAKOUT)).rows().size());
        assertEquals(0, service.run("find-studies-by-outcome", p("outcome", BREAKOUT)).rows().size());
        assertEquals(0, typed.run("typed-params", p("label", BREAKOUT)).rows().size());
    }

    @Test void list_element_cannot_break_out_of_its_slot() {
        var both = service.run("list-statements", Map.of("category", List.of("2A", BREAKOUT)));
        var plain = service.run("list-statements", p("category", "2A"));
        assertEquals(plain.rows(), both.rows());
    }

    @Test void iri_with_markup_is_refused_naming_the_parameter() {
        for (String bad : List.of("https://w3id.org/x> } UNION { ?s ?p ?o } #", "not an iri", "relative/path", "<https://w3id.org/x>")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> service.run("get-statement-evidence", p("statement", bad)));
            assertEquals("statement", e.errors().get(0).field(), bad);
        }
        // a well-formed IRI that spells the same characters percent-encoded is just an unknown IRI
        assertEquals(0, service.run("get-statement-evidence", p("statement", S15 + "x%3E%20%7D%20UNION%20%7B")).rows().size());
        assertEquals(4, service.run("get-statement-evidence", p("statement", S15 + "systemic-therapy-primary")).rows().size());
    }

    @Test void typed_values_are_checked_and_bound_by_value() {
        assertEquals(1, rows(typed, "typed-params", ""));
        assertEquals(1, rows(typed, "typed-params", "level=0.950&minValue=%2B1&since=2014-12-31"));
        assertEquals(2, rows(typed, "typed-params", "label=any"));
        assertEquals(0, rows(typed, "typed-params", "minValue=2"));
        assertEquals(0, rows(typed, "typed-params", "since=2015-01-02"));
        assertEquals(0, rows(typed, "typed-params", "level=0.9"));
        for (String[] bad : new String[][] {{"minValue", "1 } UNION { ?s ?p ?o }"}, {"minValue", "1.5"}, {"level", "0.95e0"},
                {"level", "0.95 || true"}, {"since", "2015-13-01"}, {"since", "2015-01-01\"^^xsd:date } #"}, {"study", "badwe-2015"}}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> typed.run("typed-params", p(bad[0], bad[1])),
                    bad[0] + "=" + bad[1]);
            assertEquals(bad[0], e.errors().get(0).field());
        }
    }

    @Test void binding_leaves_the_parsed_query_unchanged() {
        ApiQuery q = service.queries().require("list-statements");
        String before = q.source().query().serialize();
        service.run("list-statements", Map.of("category", List.of("1", "2B"), "limit", List.of("1")));
        assertEquals(before, q.source().query().serialize());
        assertFalse(q.source().query().hasLimit());
    }

    // ---- pages ----

    @Test void pages_are_honest_at_every_edge() {
        // defaults: 4 statements (3 of NCCN 6.2026, 1 of PDQ)
        QueryPage all = service.run("list-statements", Map.of());
        assertEquals(4, all.rows().size());
        assertFalse(all.hasNext());
        QueryPage exact = service.run("list-statements", QueryFixtureLib.params("limit=4"));
        assertEquals(4, exact.rows().size());
        assertFalse(exact.hasNext(), "an exact page has no next page");
        QueryPage first = service.run("list-statements", QueryFixtureLib.params("limit=3"));
        assertEquals(3, first.rows().size());
        assertTrue(first.hasNext());
        assertEquals(3, first.nextOffset());
        QueryPage last = service.run("list-statements", QueryFixtureLib.params("limit=3&offset=3"));
        assertEquals(1, last.rows().size());
        assertFalse(last.hasNext());
        assertEquals(all.rows().get(3), last.rows().get(0));
        QueryPage beyond = service.run("list-statements", QueryFixtureLib.params("offset=10"));
        assertEquals(0, beyond.rows().size());
        assertFalse(beyond.hasNext());
        QueryPage empty = service.run("find-studies-by-outcome", p("outcome", "no-such-outcome"));
        assertEquals(0, empty.rows().size());
        assertFalse(empty.hasNext());
    }

    // ---- errors ----

    @Test void bad_requests_name_the_parameter() {
        assertField("list-statements", "categroy=2A", "categroy", "category");
        assertField("find-studies-by-outcome", "version=2015", "version", null);
        assertField("get-statement-evidence", "", "statement", null);
        assertField("find-studies-by-outcome", "outcome=a&outcome=b", "outcome", null);
        assertField("list-statements", "limit=0", "limit", null);
        assertField("list-statements", "limit=1001", "limit", null);
        assertField("list-statements", "offset=-1", "offset", null);
        assertField("list-statements", "asOf=2015-02-30", "asOf", null);
        assertField("list-statements", "version=2015&asOf=2016-01-01", "version", null);
    }

    private static void assertField(String query, String params, String field, String suggestion) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.run(query, QueryFixtureLib.params(params)), params);
        assertEquals(field, e.errors().get(0).field(), e.getMessage());
        if (suggestion != null) assertEquals(suggestion, e.errors().get(0).suggestion());
    }

    @Test void unknown_query_guideline_or_version_is_not_found() {
        assertThrows(NotFoundException.class, () -> service.run("no-such-query", Map.of()));
        assertThrows(NotFoundException.class, () -> service.run("list-statements", p("guideline", "no-such-guideline")));
        assertThrows(NotFoundException.class, () -> service.run("list-statements", p("version", "1999")));
        assertThrows(NotFoundException.class, () -> service.run("list-statements", p("asOf", "2001-01-01")));
    }

    @Test void version_selection_reaches_the_query() {
        QueryPage v2015 = service.run("list-statements", QueryFixtureLib.params("guideline=nccn-breast&version=2015"));
        assertEquals(3, v2015.rows().size());
        assertEquals(List.of("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015"), v2015.versions().stream().map(v -> v.iri()).toList());
        QueryPage asOf = service.run("list-statements", QueryFixtureLib.params("asOf=2026-01-01"));
        // on 2026-01-01: NCCN 2015 (6.2026 took effect on 2026-07-29) and PDQ 2025-12-30
        assertEquals(List.of("2015", "2025-12-30"), asOf.versions().stream().map(v -> v.label()).sorted().toList());
        assertEquals(4, asOf.rows().size());
    }

    // ---- time limit ----

    @Test void a_query_past_its_time_limit_is_stopped_and_answered_on_time() {
        long t0 = System.nanoTime();
        assertThrows(QueryTimeoutException.class, () -> typed.run("slow-cross-join", Map.of()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // a generous bound (it must not flake on a busy machine); the exception above is what proves the cut
        assertTrue(ms < 600 + DeadlineExecutor.GRACE.toMillis() + 10_000, "answered after " + ms + " ms");
        // the service still answers afterwards
        assertEquals(1, rows(typed, "typed-params", ""));
    }
}
