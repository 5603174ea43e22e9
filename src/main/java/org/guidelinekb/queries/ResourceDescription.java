package org.guidelinekb.queries;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;

/**
 * What the knowledge base says about one IRI: {@code quads} holds the resource's own triples in the graphs it
 * lives in ({@code graphs}), the catalog entries and PROV activities of those graphs, and the labels of the IRIs it
 * points to, each in the graph it was read from.
 */
public record ResourceDescription(String iri, List<String> graphs, DatasetGraph quads) {

    /**
     * The description as one graph, for formats without graphs (Turtle, JSON-LD, N-Triples): every quad's triple,
     * plus {@code <iri> rdfs:isDefinedBy <graph>} for each graph the resource lives in.
     */
    public Graph asGraph() {
        Graph g = GraphFactory.createDefaultGraph();
        quads.find().forEachRemaining(q -> g.add(q.asTriple()));
        Node s = NodeFactory.createURI(iri);
        for (String home : graphs) g.add(s, RDFS.isDefinedBy.asNode(), NodeFactory.createURI(home));
        return g;
    }
}
