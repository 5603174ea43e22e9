package org.guidelinekb.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** IRIs of the guideline-kb vocabulary and of the fixed graphs (see ontology/README.md). */
public final class GKB {
    private GKB() {}

    public static final String NS = "https://w3id.org/gkb/ontology#";
    public static final String ID = "https://w3id.org/gkb/id/";
    public static final String CODE = "https://w3id.org/gkb/code/";
    public static final String GRAPH = "https://w3id.org/gkb/graph/";

    /** Named graph of the ontology itself (and the derived-attribute rules). */
    public static final Node ontologyGraph = iri("https://w3id.org/gkb/ontology");
    /** Named graph of the version catalog. */
    public static final Node catalogGraph = iri(GRAPH + "catalog");
    /** Named graph of the PROV records of loads and writes. */
    public static final Node provenanceGraph = iri(GRAPH + "provenance");
    /** Named graph of CDS Hooks feedback. */
    public static final Node feedbackGraph = iri(GRAPH + "feedback");

    public static final Node GuidelineVersion = term("GuidelineVersion");
    public static final Node Guideline = term("Guideline");
    public static final Node Study = term("Study");
    public static final Node EvidenceSynthesis = term("EvidenceSynthesis");
    public static final Node ClinicalQuestion = term("ClinicalQuestion");
    public static final Node lifecycleStatus = term("lifecycleStatus");
    public static final Node sha256 = term("sha256");
    public static final Node loadedGraph = term("loadedGraph");

    public static final Node statusDraft = iri(CODE + "status/draft");
    public static final Node statusActive = iri(CODE + "status/active");
    public static final Node statusRetired = iri(CODE + "status/retired");

    public static Node term(String localName) {
        return iri(NS + localName);
    }

    public static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    /** IRI of a guideline: {@code id:guideline/{g}}. */
    public static Node guideline(String guidelineId) {
        return iri(ID + "guideline/" + guidelineId);
    }

    /** IRI of a guideline version, which is also the name of its named graph. */
    public static Node version(String guidelineId, String versionLabel) {
        return iri(ID + "guideline/" + guidelineId + "/version/" + versionLabel);
    }
}
