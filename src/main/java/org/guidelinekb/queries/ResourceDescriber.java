package org.guidelinekb.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;

/**
 * Describes any IRI of the knowledge base (sparql/internal/describe-resource.rq with the IRI bound as an RDF term):
 * its triples in every graph, and the provenance of the graphs it lives in. An IRI that is the subject of no
 * triple is unknown ({@link NotFoundException}).
 */
public final class ResourceDescriber {
    /** Where the server's own IRIs live; {@code /id/...} on this server describes {@code NAMESPACE + "id/..."}. */
    public static final String NAMESPACE = "https://w3id.org/gkb/";

    private final KnowledgeStore store;
    private final Query describe;

    public ResourceDescriber(KnowledgeStore store, QueryLibrary queries) {
        this.store = store;
        this.describe = queries.get("internal/describe-resource");
    }

    public ResourceDescription describe(String iri) {
        Node subject = NodeFactory.createURI(iri);
        DatasetGraph quads = DatasetGraphFactory.createGeneral();
        List<String> homes = new ArrayList<>();
        store.read(r -> {
            var rows = r.select(describe, Map.of("iri", subject));
            while (rows.hasNext()) {
                var b = rows.next();
                Node g = b.get("g");
                Node s = b.get("s");
                quads.add(Quad.create(g, s, b.get("p"), b.get("o")));
                if (s.equals(subject) && !homes.contains(g.getURI())) homes.add(g.getURI());
            }
            return null;
        });
        if (homes.isEmpty()) throw new NotFoundException("the knowledge base says nothing about <" + iri + ">");
        homes.sort(null);
        return new ResourceDescription(iri, List.copyOf(homes), quads);
    }
}
