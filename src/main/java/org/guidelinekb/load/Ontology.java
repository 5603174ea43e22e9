package org.guidelinekb.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.guidelinekb.util.Resources;
import org.guidelinekb.vocab.GKB;

/**
 * The bundled model: the ontology with its derived-attribute rules (one graph, read-only after start-up) and the
 * SHACL shapes, parsed once; {@code fingerprint} is the SHA-256 of the ontology files ({@code "sha256:" + hex}).
 */
public record Ontology(Graph graph, Shapes shapes, String fingerprint) {

    public static final String[] FILES = {"ontology/gkb.ttl", "ontology/derived-attributes.ttl"};
    public static final String SHAPES_FILE = "ontology/shapes.ttl";

    public static Ontology load() {
        Graph g = GraphFactory.createDefaultGraph();
        MessageDigest sha256 = sha256();
        for (String f : FILES) {
            String text = Resources.read(f);
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            RDFParser.fromString(text, Lang.TURTLE).base("https://w3id.org/gkb/").parse(g);
        }
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Resources.read(SHAPES_FILE), Lang.TURTLE).parse(shapesGraph);
        return new Ontology(g, Shapes.parse(shapesGraph), "sha256:" + HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * The ontology graph as the store keeps it: the graph plus its {@link #fingerprint()} as the graph's
     * {@code dct:identifier}, so that a start-up tells with one lookup whether the stored graph is this build's.
     */
    public Graph storedGraph() {
        Graph out = GraphFactory.createDefaultGraph();
        graph.find().forEachRemaining(out::add);
        out.add(GKB.ontologyGraph, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(fingerprint));
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
