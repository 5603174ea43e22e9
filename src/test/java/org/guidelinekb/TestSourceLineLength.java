package org.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No line of the main Java sources is longer than {@link #MAX} characters (.editorconfig asks new code to keep within
 * 120). A cheap check in place of a formatter run over the whole code base.
 */
class TestSourceLineLength {
    static final int MAX = 160;
    static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void no_main_source_line_is_longer_than_the_limit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(MAIN_SOURCES)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files++;
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    int n = lines.get(i).codePointCount(0, lines.get(i).length());
                    if (n > MAX) tooLong.add(p + ":" + (i + 1) + " has " + n + " characters");
                }
            }
        }
        assertTrue(files > 100, "read the main sources under " + MAIN_SOURCES.toAbsolutePath() + ": " + files + " files");
        assertTrue(tooLong.isEmpty(), tooLong.size() + " line(s) longer than " + MAX + " characters (wrap them):\n"
                + String.join("\n", tooLong));
    }
}
