package org.guidelinekb.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.G;

/**
 * A shortcut for the most expensive kind of shape the model has: a node shape with a target class whose
 * {@code sh:xone} lists shapes that each hold only {@code sh:class X} ("a criterion is exactly one of AllOf, AnyOf,
 * Not, ..."). Jena evaluates each member per focus node and builds (and formats) a report for every member that does
 * not hold, then throws it away: over half of the shape time of a large file.
 *
 * <p>{@link #holds(Graph)} decides such an {@code sh:xone} directly (each SHACL instance of the target class is a
 * SHACL instance of exactly one listed class; instances follow {@code rdfs:subClassOf} as SHACL does). When it holds
 * for every focus node the constraint adds nothing to the report, so {@link #without()} (the same shapes minus those
 * {@code sh:xone} triples) gives exactly the report of the full shapes; when it does not hold, the caller validates
 * with the full shapes, so a violation reads exactly as Jena reports it.
 */
final class ExclusiveClassShapes {
    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final Node SH_XONE = NodeFactory.createURI(SH + "xone");
    private static final Node SH_CLASS = NodeFactory.createURI(SH + "class");
    private static final Node SH_TARGET_CLASS = NodeFactory.createURI(SH + "targetClass");

    /** One shortcut {@code sh:xone}: instances of any of {@code targets} must be instances of exactly one of {@code classes}. */
    private record Rule(List<Node> targets, List<Node> classes) {}

    private final List<Rule> rules;
    private final Shapes without;

    private ExclusiveClassShapes(List<Rule> rules, Shapes without) {
        this.rules = rules;
        this.without = without;
    }

    /** Finds the shortcut {@code sh:xone} constraints of {@code shapesGraph} (none: {@link #without()} is the full shapes). */
    static ExclusiveClassShapes of(Graph shapesGraph) {
        List<Rule> rules = new ArrayList<>();
        Set<Triple> shortcut = new HashSet<>();
        for (Triple xone : shapesGraph.find(Node.ANY, SH_XONE, Node.ANY).toList()) {
            List<Node> targets = G.listSP(shapesGraph, xone.getSubject(), SH_TARGET_CLASS);
            List<Node> classes = classesOnly(shapesGraph, xone.getObject());
            if (targets.isEmpty() || classes == null) continue;
            rules.add(new Rule(targets, classes));
            shortcut.add(xone);
        }
        // copied in the same order, so that the other shapes (and so the report's entries) come in the same order
        Graph reduced = GraphFactory.createDefaultGraph();
        shapesGraph.find().forEachRemaining(t -> {
            if (!shortcut.contains(t)) reduced.add(t);
        });
        return new ExclusiveClassShapes(List.copyOf(rules), Shapes.parse(reduced));
    }

    /** The classes of a list whose members each say only {@code sh:class X}; null when the list is anything else. */
    private static List<Node> classesOnly(Graph shapesGraph, Node list) {
        List<Node> classes = new ArrayList<>();
        for (Node member : G.rdfList(shapesGraph, list)) {
            List<Triple> about = shapesGraph.find(member, Node.ANY, Node.ANY).toList();
            if (!member.isBlank() || about.size() != 1 || !SH_CLASS.equals(about.get(0).getPredicate())) return null;
            if (shapesGraph.find(Node.ANY, Node.ANY, member).toList().size() != 1) return null; // shared: keep it
            classes.add(about.get(0).getObject());
        }
        return classes.isEmpty() ? null : classes;
    }

    /** The shapes without the shortcut constraints: the same report as the full shapes whenever {@link #holds} is true. */
    Shapes without() {
        return without;
    }

    /** Whether every shortcut {@code sh:xone} holds for every focus node of {@code data}. */
    boolean holds(Graph data) {
        for (Rule rule : rules) {
            for (Node target : rule.targets()) {
                for (Node focus : G.allNodesOfTypeRDFS(data, target)) {
                    Set<Node> types = G.allTypesOfNodeRDFS(data, focus);
                    int matching = 0;
                    for (Node c : rule.classes()) {
                        if (types.contains(c)) matching++;
                    }
                    if (matching != 1) return false;
                }
            }
        }
        return true;
    }
}
