package org.guidelinekb.store;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.apache.jena.update.UpdateRequest;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.QueryTimeoutException;
import org.guidelinekb.error.StoreUnavailableException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.vocab.GKB;

/**
 * A remote SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, Neptune, ...) shared by several stateless replicas.
 * Reads are SPARQL queries; each write is ONE guarded SPARQL Update request ({@link GuardedUpdate}): all of it or
 * nothing, and refused (then re-planned) when another replica wrote in between.
 */
public final class RemoteStore implements KnowledgeStore {
    private static final int WRITE_ATTEMPTS = 3;
    private final RemoteEndpoints endpoints;
    private final QueryLibrary queries;
    private final long timeoutMillis;

    public RemoteStore(RemoteEndpoints endpoints, QueryLibrary queries, long timeoutMillis) {
        this.endpoints = endpoints;
        this.queries = queries;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("remote", endpoints.dataset());
    }

    private RemoteReader reader() {
        return new RemoteReader(endpoints, queries, timeoutMillis);
    }

    @Override
    public <T> T read(Function<StoreReader, T> work) {
        try {
            return work.apply(reader());
        } catch (HttpException | QueryException e) {
            if (timedOut(e)) {
                throw new QueryTimeoutException("the query ran longer than the limit of " + seconds(timeoutMillis)
                        + " s and the remote store stopped it (or its answer did not come in time); narrow it, or ask the operator to raise --query-timeout");
            }
            throw unavailable(e);
        }
    }

    @Override
    public ChangeSet write(Function<StoreReader, ChangeSet> plan) {
        try {
            for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
                RemoteReader r = reader();
                var stampRows = r.select(queries.get("internal/catalog-stamp"), Map.of());
                Node stamp = stampRows.hasNext() ? stampRows.next().get("stamp") : null;
                ChangeSet changes = plan.apply(r);
                if (changes.isEmpty()) return changes;
                Node receipt = GKB.iri(GKB.ID + "write/" + UUID.randomUUID());
                if (applied(GuardedUpdate.build(changes, stamp, receipt), receipt)) {
                    send(GuardedUpdate.clearReceipt(receipt));
                    return changes;
                }
            }
        } catch (HttpException | QueryException e) {
            throw unavailable(e);
        }
        throw new ConflictException("the store kept changing during this write (other replicas writing); nothing was changed, try again");
    }

    /**
     * Sends a guarded update and tells whether it took effect (its receipt is there). When the store refuses it
     * (4xx), nothing changed. When its answer is lost (timeout, connection cut, 5xx), the store may have applied it
     * all the same: the write is abandoned (so it can no longer take effect) and its receipt read, and only when that
     * cannot be done either does the caller learn that the outcome is unknown.
     */
    private boolean applied(UpdateRequest update, Node receipt) {
        try {
            send(update);
            return hasReceipt(receipt);
        } catch (HttpException | QueryException e) {
            int status = e instanceof HttpException h ? h.getStatusCode() : e instanceof QueryExceptionHTTP q ? q.getStatusCode() : -1;
            if (status >= 400 && status < 500) {
                throw new StoreUnavailableException("remote store " + endpoints.dataset() + " refused the write (" + rootCause(e)
                        + "); nothing was changed", e);
            }
            try {
                send(GuardedUpdate.abandon(receipt));
                return hasReceipt(receipt);
            } catch (HttpException | QueryException again) {
                throw new StoreUnavailableException("remote store " + endpoints.dataset() + " did not answer (" + rootCause(e)
                        + ") and the outcome of this write is unknown: it may or may not have taken effect. Read the resource back "
                        + "(e.g. GET it) before you try again", e);
            }
        }
    }

    private boolean hasReceipt(Node receipt) {
        return reader().ask(queries.get("internal/write-receipt"), Map.of("receipt", receipt));
    }

    private void send(UpdateRequest req) {
        UpdateExecHTTP.service(endpoints.update()).httpHeaders(endpoints.headers()).update(req)
                .timeout(Math.max(timeoutMillis, 60_000), TimeUnit.MILLISECONDS).execute();
    }

    /**
     * The store stopped the query at the timeout it was sent (Fuseki: 503 "Query timed out"), or its answer did not
     * start in time: the query's fault, not the store's (which is reachable).
     */
    static boolean timedOut(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) return false; // the store's host does not answer
            if (t instanceof java.net.http.HttpTimeoutException) return true;
            if (t instanceof QueryCancelledException) return true;
        }
        if (e instanceof QueryExceptionHTTP http && http.getStatusCode() == 503) {
            String text = (http.getMessage() + " " + http.getResponse()).toLowerCase(java.util.Locale.ROOT);
            return text.contains("timed out") || text.contains("timeout");
        }
        return false;
    }

    /** The innermost cause, named (Jena's own message repeats the whole request URL, query included). */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (t == e && e instanceof QueryExceptionHTTP http) return "HTTP " + http.getStatusCode() + " " + http.getMessage();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static String seconds(long millis) {
        return RemoteReader.seconds(millis);
    }

    private StoreUnavailableException unavailable(RuntimeException e) {
        return new StoreUnavailableException("remote store " + endpoints.dataset() + " did not answer: " + rootCause(e), e);
    }

    @Override
    public boolean reachable() {
        try {
            reader().ask(queries.get("internal/store-ping"), Map.of());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<DatasetGraph> localDataset() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held open: every request is independent
    }
}
