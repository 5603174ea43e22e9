package org.guidelinekb.sparqlendpoint;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.jena.sparql.exec.QueryExec;

/**
 * Our own deadline for public SPARQL queries, independent of ARQ's context timeout (which some queries escape:
 * apache/jena #3044, #3535): every execution is registered here and aborted when its time is up. One timer
 * thread for the whole server; aborting an execution that already finished does nothing.
 */
public final class QueryCanceller implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;
    private final long timeoutMillis;

    public QueryCanceller(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gkb-query-canceller");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished query's abort is dropped at once, not kept until its deadline
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Aborts {@code exec} once the timeout has passed; cancel the returned future when the query has finished. */
    public ScheduledFuture<?> watch(QueryExec exec) {
        return timer.schedule(exec::abort, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
