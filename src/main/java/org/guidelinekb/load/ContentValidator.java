package org.guidelinekb.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
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
import org.guidelinekb.util.Parallel;

/**
 * Checks content against the model, writing nothing:
 * <ol>
 * <li>the SHACL shapes, per file (each file merged with the ontology);</li>
 * <li>every {@code sparql/checks/*-violation.rq} query, over the ontology, the files, and the stored content they
 *     link to or that links to them ({@link CheckScope}), since rules such as "every link resolves" span files; the
 *     cost follows the size of the new content, not of the knowledge base.</li>
 * </ol>
 */
public final class ContentValidator {
    private final Ontology ontology;
    private final QueryLibrary queries;
    private final KnowledgeStore store;
    private final List<NamedQuery> checks;
    private final ExclusiveClassShapes exclusive;

    /** @param store the store whose other content the checks see; null to check files on their own */
    public ContentValidator(Ontology ontology, QueryLibrary queries, KnowledgeStore store) {
        this.ontology = ontology;
        this.queries = queries;
        this.store = store;
        this.checks = queries.inFolder("checks").stream().filter(q -> q.name().endsWith("-violation")).toList();
        this.exclusive = ExclusiveClassShapes.of(ontology.shapes().getGraph());
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
     * Validates a batch: the shapes per file, then the checks over the ontology, the batch, and the stored content
     * of {@code reader} the batch links to or that links to it, without the graphs the batch replaces
     * ({@link CheckScope}; {@code reader} null: the batch on its own).
     */
    public List<Violation> validateBatch(List<ParsedContent> batch, StoreReader reader) {
        return validateBatch(batch, reader, msg -> {});
    }

    /** As {@link #validateBatch(List, StoreReader)}, telling {@code progress} what it does. */
    public List<Violation> validateBatch(List<ParsedContent> batch, StoreReader reader, Consumer<String> progress) {
        List<Violation> out = new ArrayList<>();
        Map<Node, String> fileOf = new HashMap<>();
        Set<Node> roots = new HashSet<>();
        Graph kb = withOntology();
        long start = System.nanoTime();
        // the shapes run while the checks' graph is built and the checks run (queued behind them): every core busy
        var shapes = Parallel.start(batch, p -> shapes(p.file().name(), p.graph()));
        long triples = 0;
        for (ParsedContent p : batch) {
            roots.add(p.root());
            triples += p.graph().size();
            p.graph().find().forEachRemaining(t -> {
                kb.add(t);
                fileOf.putIfAbsent(t.getSubject(), p.file().name());
            });
        }
        Set<Node> involved = null;
        if (reader != null && reader.hasContent(roots)) { // a fresh store has nothing to link to: the batch alone
            long ownSize = kb.size();
            long gathering = System.nanoTime();
            CheckScope scope = CheckScope.gather(batch.stream().map(ParsedContent::graph).toList(), roots, reader, ontology.graph(), kb);
            involved = scope.involved();
            progress.accept("linked stored content: " + (kb.size() - ownSize) + " triples from " + scope.lookups() + " lookups"
                    + Rate.of(scope.lookups(), gathering));
        }
        long checking = System.nanoTime();
        List<Violation> checked = checks(kb, fileOf, involved);
        progress.accept("violation checks run over " + kb.size() + " triples" + Rate.of(kb.size(), checking));
        shapes.get().forEach(out::addAll);
        progress.accept("shapes checked: " + batch.size() + " file(s), " + triples + " triples" + Rate.of(triples, start));
        out.addAll(checked);
        return out;
    }

    /** The violation-query results over new content and the ontology only (no store), as {@code gkb validate} sees them. */
    public List<Violation> checkAlone(Graph content) {
        Graph kb = withOntology();
        content.find().forEachRemaining(kb::add);
        return checks(kb, Map.of(), null);
    }

    /**
     * The violation-query results for {@code content} joining the stored knowledge base of {@code reader}, over the
     * scope {@link CheckScope} gathers (content that need not have a root, e.g. a check fixture).
     */
    public List<Violation> checkJoining(Graph content, StoreReader reader) {
        Graph kb = withOntology();
        content.find().forEachRemaining(kb::add);
        CheckScope scope = CheckScope.gather(List.of(content), Set.of(), reader, ontology.graph(), kb);
        return checks(kb, Map.of(), scope.involved());
    }

    /** SHACL violations of one file; empty when it conforms. */
    public List<Violation> shapes(String fileName, Graph content) {
        Graph data = withOntology(content);
        // the shapes without the "exactly one of these classes" constraints when those hold (the same report, in half
        // the time); otherwise the full shapes, so that a violation reads as Jena reports it (ExclusiveClassShapes)
        return shapes(exclusive.holds(data) ? exclusive.without() : ontology.shapes(), fileName, data);
    }

    /** SHACL violations of {@code shapes} over {@code data} (content already merged with the ontology). */
    List<Violation> shapes(Shapes shapes, String fileName, Graph data) {
        List<Violation> out = new ArrayList<>();
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        for (ReportEntry e : report.getEntries()) {
            if (!Severity.Violation.equals(e.severity())) continue;
            out.add(new Violation(fileName, str(e.focusNode()), e.resultPath() == null ? null : e.resultPath().toString(),
                    e.message(), e.source() == null ? null : ShLib.displayStr(e.source())));
        }
        return out;
    }

    /**
     * Violation-query results over {@code knowledgeBase} (which must already hold the ontology); {@code fileOf} names
     * the file a focus node comes from, for messages. With {@code involved}, only rows naming one of those nodes
     * count (the others are about stored content its own load validated).
     */
    List<Violation> checks(Graph knowledgeBase, Map<Node, String> fileOf, Set<Node> involved) {
        DatasetGraph dsg = DatasetGraphFactory.wrap(knowledgeBase);
        List<Violation> out = new ArrayList<>();
        Parallel.map(checks, check -> check(dsg, check, fileOf, involved)).forEach(out::addAll);
        return out;
    }

    /** One check's rows (the graph is only read, so checks run side by side). */
    private static List<Violation> check(DatasetGraph dsg, NamedQuery check, Map<Node, String> fileOf, Set<Node> involved) {
        List<Violation> out = new ArrayList<>();
        try (var qe = QueryExec.dataset(dsg).query(check.query()).build()) {
            var rows = qe.select();
            while (rows.hasNext()) {
                var b = rows.next();
                if (involved != null && !names(b, involved)) continue;
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
        return out;
    }

    private static boolean names(org.apache.jena.sparql.engine.binding.Binding row, Set<Node> nodes) {
        for (var it = row.vars(); it.hasNext(); ) {
            if (nodes.contains(row.get(it.next()))) return true;
        }
        return false;
    }

    /** A graph holding the ontology, to which the content to check is added. */
    private Graph withOntology() {
        Graph g = GraphFactory.createDefaultGraph();
        ontology.graph().find().forEachRemaining(g::add);
        return g;
    }

    /** A new graph holding the ontology and {@code content}. */
    Graph withOntology(Graph content) {
        Graph g = withOntology();
        content.find().forEachRemaining(g::add);
        return g;
    }

    /** The shortcut for "exactly one of these classes" shapes (package-private for its equivalence test). */
    ExclusiveClassShapes exclusiveClassShapes() {
        return exclusive;
    }

    private static String str(Node n) {
        if (n == null) return null;
        if (n.isURI()) return n.getURI();
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        return n.toString();
    }
}
