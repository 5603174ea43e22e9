package org.guidelinekb.vocab;

import org.apache.jena.graph.Node;

/** The PROV-O terms the server writes. */
public final class PROV {
    private PROV() {}

    public static final String NS = "http://www.w3.org/ns/prov#";
    public static final Node Activity = GKB.iri(NS + "Activity");
    public static final Node Agent = GKB.iri(NS + "Agent");
    public static final Node Entity = GKB.iri(NS + "Entity");
    public static final Node startedAtTime = GKB.iri(NS + "startedAtTime");
    public static final Node endedAtTime = GKB.iri(NS + "endedAtTime");
    public static final Node wasAssociatedWith = GKB.iri(NS + "wasAssociatedWith");
    public static final Node used = GKB.iri(NS + "used");
    public static final Node generated = GKB.iri(NS + "generated");
}
