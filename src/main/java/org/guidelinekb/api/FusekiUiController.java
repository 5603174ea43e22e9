package org.guidelinekb.api;

import java.util.List;
import java.util.Map;

import org.guidelinekb.util.ServerVersion;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Read-only stand-ins for the Fuseki admin routes the query UI reads ({@code /$/server}, {@code /$/datasets},
 * {@code /$/ping}). Fuseki's own admin module serves these only together with writable admin routes, which the
 * public side must never have. The UI is served at {@code /ui/} and computes every URL relative to that path,
 * so these routes (and the dataset, see {@code App}) also answer under {@code /ui/}.
 */
public final class FusekiUiController {
    public static final String UI_PATH = "/ui";
    private final String datasetName;

    public FusekiUiController(String datasetName) {
        this.datasetName = datasetName;
    }

    public void routes(RoutesConfig r) {
        for (String base : List.of("", UI_PATH)) {
            r.get(base + "/$/server", this::server);
            r.get(base + "/$/datasets", ctx -> ctx.json(Map.of("datasets", List.of(dataset()))));
            r.get(base + "/$/datasets/{name}", this::datasetInfo);
            r.get(base + "/$/stats/{name}", this::stats);
            r.get(base + "/$/ping", ctx -> ctx.contentType("text/plain").result(java.time.Instant.now().toString()));
        }
    }

    private void server(Context ctx) {
        ctx.json(Map.of("version", ServerVersion.get(), "built", "", "startDateTime", "", "uptime", 0,
                "datasets", List.of(dataset())));
    }

    private void datasetInfo(Context ctx) {
        if (!ctx.pathParam("name").equals(datasetName.substring(1))) {
            throw new io.javalin.http.NotFoundResponse("No dataset " + ctx.pathParam("name"));
        }
        ctx.json(dataset());
    }

    /** The UI shows request statistics; this server keeps none, so it reports none rather than a 404. */
    private void stats(Context ctx) {
        if (!ctx.pathParam("name").equals(datasetName.substring(1))) {
            throw new io.javalin.http.NotFoundResponse("No dataset " + ctx.pathParam("name"));
        }
        ctx.json(Map.of("datasets", Map.of(datasetName, Map.of("Requests", 0, "RequestsGood", 0, "RequestsBad", 0, "endpoints", Map.of()))));
    }

    private Map<String, Object> dataset() {
        return Map.of(
                "ds.name", datasetName,
                "ds.state", true,
                "ds.services", List.of(
                        Map.of("srv.type", "query", "srv.description", "SPARQL Query", "srv.endpoints", List.of("sparql", "query")),
                        Map.of("srv.type", "gsp-r", "srv.description", "Graph Store Protocol (Read)", "srv.endpoints", List.of("get"))));
    }
}
