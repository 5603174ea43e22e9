package org.guidelinekb.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * The web pages for people (docs/web-pages.md): static HTML, CSS and JavaScript from {@code src/main/resources/web/},
 * served at clean URLs. Each page is one HTML file; its script reads the path and query parameters and calls the
 * JSON API, so the pages show exactly what the API gives. The pages have no inline script, style or event handler, so
 * the strict Content-Security-Policy of {@link SecurityHeadersFilter} (scripts and styles from this server only) holds.
 * The site header and navigation are written once ({@code site-header.html}): a page names its place with
 * {@code <!--site-header /path-->}, and the link to that path is marked {@code aria-current="page"}.
 */
public final class WebPagesController {
    static final String FOLDER = "web/";
    private static final Pattern HEADER_SLOT = Pattern.compile("<!--site-header ?([^ >]*)-->\n?");
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    public void routes(RoutesConfig r) {
        r.get("/", ctx -> page(ctx, "index.html"));
        r.get("/guidelines/{g}/versions/{v}", ctx -> page(ctx, "version.html"));
        r.get("/recommendations/{g}/{r}/history", ctx -> page(ctx, "history.html"));
        r.get("/compare", ctx -> page(ctx, "compare.html"));
        r.get("/evaluate", ctx -> page(ctx, "evaluate.html"));
        r.get("/evidence", ctx -> page(ctx, "evidence.html"));
        r.get("/questions/{q}/evidence", ctx -> page(ctx, "evidence.html"));
        r.get("/questions/{q}/compare", ctx -> page(ctx, "question-compare.html"));
        r.get("/web/{file}", this::asset);
    }

    private void page(Context ctx, String file) {
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(pages.computeIfAbsent(file, WebPagesController::render));
    }

    /** The pages as served, each rendered once: the page with the site header in its slot. */
    private final Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();

    static String render(String file) {
        String page = new String(read(file), java.nio.charset.StandardCharsets.UTF_8);
        String header = new String(read("site-header.html"), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = HEADER_SLOT.matcher(page);
        if (!m.find()) return page;
        String current = m.group(1);
        String filled = current.isEmpty() ? header : header.replace("<a href=\"" + current + "\">", "<a href=\"" + current + "\" aria-current=\"page\">");
        return page.substring(0, m.start()) + filled + page.substring(m.end());
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!ASSET.matcher(file).matches()) throw new NotFoundResponse("no page asset " + file);
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        ctx.header("Cache-Control", "no-cache").contentType(type).result(read(file));
    }

    private static byte[] read(String file) {
        try (InputStream in = WebPagesController.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) throw new NotFoundResponse("no page asset " + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
