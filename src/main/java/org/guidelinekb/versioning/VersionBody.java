package org.guidelinekb.versioning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.ParsedContent;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.vocab.GKB;

/** The body of a version write: parsed, checked against the URL, and made a draft. Writes nothing. */
final class VersionBody {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Node PAV_VERSION = GKB.iri("http://purl.org/pav/version");

    private VersionBody() {}

    /**
     * Parses a request body and checks that it is one version of {@code guideline} with an IRI that matches its label
     * (and {@code expectedLabel}, when given) and no status but draft; sets status draft when absent.
     */
    static ParsedContent identify(String guideline, String expectedLabel, ContentFile body, QueryLibrary queries) {
        ParsedContent p = ParsedContent.parse(body, queries);
        if (!p.isVersion()) {
            throw new InvalidInputException("the body must hold one gkb:GuidelineVersion; it holds a " + p.rootType().getLocalName());
        }
        Graph g = p.graph();
        Node root = p.root();
        List<FieldError> errors = new ArrayList<>();
        List<Node> of = g.find(root, GKB.term("ofGuideline"), Node.ANY).mapWith(t -> t.getObject()).toList();
        if (of.size() != 1 || !of.get(0).equals(GKB.guideline(guideline))) {
            errors.add(new FieldError("gkb:ofGuideline", "the version must belong to guideline <" + GKB.guideline(guideline).getURI()
                    + "> named in the URL; it names " + (of.isEmpty() ? "none" : of.stream().map(NodeFmtLib::strNT).toList()), null));
        }
        String label = label(g, root);
        if (label == null || !LABEL.matcher(label).matches()) {
            errors.add(new FieldError("pav:version", "the version needs one label (pav:version) of letters, digits, '.', '_' or '-'", null));
        } else {
            if (!root.equals(GKB.version(guideline, label))) {
                errors.add(new FieldError("@id", "the version's IRI must be <" + GKB.version(guideline, label).getURI() + ">, not <"
                        + root.getURI() + ">", null));
            }
            if (expectedLabel != null && !label.equals(expectedLabel)) {
                errors.add(new FieldError("pav:version", "the body holds version '" + label + "', the URL names '" + expectedLabel + "'", null));
            }
        }
        List<Node> statuses = g.find(root, GKB.lifecycleStatus, Node.ANY).mapWith(t -> t.getObject()).toList();
        if (statuses.stream().anyMatch(s -> !s.equals(GKB.statusDraft))) {
            errors.add(new FieldError("gkb:lifecycleStatus", "a version is written as a draft; leave the status out or give "
                    + "code:status/draft, then publish it with POST .../publish", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(body.name() + ": " + errors.get(0).message(), errors);
        }
        if (statuses.isEmpty()) g.add(root, GKB.lifecycleStatus, GKB.statusDraft);
        return new ParsedContent(body, g, root, p.rootType());
    }

    /** The version's label (pav:version), or null unless there is exactly one. */
    static String label(Graph g, Node root) {
        List<Node> labels = g.find(root, PAV_VERSION, Node.ANY).mapWith(t -> t.getObject()).toList();
        return labels.size() == 1 && labels.get(0).isLiteral() ? labels.get(0).getLiteralLexicalForm() : null;
    }

    /** The graph as sorted N-Triples: what a publish records the SHA-256 of, and what the validator re-reads. */
    static byte[] ntriples(Graph g) {
        List<String> lines = new ArrayList<>();
        g.find().forEachRemaining(t -> lines.add(NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " "
                + NodeFmtLib.strNT(t.getObject()) + " ."));
        lines.sort(null);
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
