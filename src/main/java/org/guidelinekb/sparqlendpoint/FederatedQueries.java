package org.guidelinekb.sparqlendpoint;

import java.util.Optional;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;

/**
 * The public endpoint answers from the knowledge base's own data only: a query that names {@code SERVICE} anywhere
 * (a group, an {@code OPTIONAL}, a subquery, an {@code EXISTS} inside a filter, a projection or {@code HAVING}) is
 * refused before it runs, so that no caller can make the server open a connection to another host (a cloud metadata
 * service, an internal port, the server's own endpoint). Both store modes call {@link #refusal}: the embedded endpoint
 * before Fuseki executes, the forwarding endpoint before the query reaches the remote store (which would otherwise
 * make the call itself). The embedded execution also runs with {@code SERVICE} switched off in its context, so a
 * form this check missed still makes no call.
 */
public final class FederatedQueries {
    private FederatedQueries() { }

    /** Why {@code query} is refused, or empty when it names no {@code SERVICE}. */
    public static Optional<String> refusal(Query query) {
        Op op = Algebra.compile(query);
        boolean[] found = {false};
        Walker.walk(op, new OpVisitorBase() {
            @Override public void visit(OpService service) {
                found[0] = true;
            }
        });
        if (!found[0]) return Optional.empty();
        return Optional.of("SERVICE is not served: this endpoint answers from the knowledge base's own data only, "
                + "and never fetches from another endpoint (federated queries are refused)");
    }
}
