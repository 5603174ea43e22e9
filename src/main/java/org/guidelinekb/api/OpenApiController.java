package org.guidelinekb.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.guidelinekb.queries.ApiQueries;
import org.guidelinekb.util.Resources;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 document of every route of the server ({@link OpenApiDocument}), and the
 * API page: Swagger UI at {@code /api/docs}, served from the {@code org.webjars:swagger-ui} jar (no CDN).
 */
public final class OpenApiController {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");
    /** Our own files beside the webjar's (no inline script or style: the CSP allows this server's files only). */
    private static final Map<String, String> OWN_ASSETS = Map.of(
            "gkb-docs.js", "text/javascript; charset=utf-8",
            "gkb-resource.css", "text/css; charset=utf-8");

    private final ApiQueries queries;
    private final Supplier<List<RouteTable.Route>> routes;
    private final String uiVersion;

    public OpenApiController(ApiQueries queries, Supplier<List<RouteTable.Route>> routes) {
        this.queries = queries;
        this.routes = routes;
        this.uiVersion = swaggerUiVersion();
    }

    public void routes(RoutesConfig r) {
        r.get("/openapi.json", ctx -> ctx.json(OpenApiDocument.build(queries.list(), routes.get())));
        r.get("/api/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(Resources.read("openapi/docs.html")));
        r.get("/api/docs/assets/{file}", this::asset);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (OWN_ASSETS.containsKey(file)) {
            ctx.header("Cache-Control", "max-age=3600").contentType(OWN_ASSETS.get(file)).result(Resources.read("openapi/" + file));
            return;
        }
        String type = ASSETS.get(file);
        if (type == null) throw new NotFoundResponse("no API page asset " + file);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(WEBJAR + uiVersion + "/" + file)) {
            if (in == null) throw new IllegalStateException("swagger-ui webjar lacks " + file);
            ctx.header("Cache-Control", "max-age=86400").contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = OpenApiController.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
