package org.guidelinekb.load;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.util.Resources;

/**
 * The bundled model: the ontology with its derived-attribute rules (one graph, read-only after start-up) and the
 * SHACL shapes, parsed once.
 */
public record Ontology(Graph graph, Shapes shapes) {

    public static final String[] FILES = {"ontology/gkb.ttl", "ontology/derived-attributes.ttl"};
    public static final String SHAPES_FILE = "ontology/shapes.ttl";

    public static Ontology load() {
        Graph g = GraphFactory.createDefaultGraph();
        for (String f : FILES) {
            RDFParser.fromString(Resources.read(f), Lang.TURTLE).base("https://w3id.org/gkb/").parse(g);
        }
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Resources.read(SHAPES_FILE), Lang.TURTLE).parse(shapesGraph);
        return new Ontology(g, Shapes.parse(shapesGraph));
    }
}
