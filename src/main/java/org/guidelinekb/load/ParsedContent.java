package org.guidelinekb.load;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.vocab.GKB;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;

/**
 * A content file parsed into one graph, with its root: the node whose IRI names the graph it is loaded into.
 */
public record ParsedContent(ContentFile file, Graph graph, Node root, Node rootType) {

    /**
     * JSON-LD content must be self-contained: a remote {@code @context} is never fetched (the server would otherwise
     * request any URL a writer names, internal ones included).
     */
    private static JsonLdOptions noRemoteDocuments() {
        return new JsonLdOptions((url, options) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "remote JSON-LD documents are not loaded (" + url + "); put the @context inline");
        });
    }

    public boolean isVersion() {
        return GKB.GuidelineVersion.equals(rootType);
    }

    /** An already built graph as content (e.g. a version about to be published), with its root found. */
    public static ParsedContent of(String name, Graph graph, QueryLibrary queries) {
        ContentFile file = new ContentFile(name, new byte[0], org.apache.jena.riot.Lang.TURTLE);
        Node[] root = findRoot(file, graph, queries);
        return new ParsedContent(file, graph, root[0], root[1]);
    }

    /** Parses a file (quads of TriG/N-Quads are merged: the server decides the graph) and finds its root. */
    public static ParsedContent parse(ContentFile file, QueryLibrary queries) {
        Graph g = GraphFactory.createDefaultGraph();
        try {
            RDFParser.source(new java.io.ByteArrayInputStream(file.bytes())).lang(file.lang())
                    .set(LangJSONLD11.JSONLD_OPTIONS, noRemoteDocuments())
                    .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging) // a client's syntax error is answered, not logged
                    .base("https://w3id.org/gkb/id/").parse(new StreamRDFBase() {
                        @Override public void triple(Triple t) { g.add(t); }
                        @Override public void quad(Quad q) { g.add(q.asTriple()); }
                    });
        } catch (RiotException | org.apache.jena.irix.IRIException e) { // a bad @base or prefix IRI surfaces as the latter
            throw new InvalidInputException(file.name() + ": not valid " + file.lang().getLabel() + ": " + e.getMessage());
        } catch (StackOverflowError e) { // the parsers recurse into nested blank nodes, lists and JSON objects
            throw new InvalidInputException(file.name() + ": nested too deeply to parse (blank nodes, collections or "
                    + "JSON objects inside one another); flatten the nesting, e.g. with labelled blank nodes");
        }
        if (g.isEmpty()) throw new InvalidInputException(file.name() + ": no triples");
        java.util.Set<String> checked = new java.util.HashSet<>(); // each IRI once: a file repeats most of them
        g.find().forEachRemaining(t -> {
            requireValidIri(file, t.getSubject(), checked);
            requireValidIri(file, t.getPredicate(), checked);
            requireValidIri(file, t.getObject(), checked);
        });
        Node[] root = findRoot(file, g, queries);
        return new ParsedContent(file, g, root[0], root[1]);
    }

    /**
     * The parsers only warn about some IRIs that RFC 3987 does not allow (e.g. one with a '"' in it); such an IRI
     * cannot be written in SPARQL, so a remote store would refuse the write. Refused here, for every store alike.
     */
    private static void requireValidIri(ContentFile file, Node n, java.util.Set<String> checked) {
        String iri = n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralDatatypeURI() : null;
        if (iri == null || !checked.add(iri)) return;
        try {
            org.apache.jena.irix.IRIx.create(iri);
        } catch (org.apache.jena.irix.IRIException e) {
            throw new InvalidInputException(file.name() + ": not a valid IRI: <" + iri + "> (" + e.getMessage() + ")");
        }
    }

    private static Node[] findRoot(ContentFile file, Graph g, QueryLibrary queries) {
        DatasetGraph dsg = DatasetGraphFactory.wrap(g);
        var rows = QueryExec.dataset(dsg).query(queries.get("internal/content-roots")).select().materialize();
        Node root = null;
        Node type = null;
        int versions = 0;
        int others = 0;
        while (rows.hasNext()) {
            var b = rows.next();
            Node r = b.get("root");
            Node t = b.get("type");
            if (GKB.GuidelineVersion.equals(t)) {
                versions++;
                root = r;
                type = t;
            } else {
                others++;
                if (versions == 0) { root = r; type = t; }
            }
        }
        if (versions > 1 || (versions == 0 && others > 1)) {
            throw new InvalidInputException(file.name() + ": holds " + (versions > 1 ? versions + " guideline versions" : others + " root nodes")
                    + "; a content file holds one guideline version, or one study, evidence synthesis or clinical question");
        }
        if (root == null) {
            throw new InvalidInputException(file.name()
                    + ": no root node; a content file holds one gkb:GuidelineVersion, gkb:Study, gkb:EvidenceSynthesis or gkb:ClinicalQuestion");
        }
        if (!root.isURI()) throw new InvalidInputException(file.name() + ": the root node must be an IRI, not a blank node");
        return new Node[] {root, type};
    }
}
