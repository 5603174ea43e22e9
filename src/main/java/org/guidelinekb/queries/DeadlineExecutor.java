package org.guidelinekb.queries;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.query.QueryCancelledException;
import org.guidelinekb.error.QueryTimeoutException;

/**
 * Runs query work on a worker thread and gives the caller its answer within the time limit whatever the engine
 * does. The engine's own timeout (set on the execution) stops most queries; some executions do not check it in time
 * (apache/jena #3044, #3535), so after the limit plus a short grace it calls the execution's abort handle,
 * interrupts the worker and answers {@link QueryTimeoutException} at once. A query the engine stopped is also a
 * {@link QueryTimeoutException}. At most {@code maxWorkers} queries run at once; more are refused the same way.
 */
public final class DeadlineExecutor {
    /** Time after the limit during which the engine's own timeout may still answer first. */
    static final Duration GRACE = Duration.ofMillis(250);

    private final ThreadPoolExecutor workers;

    public DeadlineExecutor(int maxWorkers) {
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, maxWorkers, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "gkb-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code work}, which registers the running execution's abort handle in {@code abort}; waits at most
     * {@code limit} plus the grace. Domain exceptions thrown by the work pass through unchanged.
     */
    public <T> T run(String what, Duration limit, AtomicReference<Runnable> abort, Callable<T> work) {
        Future<T> f;
        try {
            f = workers.submit(work);
        } catch (RejectedExecutionException e) {
            throw new QueryTimeoutException("the server is running " + workers.getMaximumPoolSize()
                    + " queries already; try " + what + " again shortly");
        }
        try {
            return f.get(limit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Runnable a = abort.get();
            if (a != null) a.run();
            f.cancel(true);
            throw stopped(what, limit);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof QueryCancelledException) throw stopped(what, limit);
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw stopped(what, limit);
        }
    }

    private static QueryTimeoutException stopped(String what, Duration limit) {
        return new QueryTimeoutException(what + " ran longer than the limit of " + limit.toSeconds()
                + " s and was stopped; narrow it (parameters, limit) or ask the operator to raise --query-timeout");
    }

    /** Stops the workers (running queries are interrupted). */
    public void close() {
        workers.shutdownNow();
    }
}
