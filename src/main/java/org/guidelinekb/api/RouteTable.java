package org.guidelinekb.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.javalin.config.JavalinConfig;

/**
 * The HTTP routes the API actually registered (Javalin's router), read when asked, so that the OpenAPI document
 * is checked against what the server really serves.
 */
public final class RouteTable {
    /** One route: {@code method} in lower case, {@code path} in Javalin's syntax ({@code {name}}, {@code <path>}). */
    public record Route(String method, String path) {
        /** Whether an OpenAPI path (with {@code {param}} segments) is an instance of this route. */
        public boolean covers(String openApiPath) {
            String regex = java.util.regex.Pattern.quote(path)
                    .replaceAll("\\{[^}/]+\\}", "\\\\E[^/]+\\\\Q")
                    .replaceAll("<[^>/]+>", "\\\\E.+\\\\Q");
            String sample = openApiPath.replaceAll("\\{[^}/]+\\}", "x");
            return sample.matches(regex);
        }
    }

    private RouteTable() {}

    /** A supplier of the routes registered on {@code cfg}, valid once the server is built. */
    public static Supplier<List<Route>> of(JavalinConfig cfg) {
        return () -> {
            List<Route> out = new ArrayList<>();
            cfg.unsafe.internalRouter.allHttpHandlers().forEach(h -> {
                String m = h.endpoint.method.name().toLowerCase(Locale.ROOT);
                if (h.endpoint.method.isHttpMethod() && !m.equals("head") && !m.equals("options")) {
                    out.add(new Route(m, h.endpoint.path));
                }
            });
            out.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
            return List.copyOf(out);
        };
    }
}
