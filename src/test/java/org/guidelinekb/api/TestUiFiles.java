package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The query editor's files at {@code /ui/}: the page and the scripts and styles it names, each with its media type, no
 * caching without revalidation and an ETag that answers 304; anything else under {@code /ui/} is a 404 problem (an
 * ambiguous path a 400), and
 * the editor's own server routes ({@code /ui/$/...}) still answer.
 */
class TestUiFiles {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);

    @Test
    void the_page_and_every_script_and_style_it_names_are_served_with_their_type_and_a_revalidating_etag() {
        HttpResponse<String> bare = server.http().get("/ui");
        assertEquals(301, bare.statusCode(), "the page names its files relative to /ui/");
        assertEquals("/ui/", bare.headers().firstValue("Location").orElse(""));
        for (String page : new String[] {"/ui/", "/ui/index.html"}) {
            HttpResponse<String> r = server.http().get(page);
            assertEquals(200, r.statusCode(), page);
            assertEquals("text/html", Http.contentType(r), page);
            assertTrue(r.body().contains("<script"), r.body());
            assertEquals("max-age=0", r.headers().firstValue("Cache-Control").orElse(""), page);
        }
        String index = server.http().get("/ui/").body();
        Matcher m = Pattern.compile("(?:src|href)=\"(?:\\./|/ui/)?(static/[^\"]+\\.(js|css))\"").matcher(index);
        int files = 0;
        while (m.find()) {
            files++;
            String path = "/ui/" + m.group(1);
            HttpResponse<String> r = server.http().get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals(m.group(2).equals("js") ? "text/javascript" : "text/css", Http.contentType(r), path);
            assertTrue(r.body().length() > 100, path);
            String tag = r.headers().firstValue("ETag").orElseThrow();
            assertTrue(tag.startsWith("W/\""), tag);
            assertEquals(304, server.http().get(path, "If-None-Match", tag).statusCode(), path);
            assertEquals(200, server.http().get(path, "If-None-Match", "W/\"other\"").statusCode(), path);
        }
        assertTrue(files >= 2, "index.html names its scripts and styles: " + index);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/ui/no-such-file.js,404", "/ui/static,404", "/ui/static/,404", "/ui//index.html,400",
        "/ui/%2e%2e/META-INF/MANIFEST.MF,400", "/ui/static/..%2f..%2fMETA-INF/MANIFEST.MF,400", "/ui/..%5cindex.html,400"})
    void anything_else_is_a_problem_never_a_file(String path, int status) {
        HttpResponse<String> r = server.http().get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), path + ": " + Http.contentType(r));
    }

    @Test
    void the_editors_server_routes_still_answer() {
        HttpResponse<String> r = server.http().get("/ui/$/ping");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(200, server.http().get("/ui/$/datasets").statusCode());
    }
}
