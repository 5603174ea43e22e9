package org.guidelinekb.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.Tdb2Store;
import org.guidelinekb.vocab.GKB;

/** Fixture helpers for the named-query tests: the fixture store and the request-parameter files. */
public final class QueryFixtureLib {
    private QueryFixtureLib() {}

    public static final Path DIR = Path.of("src/test/resources/queries");

    /** The fixture quads (data.trig) plus the ontology graph read from ontology/*.ttl. */
    public static DatasetGraph fixture() {
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        RDFParser.source(DIR.resolve("data.trig")).lang(Lang.TRIG).parse(dsg);
        Graph ontology = GraphFactory.createDefaultGraph();
        for (String f : new String[] {"ontology/gkb.ttl", "ontology/derived-attributes.ttl"}) {
            RDFParser.source(Path.of(f)).lang(Lang.TURTLE).base("https://w3id.org/gkb/").parse(ontology);
        }
        dsg.addGraph(GKB.ontologyGraph, ontology);
        return dsg;
    }

    /** Writes the fixture into a store in one transaction. */
    public static void load(KnowledgeStore store, DatasetGraph data) {
        store.write(r -> {
            ChangeSet.Builder b = ChangeSet.builder();
            data.find().forEachRemaining(b::add);
            return b.build();
        });
    }

    /** An in-memory TDB2 store holding the fixture. */
    public static KnowledgeStore fixtureStore() {
        KnowledgeStore store = Tdb2Store.inMemory();
        load(store, fixture());
        return store;
    }

    /** A real server on a free port over an in-memory store holding only the fixture (no bundled content). */
    public static org.guidelinekb.testing.TestServer server(org.guidelinekb.AppConfig config) {
        var server = org.guidelinekb.testing.TestServer.start(config.withLoadBundled(false));
        load(server.app().kb().store(), fixture());
        server.app().kb().contentChanged();
        return server;
    }

    public static QueryService service(KnowledgeStore store, Duration timeout) {
        QueryLibrary lib = QueryLibrary.load();
        return new QueryService(store, ApiQueries.of(lib), new CatalogReader(store, lib), timeout);
    }

    /** Request parameters written as a URL query string ({@code a=1&a=2&b=x}), in order. */
    public static Map<String, List<String>> params(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : query.strip().split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
