package org.guidelinekb.hardening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.guidelinekb.vocab.GKB;

/**
 * A canonical summary of a store: for every named graph its triple count and the SHA-256 of its sorted N-Triples.
 * Two stores with equal fingerprints hold the same content.
 *
 * <p>What a write puts in that differs from run to run is left out of the hashes, so that a store can be compared
 * with a reference store that went through the same writes: the provenance graph (activity IRIs are random UUIDs,
 * times are clock readings) counts only its triples; the catalog stamp (a random UUID) is hashed as a constant;
 * blank nodes (labels are store-internal) are hashed as one constant label.
 */
record StoreFingerprint(Map<String, Graph> graphs) {

    /** One graph: its triple count and content hash. */
    record Graph(long triples, String sha256) {
        @Override
        public String toString() {
            return triples + " triples, sha256 " + sha256.substring(0, 12);
        }
    }

    private static final Node STAMP = GKB.term("stamp");

    static StoreFingerprint of(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            Map<String, Graph> out = new TreeMap<>();
            List<Node> names = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining(names::add);
            for (Node g : names) {
                List<String> lines = new ArrayList<>();
                boolean prov = g.equals(GKB.provenanceGraph);
                dsg.getGraph(g).find().forEachRemaining(t -> lines.add(prov ? "" : line(g, t)));
                if (lines.isEmpty()) continue;
                lines.sort(null);
                out.put(g.getURI(), new Graph(lines.size(), sha256(lines)));
            }
            long defaults = dsg.getDefaultGraph().size();
            if (defaults > 0) out.put("(default graph)", new Graph(defaults, "-"));
            return new StoreFingerprint(out);
        });
    }

    private static String line(Node graph, Triple t) {
        if (graph.equals(GKB.catalogGraph) && t.getPredicate().equals(STAMP)) return "<catalog> <stamp> \"(stamp)\" .";
        return term(t.getSubject()) + " " + term(t.getPredicate()) + " " + term(t.getObject()) + " .";
    }

    private static String term(Node n) {
        return n.isBlank() ? "_:b" : NodeFmtLib.strNT(n);
    }

    private static String sha256(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same without the provenance graph (which every successful write extends). */
    StoreFingerprint withoutProvenance() {
        return without(GKB.provenanceGraph.getURI());
    }

    /** The same without one graph. */
    StoreFingerprint without(String graph) {
        Map<String, Graph> out = new TreeMap<>(graphs);
        out.remove(graph);
        return new StoreFingerprint(out);
    }

    /**
     * The exact state, nothing left out: every quad as N-Quads (blank node labels as stored), sorted, hashed. For
     * "nothing changed at all" within one store.
     */
    static String exact(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            List<String> lines = new ArrayList<>();
            dsg.find().forEachRemaining(q -> lines.add(NodeFmtLib.strNQ(q)));
            lines.sort(null);
            return lines.size() + " quads, sha256 " + sha256(lines);
        });
    }

    long triples() {
        return graphs.values().stream().mapToLong(Graph::triples).sum();
    }

    /** The graphs whose summary differs from {@code other}'s, each with both sides, for failure messages. */
    String differences(StoreFingerprint other) {
        StringBuilder sb = new StringBuilder();
        Map<String, Graph> all = new TreeMap<>(graphs);
        other.graphs.forEach(all::putIfAbsent);
        for (String g : all.keySet()) {
            Graph a = graphs.get(g);
            Graph b = other.graphs.get(g);
            if (a == null || !a.equals(b)) sb.append("\n  ").append(g).append(": ").append(a).append(" vs ").append(b);
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    @Override
    public String toString() {
        return graphs.size() + " graphs, " + triples() + " triples";
    }
}
