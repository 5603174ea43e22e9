package org.guidelinekb.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.jena.riot.Lang;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.util.Resources;
import org.guidelinekb.vocab.GKB;

/**
 * The content shipped inside the server ({@code kb/}) and the ontology graph. The ontology graph is refreshed at
 * every start (it is the server's own model); the content is loaded only into an empty store, so a restart never
 * reloads and never overwrites what a user published.
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
    public static LoadReport bootstrap(KnowledgeStore store, Ontology ontology, ContentLoader loader, boolean loadContent,
                                       Consumer<String> progress) {
        store.write(reader -> reader.graph(GKB.ontologyGraph).isIsomorphicWith(ontology.graph())
                ? ChangeSet.empty()
                : ChangeSet.builder().replaceGraph(GKB.ontologyGraph, ontology.graph()).build());
        boolean empty = !store.read(r -> r.containsGraph(GKB.catalogGraph));
        if (!loadContent || !empty) return new LoadReport(List.of(), null);
        return loader.load(files(), "gkb-bundled-content", progress);
    }
}
