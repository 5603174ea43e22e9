package org.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data sharing training run: a real server on a loopback port, the first requests answered, then stopped. */
class TestWarmUpCommand {
    @TempDir
    Path tmp;

    private static int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void starts_answers_the_first_requests_and_stops() throws Exception {
        Path data = tmp.resolve("warm");
        assertEquals(Main.OK, run("warm-up", "--data", data.toString()), "every request answered 200");
        try (var files = Files.list(data)) {
            assertTrue(files.findAny().isPresent(), "the new folder holds the bundled content");
        }
        // the server is stopped and its store closed: another command opens the folder
        Path backup = tmp.resolve("backup.nq.gz");
        assertEquals(Main.OK, run("backup", "--out", backup.toString(), "--data", data.toString()));
        assertTrue(Files.size(backup) > 1000, "the backup holds the bundled content");
    }

    @Test
    void refuses_a_folder_that_holds_something() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "user data");
        assertEquals(Main.USAGE, run("warm-up", "--data", tmp.toString()));
        assertTrue(Files.exists(tmp.resolve("keep.txt")));
    }
}
