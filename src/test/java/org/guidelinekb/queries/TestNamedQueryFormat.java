package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.guidelinekb.sparql.QueryFileException;
import org.guidelinekb.sparql.QueryLibrary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Query files that break the named-query format stop start-up with {@code file:line:col} and a message saying what
 * is wrong. Each file in src/test/resources/queries/bad/ starts with {@code # expect: <start of the message>}.
 */
class TestNamedQueryFormat {
    private static final Path BAD = QueryFixtureLib.DIR.resolve("bad");

    @TestFactory Stream<DynamicTest> each_broken_file_is_refused_with_file_line_col() throws IOException {
        try (Stream<Path> s = Files.list(BAD)) {
            return s.sorted().toList().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                String text = QueryFixtureLib.read(f);
                String expect = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
                String name = "bad/" + f.getFileName().toString().replaceFirst("\\.rq$", "");
                QueryFileException e = assertThrows(QueryFileException.class,
                        () -> ApiQueries.check(QueryLibrary.parse("sparql/" + name + ".rq", name, text)));
                assertTrue(e.getMessage().startsWith(expect), "message: " + e.getMessage() + "\nexpected to start with: " + expect);
                assertTrue(e.getMessage().matches("(?s)sparql/bad/[a-z-]+\\.rq:\\d+:\\d+: .+"), e.getMessage());
            }));
        }
    }

    @Test void every_bundled_query_file_passes() {
        ApiQueries q = ApiQueries.of(QueryLibrary.load());
        assertTrue(q.list().size() >= 8, "at least eight named queries");
        q.list().forEach(x -> assertTrue(!x.summary().isBlank() && !x.description().isBlank() && !x.tags().isEmpty(),
                x.name() + " has a summary, a description and tags"));
    }
}
