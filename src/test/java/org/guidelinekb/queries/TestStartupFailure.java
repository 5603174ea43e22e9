package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken query file stops the server at start-up with {@code file:line:col}: the real CLI in a new JVM, with a
 * copy of sparql/ holding one broken file first on the class path.
 */
class TestStartupFailure {
    @Test void serve_stops_with_file_line_col_when_a_query_file_is_broken(@TempDir Path tmp) throws Exception {
        copy(Path.of("sparql"), tmp.resolve("sparql"));
        Files.writeString(tmp.resolve("sparql/broken-query.rq"), String.join("\n",
                "# summary: broken on purpose",
                "PREFIX gkb: <https://w3id.org/gkb/ontology#>",
                "SELECT ?s WHERE {",
                "  ?s gkb:summary ?x ?y .",
                "}",
                "ORDER BY ?s", ""));
        assertStartFails(tmp, "sparql/broken-query.rq:4:");
    }

    @Test void serve_stops_when_a_named_query_breaks_the_format(@TempDir Path tmp) throws Exception {
        copy(Path.of("sparql"), tmp.resolve("sparql"));
        Files.writeString(tmp.resolve("sparql/no-values-block.rq"), String.join("\n",
                "# summary: declares a parameter without its VALUES block",
                "# description: broken on purpose",
                "# tags: test",
                "# param: statement iri required -- a statement",
                "SELECT ?p ?o WHERE { ?statement ?p ?o }",
                "ORDER BY ?p", ""));
        assertStartFails(tmp, "sparql/no-values-block.rq:4:1: parameter 'statement' needs exactly one block VALUES ?statement");
    }

    private static void assertStartFails(Path first, String expected) throws Exception {
        Path err = first.resolve("stderr.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", first + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "org.guidelinekb.cli.Main", "serve", "--mem", "--port", "0", "--host", "127.0.0.1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(err.toFile())
                .redirectOutput(first.resolve("stdout.txt").toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the server should stop by itself");
            String stderr = Files.readString(err);
            assertNotEquals(0, p.exitValue(), stderr);
            assertTrue(stderr.contains(expected), "stderr: " + stderr);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
