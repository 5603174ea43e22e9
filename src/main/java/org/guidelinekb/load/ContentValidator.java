package org.guidelinekb.load;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
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

/**
 * Checks one content graph against the model: the SHACL shapes, then every {@code sparql/checks/*-violation.rq}
 * query, both over the content merged with the ontology. Writes nothing.
 */
public final class ContentValidator {
    private final Ontology ontology;
    private final List<NamedQuery> checks;

    public ContentValidator(Ontology ontology, QueryLibrary queries) {
        this.ontology = ontology;
        this.checks = queries.inFolder("checks").stream().filter(q -> q.name().endsWith("-violation")).toList();
    }

    /** Every violation found; empty when the content conforms. */
    public List<Violation> validate(String fileName, Graph content) {
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
        DatasetGraph dsg = DatasetGraphFactory.wrap(data);
        for (NamedQuery check : checks) {
            try (var qe = QueryExec.dataset(dsg).query(check.query()).build()) {
                var rows = qe.select();
                while (rows.hasNext()) {
                    var b = rows.next();
                    String focus = null;
                    StringBuilder detail = new StringBuilder();
                    for (var it = b.vars(); it.hasNext(); ) {
                        var v = it.next();
                        Node n = b.get(v);
                        if (focus == null) focus = str(n);
                        else detail.append(detail.length() == 0 ? "" : ", ").append(v.getVarName()).append('=').append(str(n));
                    }
                    String msg = check.summary() + (detail.length() == 0 ? "" : " (" + detail + ")");
                    out.add(new Violation(fileName, focus, null, msg, "sparql/" + check.name() + ".rq"));
                }
            }
        }
        return out;
    }

    private static String str(Node n) {
        if (n == null) return null;
        if (n.isURI()) return n.getURI();
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        return n.toString();
    }
}
