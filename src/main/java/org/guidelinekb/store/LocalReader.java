package org.guidelinekb.store;

import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.vocab.GKB;

/** A reader over a local dataset; the caller holds the transaction. */
final class LocalReader extends ExecReader {
    private final DatasetGraph dsg;

    LocalReader(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    @Override
    protected QueryExecBuilder exec() {
        return QueryExec.dataset(dsg);
    }

    @Override
    public Graph graph(Node graphName) {
        Graph copy = GraphFactory.createDefaultGraph();
        dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> copy.add(q.asTriple()));
        return copy;
    }

    @Override
    public void forEachTriple(Node graphName, java.util.function.Consumer<org.apache.jena.graph.Triple> sink) {
        dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> sink.accept(q.asTriple()));
    }

    @Override
    public boolean containsGraph(Node graphName) {
        return dsg.contains(graphName, Node.ANY, Node.ANY, Node.ANY);
    }

    @Override
    public void findContent(Node s, Node p, Node o, Set<Node> excluding, Consumer<Triple> sink) {
        // one index lookup over every named graph (TDB2 picks the index from the bound terms)
        dsg.find(Node.ANY, s, p, o).forEachRemaining(q -> {
            Node g = q.getGraph();
            if (q.isDefaultGraph() || excluding.contains(g) || GKB.ontologyGraph.equals(g) || (g.isURI() && g.getURI().startsWith(GKB.GRAPH))) return;
            sink.accept(q.asTriple());
        });
    }

    @Override
    public boolean hasContent(Set<Node> excluding) {
        for (var it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node g = it.next();
            if (!excluding.contains(g) && !GKB.ontologyGraph.equals(g) && !(g.isURI() && g.getURI().startsWith(GKB.GRAPH))) return true;
        }
        return false;
    }

    @Override
    public StoreStats stats() {
        long graphs = 0;
        long triples = dsg.getDefaultGraph().size();
        for (var it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node g = it.next();
            graphs++;
            triples += dsg.getGraph(g).size();
        }
        return new StoreStats(triples, graphs, true); // the embedded dataset's default graph is the union (Tdb2Store)
    }
}
