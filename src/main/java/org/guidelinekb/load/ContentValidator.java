package org.guidelinekb.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.error.ValidationException.Violation;
import org.guidelinekb.sparql.NamedQuery;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;

/**
 * Checks content against the model, writing nothing:
 * <ol>
 * <li>the SHACL shapes, per file (each file merged with the ontology);</li>
 * <li>every {@code sparql/checks/*-violation.rq} query, over the knowledge base as it would be after the load
 *     (the ontology, the files, and the store's other content), since rules such as "every link resolves" span
 *     files.</li>
 * </ol>
 */
public final class ContentValidator {
    private final Ontology ontology;
    private final QueryLibrary queries;
    private final KnowledgeStore store;
    private final List<NamedQuery> checks;

    /** @param store the store whose other content the checks see; null to check files on their own */
    public ContentValidator(Ontology ontology, QueryLibrary queries, KnowledgeStore store) {
        this.ontology = ontology;
        this.queries = queries;
        this.store = store;
        this.checks = queries.inFolder("checks").stream().filter(q -> q.name().endsWith("-violation")).toList();
    }

    /** Validates one graph against the knowledge base it would join (reads the store; call outside a transaction). */
    public List<Violation> validate(String name, Graph content) {
        ParsedContent p = ParsedContent.of(name, content, queries);
        return store == null ? validateBatch(List.of(p), null) : store.read(r -> validateBatch(List.of(p), r));
    }

    /** Validates one graph against the knowledge base seen through {@code reader} (inside the caller's transaction). */
    public List<Violation> validate(String name, Graph content, StoreReader reader) {
        return validateBatch(List.of(ParsedContent.of(name, content, queries)), reader);
    }

    /**
     * Validates a batch: the shapes per file, then the checks over the ontology, the batch, and the content graphs
     * of {@code reader} that the batch does not replace ({@code reader} null: the batch on its own).
     */
    public List<Violation> validateBatch(List<ParsedContent> batch, StoreReader reader) {
        List<Violation> out = new ArrayList<>();
        Map<Node, String> fileOf = new HashMap<>();
        Set<Node> roots = new HashSet<>();
        Graph kb = withOntology();
        for (ParsedContent p : batch) {
            roots.add(p.root());
            out.addAll(shapes(p.file().name(), p.graph()));
            p.graph().find().forEachRemaining(t -> {
                kb.add(t);
                fileOf.putIfAbsent(t.getSubject(), p.file().name());
            });
        }
        // the rest of the knowledge base, without the graphs this batch replaces
        out.addAll(checks(reader == null ? kb : new Union(kb, reader.contentView(roots)), fileOf));
        return out;
    }

    /** SHACL violations of one file; empty when it conforms. */
    public List<Violation> shapes(String fileName, Graph content) {
        Graph data = GraphFactory.createDefaultGraph();
        ontology.graph().find().forEachRemaining(data::add);
        content.find().forEachRemaining(data::add);
        List<Violation> out = new ArrayList<>();
        ValidationReport report = ShaclValidator.get().validate(ontology.shapes(), data);
        for (ReportEntry e : report.getEntries()) {
            if (!Severity.Violation.equals(e.severity())) continue;
            out.add(new Violation(fileName, str(e.focusNode()), e.resultPath() == null ? null : e.resultPath().toString(),
                    e.message(), e.source() == null ? null : ShLib.displayStr(e.source())));
        }
        return out;
    }

    /**
     * Violation-query results over {@code knowledgeBase} (which must already hold the ontology); {@code fileOf} names
     * the file a focus node comes from, for messages.
     */
    List<Violation> checks(Graph knowledgeBase, Map<Node, String> fileOf) {
        List<Violation> out = new ArrayList<>();
        DatasetGraph dsg = DatasetGraphFactory.wrap(knowledgeBase);
        for (NamedQuery check : checks) {
            try (var qe = QueryExec.dataset(dsg).query(check.query()).build()) {
                var rows = qe.select();
                while (rows.hasNext()) {
                    var b = rows.next();
                    Node focusNode = null;
                    StringBuilder detail = new StringBuilder();
                    for (var it = b.vars(); it.hasNext(); ) {
                        var v = it.next();
                        Node n = b.get(v);
                        if (focusNode == null) focusNode = n;
                        else detail.append(detail.length() == 0 ? "" : ", ").append(v.getVarName()).append('=').append(str(n));
                    }
                    String msg = check.summary() + (detail.length() == 0 ? "" : " (" + detail + ")");
                    out.add(new Violation(fileOf.getOrDefault(focusNode, "(knowledge base)"), str(focusNode), null, msg,
                            "sparql/" + check.name() + ".rq"));
                }
            }
        }
        return out;
    }

    /** A graph holding the ontology, to which the content to check is added. */
    private Graph withOntology() {
        Graph g = GraphFactory.createDefaultGraph();
        ontology.graph().find().forEachRemaining(g::add);
        return g;
    }

    private static String str(Node n) {
        if (n == null) return null;
        if (n.isURI()) return n.getURI();
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        return n.toString();
    }
}
