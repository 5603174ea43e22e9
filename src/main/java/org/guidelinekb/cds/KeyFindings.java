package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.guidelinekb.reasoner.Concepts;
import org.guidelinekb.reasoner.FindingNumbers;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;

/**
 * The key numbers of the whole studies a statement cites ({@code sparql/internal/cds-study-key-findings.rq}: each
 * study's primary-endpoint comparison in the whole population), as text with the numbers exactly as stored, e.g.
 * "Badwe 2015: HR for overall survival, LRT vs no LRT: Hazard ratio 1.04 (95% CI 0.81-1.34), p = 0.79".
 * (Findings a statement cites directly come with the reasoner's own text.)
 *
 * <p>Read once per version and reasoner index, then kept with that index: a content change builds a new index, and
 * the next call reads again. State: that per-index cache.
 */
final class KeyFindings {
    private record Cache(ReasonerIndex index, Map<String, Map<String, List<String>>> byVersion) {}

    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final AtomicReference<Cache> cache = new AtomicReference<>();

    KeyFindings(KnowledgeStore store, QueryLibrary queries) {
        this.store = store;
        this.queries = queries;
    }

    /** Per statement IRI, the key findings of the studies it cites, for one version. */
    Map<String, List<String>> of(ReasonerIndex ix, String versionIri) {
        Cache c = cache.get();
        if (c == null || c.index() != ix) {
            Cache fresh = new Cache(ix, new ConcurrentHashMap<>());
            c = cache.compareAndSet(c, fresh) ? fresh : cache.get();
        }
        return c.byVersion().computeIfAbsent(versionIri, v -> read(ix.attributes().concepts(), v));
    }

    private Map<String, List<String>> read(Concepts concepts, String versionIri) {
        Map<String, Node> bind = Map.of("version", NodeFactory.createURI(versionIri));
        RowSetRewindable rows = store.read(r -> r.select(queries.get("internal/cds-study-key-findings"), bind));
        Map<String, List<String>> out = new LinkedHashMap<>();
        while (rows.hasNext()) {
            Binding b = rows.next();
            out.computeIfAbsent(str(b, "statement"), k -> new ArrayList<>()).add(text(b, concepts));
        }
        return out;
    }

    private static String text(Binding b, Concepts concepts) {
        StringBuilder sb = new StringBuilder();
        String label = str(b, "findingLabel");
        sb.append(label != null ? label : (str(b, "studyLabel") != null ? str(b, "studyLabel") : str(b, "finding"))).append(": ");
        FindingNumbers.append(sb, field -> str(b, field), concepts);
        String v = str(b, "verification");
        if (v != null) sb.append(" (").append(concepts.notationOf(v)).append(')');
        return sb.toString();
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }
}
