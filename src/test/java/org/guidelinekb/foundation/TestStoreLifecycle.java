package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.store.StoreStats;
import org.guidelinekb.testing.GkbProcess;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TDB2 on disk: created on first start, kept across restarts, locked against a second process, closed on SIGTERM. */
class TestStoreLifecycle {

    static AppConfig onDisk(Path dir) {
        return AppConfig.forTests().withDataDir(dir);
    }

    @Test void start_stop_restart_keeps_the_data_and_does_not_reload(@TempDir Path dir) {
        Path data = dir.resolve("data");
        StoreStats first;
        try (App app = App.start(onDisk(data))) {
            assertTrue(app.kb().bootstrapReport().changed(), "first start loads the bundled content");
            first = app.kb().store().read(r -> r.stats());
            assertTrue(first.triples() > 0);
        }
        assertTrue(Files.isDirectory(data), "the data folder was created");
        try (App app = App.start(onDisk(data))) {
            assertFalse(app.kb().bootstrapReport().changed(), "a restart does not reload");
            assertEquals(first, app.kb().store().read(r -> r.stats()));
            assertEquals(200, new Http(app.baseUrl()).get("/api/health").statusCode());
        }
    }

    @Test void a_second_server_on_the_same_folder_fails_at_once_with_one_line(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (App app = App.start(onDisk(data))) {
            try (GkbProcess second = GkbProcess.start("serve", "--port", "0", "--data", data.toString())) {
                assertEquals(2, second.waitFor(60));
                String err = second.stderr().strip();
                assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
                assertTrue(err.contains(data.toAbsolutePath().toString()), err);
                assertTrue(err.contains("lock"), err);
            }
        }
    }

    @Test void sigterm_closes_the_store_and_exits_0(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (GkbProcess p = GkbProcess.start("serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString())) {
            assertTrue(p.awaitStderr("serving", 120), p.stderr());
            p.process().destroy(); // SIGTERM
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("store closed"), p.stderr());
        }
        // the lock was released: the folder opens again
        try (App app = App.start(onDisk(data))) {
            assertFalse(app.kb().bootstrapReport().changed());
        }
    }
}
