package org.guidelinekb.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.util.Resources;
import org.guidelinekb.vocab.GKB;

/**
 * The content shipped inside the server ({@code kb/}) and the ontology graph. The ontology graph is replaced at a
 * start when the stored one was made from other ontology files (it is the server's own model); the content is loaded
 * only into an empty store, so a restart never reloads and never overwrites what a user published.
 */
public final class BundledContent {
    private BundledContent() {}

    /** Every bundled content file, as loadable files named {@code kb/...}. */
    public static List<ContentFile> files() {
        return Resources.list("kb", ".ttl").stream()
                .map(e -> new ContentFile("kb/" + e.relativePath(), e.text().getBytes(StandardCharsets.UTF_8), Lang.TURTLE))
                .toList();
    }

    /** Puts the ontology graph in place and, when the store holds no catalog yet, loads the bundled content. */
    public static LoadReport bootstrap(KnowledgeStore store, QueryLibrary queries, Ontology ontology, ContentLoader loader,
                                       boolean loadContent, Consumer<String> progress) {
        // one lookup on every start; the graph is written only when this build's ontology files differ from the stored one's
        Map<String, Node> fingerprint = Map.of("fingerprint", NodeFactory.createLiteralString(ontology.fingerprint()));
        if (!store.read(r -> r.ask(queries.get("internal/ontology-fingerprint"), fingerprint))) {
            store.write(reader -> reader.ask(queries.get("internal/ontology-fingerprint"), fingerprint)
                    ? ChangeSet.empty()
                    : ChangeSet.builder().replaceGraph(GKB.ontologyGraph, ontology.storedGraph()).build());
        }
        boolean empty = !store.read(r -> r.containsGraph(GKB.catalogGraph));
        if (!loadContent || !empty) return new LoadReport(List.of(), null);
        return loader.load(files(), "gkb-bundled-content", progress);
    }
}
