package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.guidelinekb.testing.Http;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public side is read-only: every way to update is refused with 4xx and changes nothing. */
class TestReadOnlyEndpoint {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);
    static final String INSERT = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }";
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

    /** The store's quads, read directly (not through the endpoint under test), with the count the endpoint gives. */
    static long count() {
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc(COUNT), "Accept", "application/sparql-results+json");
        long viaEndpoint = Http.json(r).at("/results/bindings/0/n/value").asLong();
        var dsg = server.storeContent();
        long direct = org.apache.jena.system.Txn.calculateRead(dsg, () -> org.apache.jena.atlas.iterator.Iter.count(dsg.find()));
        assertEquals(direct, viaEndpoint, "the endpoint counts what the store holds");
        return direct;
    }

    @ParameterizedTest(name = "{0} {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "POST|/kb/sparql|form-update",
            "POST|/kb/query|form-update",
            "POST|/kb|form-update",
            "POST|/kb/update|form-update",
            "POST|/kb/sparql|application/sparql-update",
            "POST|/kb|application/sparql-update",
            "POST|/kb/update|application/sparql-update",
            "PUT|/kb/get?graph=urn:x:g|text/turtle",
            "POST|/kb/get?graph=urn:x:g|text/turtle",
            "DELETE|/kb/get?graph=https://w3id.org/gkb/graph/catalog|none",
            "POST|/kb/data?graph=urn:x:g|text/turtle",
            "PUT|/kb/data?graph=urn:x:g|text/turtle",
            "POST|/kb/upload|text/turtle",
            "POST|/kb|text/turtle",
            "POST|/$/datasets|application/x-www-form-urlencoded",
            "DELETE|/$/datasets/kb|none",
            "POST|/$/compact/kb|none",
            "POST|/$/backup/kb|none"})
    void update_attempts_are_refused_and_change_nothing(String method, String path, String kind) {
        long before = count();
        HttpResponse<String> r = switch (kind) {
            case "form-update" -> server.http().postForm(path, Map.of("update", INSERT));
            case "application/sparql-update" -> server.http().method(method, path, kind, INSERT);
            case "none" -> server.http().method(method, path, null, null);
            default -> server.http().method(method, path, kind, "<urn:x:s> <urn:x:p> <urn:x:o> .");
        };
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, method + " " + path + " -> " + r.statusCode() + " " + r.body());
        assertEquals(before, count(), "the store is unchanged");
        HttpResponse<String> ask = server.http().get("/kb/sparql?query=" + Http.enc("ASK { GRAPH <urn:x:g> { ?s ?p ?o } }"), "Accept", "application/sparql-results+json");
        assertEquals(false, Http.json(ask).get("boolean").asBoolean());
    }
}
