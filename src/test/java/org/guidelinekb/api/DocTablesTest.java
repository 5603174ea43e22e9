package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.guidelinekb.queries.ApiQueries;
import org.guidelinekb.queries.ApiQuery;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tables in docs/ of things the server can list cannot drift from the code: the named-query table of
 * docs/sparql.md is the query files, and the route tables of docs/*.md (tables whose first column is "route") name
 * every route the server registers and no route it does not serve. (The case-attribute table: CaseAttributesTest.)
 */
class DocTablesTest {
    private static final Path DOCS = Path.of("docs");
    /** A route in a table cell: `GET /path`, `GET/POST /path` (a query string after '?' is an example). */
    private static final Pattern ROUTE = Pattern.compile("`([A-Z]+(?:/[A-Z]+)*) (/[^`?\\s]*)[^`]*`");

    @Test
    void the_named_query_table_lists_exactly_the_query_files() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (List<String> row : tableRows(Files.readString(DOCS.resolve("sparql.md")), "query")) {
            Matcher m = Pattern.compile("^`([a-z0-9-]+)`$").matcher(row.get(0));
            assertTrue(m.matches(), "a query cell is one `name`: " + row.get(0));
            assertTrue(documented.add(m.group(1)), "listed twice: " + m.group(1));
        }
        Set<String> files = new TreeSet<>();
        for (ApiQuery q : ApiQueries.of(QueryLibrary.load()).list()) files.add(q.name());
        assertEquals(files, documented, "docs/sparql.md's named-query table against the files of sparql/");
    }

    @Test
    void the_route_tables_name_every_registered_route_and_only_routes_the_server_serves() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (Path doc : docs()) {
            for (List<String> row : tableRows(Files.readString(doc), "route")) {
                Matcher m = ROUTE.matcher(row.get(0));
                int found = 0;
                while (m.find()) {
                    for (String method : m.group(1).split("/")) documented.add(method.toLowerCase() + " " + normal(m.group(2)));
                    found++;
                }
                assertTrue(found > 0, doc + ": a route cell names `METHOD /path`: " + row.get(0));
            }
        }
        try (TestServer server = TestServer.start()) {
            Set<String> registered = new TreeSet<>();
            for (RouteTable.Route r : server.app().routes()) registered.add(r.method() + " " + normal(r.path()));
            Set<String> missing = new TreeSet<>(registered);
            missing.removeAll(documented);
            assertTrue(missing.isEmpty(), "routes the server registers but no route table in docs/ names: " + missing);

            // what the docs name must be served: registered here, or an operation of the OpenAPI document (the
            // embedded Fuseki's endpoints are not Javalin routes, and /openapi.json documents them)
            JsonNode paths = Http.json(server.http().get("/openapi.json")).get("paths");
            Set<String> served = new TreeSet<>(registered);
            paths.fieldNames().forEachRemaining(p -> paths.get(p).fieldNames()
                    .forEachRemaining(method -> served.add(method + " " + normal(p))));
            Set<String> stale = new TreeSet<>(documented);
            stale.removeAll(served);
            assertTrue(stale.isEmpty(), "routes named in docs/ that the server does not serve: " + stale);
        }
    }

    /** A path with its parameters unnamed: {@code /api/guidelines/{}}, {@code /id/{}}. */
    private static String normal(String path) {
        String p = path.replaceAll("\\{[^}/]*\\}|<[^>/]*>", "{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> s = Files.list(DOCS)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The body rows (cells stripped) of every Markdown table whose first header cell is {@code firstHeader}. */
    static List<List<String>> tableRows(String markdown, String firstHeader) {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("|") || !cells(lines.get(i)).get(0).equals(firstHeader)
                    || !lines.get(i + 1).startsWith("|---")) continue;
            int j = i + 2;
            while (j < lines.size() && lines.get(j).startsWith("|")) rows.add(cells(lines.get(j++)));
            i = j;
        }
        return rows;
    }

    private static List<String> cells(String row) {
        // split on '|' that is not escaped and not inside a code span
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int k = 1; k < row.length(); k++) {
            char c = row.charAt(k);
            if (c == '`') code = !code;
            if (c == '|' && !code && row.charAt(k - 1) != '\\') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }
}
