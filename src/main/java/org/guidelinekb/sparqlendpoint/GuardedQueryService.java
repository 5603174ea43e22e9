package org.guidelinekb.sparqlendpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;

/**
 * Fuseki's query operation for the public endpoint, with the server's limits: the {@link ResultCap} and a timeout enforced twice — ARQ's context timeout and our own {@link QueryWatchdog}; no {@code SERVICE} ({@link FederatedQueries}); regular expressions stopped at the deadline ({@link RegexLimits}).
 */
public final class GuardedQueryService extends SPARQL_QueryDataset {
    private final QueryWatchdog watchdog;
    private final ResultCap cap;
    /** The watchdog entries of the request this thread is serving, cancelled when it is answered. */
    private final ThreadLocal<List<ScheduledFuture<?>>> watched = ThreadLocal.withInitial(ArrayList::new);

    public GuardedQueryService(QueryWatchdog watchdog, long maxRows) {
        this.watchdog = watchdog;
        this.cap = new ResultCap(maxRows);
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        FederatedQueries.refusal(query).ifPresent(ServletOps::errorBadRequest);
        RegexLimits.refusal(query, false).ifPresent(ServletOps::errorBadRequest);
        if (cap.apply(query)) action.setResponseHeader(ResultCap.HEADER, Long.toString(cap.maxRows()));
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        action.getContext().set(ARQ.queryTimeout, Long.toString(watchdog.timeoutMillis()));
        action.getContext().set(ARQ.httpServiceAllowed, false); // a second line behind FederatedQueries
        action.getContext().set(RegexLimits.DEADLINE, System.nanoTime() + watchdog.timeoutMillis() * 1_000_000L);
        QueryExec exec = super.createQueryExec(action, RegexLimits.bounded(query), dataset);
        watched.get().add(watchdog.watch(exec));
        return exec;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            super.execute(queryString, action);
        } finally {
            List<ScheduledFuture<?>> mine = watched.get();
            mine.forEach(f -> f.cancel(false));
            mine.clear();
        }
    }
}
