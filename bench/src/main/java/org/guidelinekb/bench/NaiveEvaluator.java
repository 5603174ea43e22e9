package org.guidelinekb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.reasoner.rulesys.GenericRuleReasoner;
import org.apache.jena.reasoner.rulesys.Rule;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.generate.CaseAttributeSpec;
import org.guidelinekb.generate.CodeLists;
import org.guidelinekb.vocab.GKB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The naive peer of the reasoner: for every case, a new Jena InfModel (GenericRuleReasoner, forward RETE) over the
 * ontology, the active version graphs and a graph of the case, then one SPARQL query for the applicable statements.
 *
 * <p>The rules ({@code naive/layer1-3.rules}) derive the outcome of every attribute criterion (hierarchy, derived
 * attributes, all conditions); the query ({@code naive/applicable-statements.rq}) combines them through the criteria
 * trees. Rules that test for an absent fact ({@code noValue}) are only safe over facts that are complete when they
 * run, so the rules come in three layers, each an InfModel over the previous one. It answers less than the reasoner
 * (the applicable statements only: no undetermined / not-applicable split, no explanation, no missing attributes),
 * so the measured ratio favours the peer. The smoke test checks that both find the same applicable statements.
 */
public final class NaiveEvaluator {
    static final String CASE = "https://w3id.org/gkb/bench#case";
    static final Node CASE_NODE = NodeFactory.createURI(CASE);
    static final Node KNOWN = NodeFactory.createURI("https://w3id.org/gkb/bench#known");

    private final Graph base;
    private final List<GenericRuleReasoner> layers;
    private final Query query;

    public NaiveEvaluator(Graph base) {
        this.base = base;
        this.layers = List.of(reasoner("naive/layer1.rules"), reasoner("naive/layer2.rules"), reasoner("naive/layer3.rules"));
        this.query = QueryFactory.create(resource("naive/applicable-statements.rq"));
    }

    /** The ontology graph and every guideline's active version graph, copied out of the knowledge base. */
    public static NaiveEvaluator of(KnowledgeBase kb) {
        Graph g = GraphFactory.createDefaultGraph();
        kb.store().read(r -> {
            r.graph(GKB.ontologyGraph).find().forEachRemaining(g::add);
            for (GuidelineInfo gi : kb.versions().catalog().guidelines()) {
                for (VersionInfo v : gi.versions()) {
                    if (v.status().equals("active")) r.graph(NodeFactory.createURI(v.iri())).find().forEachRemaining(g::add);
                }
            }
            return null;
        });
        return new NaiveEvaluator(g);
    }

    public int baseTriples() {
        return base.size();
    }

    /** The measured operation: the IRIs of the statements applicable to the case. */
    public Set<String> applicable(ObjectNode patientCase) {
        Model m = ModelFactory.createModelForGraph(new Union(base, caseGraph(patientCase)));
        for (GenericRuleReasoner r : layers) {
            InfModel inf = ModelFactory.createInfModel(r, m);
            inf.prepare();
            m = inf;
        }
        Set<String> out = new LinkedHashSet<>();
        try (var qe = QueryExec.graph(m.getGraph()).query(query).build()) {
            var rows = qe.select();
            while (rows.hasNext()) out.add(rows.next().get("statement").getURI());
        }
        return out;
    }

    /** The case as triples: {@code bench:case attr:X value} (one per list item) and {@code bench:case bench:known attr:X}. */
    static Graph caseGraph(ObjectNode c) {
        Graph g = GraphFactory.createDefaultGraph();
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            if (e.getValue().isNull()) continue;
            CaseAttributeSpec a = CodeLists.attribute(e.getKey());
            Node attr = NodeFactory.createURI(CodeLists.CODE + "attribute/" + a.name());
            g.add(Triple.create(CASE_NODE, KNOWN, attr));
            JsonNode v = e.getValue();
            switch (a.type()) {
                case BOOLEAN -> g.add(Triple.create(CASE_NODE, attr, NodeFactory.createLiteralDT(Boolean.toString(v.booleanValue()), XSDDatatype.XSDboolean)));
                case INTEGER -> g.add(Triple.create(CASE_NODE, attr, NodeFactory.createLiteralDT(Integer.toString(v.intValue()), XSDDatatype.XSDinteger)));
                case CONCEPT -> g.add(Triple.create(CASE_NODE, attr, concept(a, v.textValue())));
                case CONCEPT_LIST -> v.forEach(x -> g.add(Triple.create(CASE_NODE, attr, concept(a, x.textValue()))));
            }
        }
        return g;
    }

    private static Node concept(CaseAttributeSpec a, String notation) {
        return NodeFactory.createURI(CodeLists.CODE + a.scheme() + "/" + notation);
    }

    private static GenericRuleReasoner reasoner(String resource) {
        GenericRuleReasoner r = new GenericRuleReasoner(Rule.parseRules(resource(resource)));
        r.setMode(GenericRuleReasoner.FORWARD_RETE);
        return r;
    }

    static String resource(String name) {
        try (InputStream in = NaiveEvaluator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
