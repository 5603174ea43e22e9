package org.guidelinekb.sparqlendpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;

/**
 * Fuseki's query operation for the public endpoint, with the server's limits: the {@link ResultCap} and a timeout
 * enforced twice — ARQ's context timeout and our own {@link QueryCanceller}; no {@code SERVICE}
 * ({@link FederatedQueries}); regular expressions stopped at the deadline ({@link RegexLimits}).
 */
public final class GuardedQueryService extends SPARQL_QueryDataset {
    /** Relative IRIs in a query resolve against this (as in Fuseki), never against the server's working folder. */
    private static final String PARSE_BASE = org.apache.jena.fuseki.Fuseki.BaseParserSPARQL;
    private final QueryCanceller canceller;
    private final ResultCap cap;
    /** The canceller entries of the request this thread is serving, cancelled when it is answered. */
    private final ThreadLocal<List<ScheduledFuture<?>>> watched = ThreadLocal.withInitial(ArrayList::new);

    public GuardedQueryService(QueryCanceller canceller, long maxRows) {
        this.canceller = canceller;
        this.cap = new ResultCap(maxRows);
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        FederatedQueries.refusal(query).ifPresent(ServletOps::errorBadRequest);
        RegexLimits.refusal(query, false).ifPresent(ServletOps::errorBadRequest);
        List<String> offered = query.isSelectType() || query.isAskType() ? ResponseTypes.RESULTS : ResponseTypes.RDF;
        String accept = action.getRequestHeader("Accept");
        if (accept != null && !accept.isBlank() && offered.stream().allMatch(t -> ResponseTypes.quality(accept, t) == 0)) {
            ServletOps.error(406, "cannot answer with " + accept.strip() + "; available: " + String.join(", ", offered));
        }
        if (cap.apply(query)) cap.headers().forEach(action::setResponseHeader);
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        action.getContext().set(ARQ.queryTimeout, Long.toString(canceller.timeoutMillis()));
        action.getContext().set(ARQ.httpServiceAllowed, false); // a second line behind FederatedQueries
        action.getContext().set(RegexLimits.DEADLINE, System.nanoTime() + canceller.timeoutMillis() * 1_000_000L);
        QueryExec exec = super.createQueryExec(action, RegexLimits.bounded(query), dataset);
        watched.get().add(canceller.watch(exec));
        return exec;
    }

    /**
     * Fuseki's query steps (parse, validate, choose the dataset, execute, send), with our own log line: the query
     * shortened and escaped by {@link LogText} (Fuseki's logs the whole text), and no query text in an error.
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            if (queryString.isBlank()) ServletOps.errorBadRequest("the query is empty");
            String logged = LogText.of(queryString);
            action.log.info(String.format("[%d] Query = %s", action.id, logged));
            Query query = null;
            try {
                query = QueryFactory.create(queryString, PARSE_BASE, Syntax.syntaxARQ);
                validateQuery(action, query);
            } catch (QueryParseException e) {
                ServletOps.errorBadRequest(SPARQLProtocol.messageForParseException(e));
            }
            action.beginRead();
            try {
                Pair<DatasetGraph, Query> chosen = decideDataset(action, query, logged);
                Query q = chosen.getRight() == null ? query : chosen.getRight();
                try (QueryExec exec = createQueryExec(action, q, chosen.getLeft())) {
                    sendResults(action, executeQuery(action, exec, query, logged), query.getPrologue());
                }
            } catch (QueryCancelledException e) {
                action.abortSilent();
                throw e; // Fuseki answers 503 "Query timed out"
            } finally {
                action.endRead();
            }
        } finally {
            List<ScheduledFuture<?>> mine = watched.get();
            mine.forEach(f -> f.cancel(false));
            mine.clear();
        }
    }
}
