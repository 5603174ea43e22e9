package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.error.QueryTimeoutException;
import org.junit.jupiter.api.Test;

/** The watchdog answers on time even when the work ignores every request to stop. */
class TestDeadlineExecutor {

    @Test void work_that_ignores_abort_and_interrupts_is_answered_503_on_time_and_aborted() throws Exception {
        DeadlineExecutor w = new DeadlineExecutor(2);
        AtomicBoolean aborted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Runnable> abort = new AtomicReference<>();
        long t0 = System.nanoTime();
        try {
            assertThrows(QueryTimeoutException.class, () -> w.run("test", Duration.ofMillis(300), abort, () -> {
                abort.set(() -> aborted.set(true));
                while (!stop.get()) {
                    Thread.onSpinWait(); // ignores interrupts: like an engine loop that never checks its cancel flag
                }
                return 1;
            }));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // the work never ends by itself: any bound proves the answer came from the watchdog; generous, so it cannot flake
            assertTrue(ms < 300 + DeadlineExecutor.GRACE.toMillis() + 10_000, "answered after " + ms + " ms");
            assertTrue(aborted.get(), "the execution's abort handle was called");
        } finally {
            stop.set(true);
            w.close();
        }
    }

    @Test void a_full_pool_is_refused_at_once() throws Exception {
        DeadlineExecutor w = new DeadlineExecutor(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                w.run("first", Duration.ofSeconds(10), new AtomicReference<>(), () -> {
                    running.countDown();
                    release.await();
                    return 1;
                });
            } catch (RuntimeException ignored) {
                // released below
            }
        });
        t.start();
        try {
            assertTrue(running.await(5, TimeUnit.SECONDS));
            assertThrows(QueryTimeoutException.class, () -> w.run("second", Duration.ofSeconds(10), new AtomicReference<>(), () -> 2));
        } finally {
            release.countDown();
            t.join(5000);
            w.close();
        }
    }

    @Test void results_and_domain_exceptions_pass_through() {
        DeadlineExecutor w = new DeadlineExecutor(2);
        try {
            assertEquals(42, w.run("x", Duration.ofSeconds(5), new AtomicReference<>(), () -> 42));
            assertThrows(NotFoundException.class, () -> w.run("x", Duration.ofSeconds(5), new AtomicReference<>(), () -> {
                throw new NotFoundException("nope");
            }));
        } finally {
            w.close();
        }
    }
}
