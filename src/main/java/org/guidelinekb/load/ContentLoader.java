package org.guidelinekb.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.Consumer;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.ValidationException;
import org.guidelinekb.error.ValidationException.Violation;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;
import org.guidelinekb.vocab.PROV;
import org.guidelinekb.util.Parallel;

/**
 * Validates and loads content files: every file is checked before anything is written, then all files go in as
 * one transaction, with a PROV activity naming the files, their SHA-256 and the agent. Loading content the store
 * already holds changes nothing (and records nothing). A published version (active or retired) is immutable:
 * loading different content for it is refused.
 */
public final class ContentLoader {
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final ContentValidator validator;
    private final boolean writeWhileValidating;

    public ContentLoader(KnowledgeStore store, QueryLibrary queries, ContentValidator validator) {
        this(store, queries, validator, false);
    }

    private ContentLoader(KnowledgeStore store, QueryLibrary queries, ContentValidator validator, boolean writeWhileValidating) {
        this.store = store;
        this.queries = queries;
        this.validator = validator;
        this.writeWhileValidating = writeWhileValidating;
    }

    /**
     * This loader, writing while it validates (see {@link #load}): for a process that does nothing but load
     * ({@code gkb load}). A server's loads validate first, so that a large load does not hold the store's one write
     * transaction (and every other write) for the time of its validation.
     */
    public ContentLoader writingWhileValidating() {
        return new ContentLoader(store, queries, validator, true);
    }

    /**
     * Parses and validates; throws {@link ValidationException} listing every violation of every file. The
     * violation checks see the knowledge base as it would be after loading these files (with a store) or the files
     * on their own (without one: {@code gkb validate}).
     */
    public List<ParsedContent> check(List<ContentFile> files, Consumer<String> progress) {
        List<ParsedContent> parsed = parse(files, progress);
        requireNone(violations(parsed, progress));
        return parsed;
    }

    /** Parses every file and finds its root; refuses two files with the same root. */
    private List<ParsedContent> parse(List<ContentFile> files, Consumer<String> progress) {
        return startParsing(files, queries, progress).get();
    }

    /**
     * Starts parsing {@code files} on the pool and returns at once, so that a caller can open the store meanwhile;
     * {@code get()} waits for every file and its root, and refuses two files with the same root.
     */
    public static Supplier<List<ParsedContent>> startParsing(List<ContentFile> files, QueryLibrary queries, Consumer<String> progress) {
        long start = System.nanoTime();
        AtomicLong end = new AtomicLong(start);
        Supplier<List<ParsedContent>> parsing = Parallel.start(files, f -> {
            progress.accept("parsing " + f.name());
            ParsedContent p = ParsedContent.parse(f, queries);
            end.accumulateAndGet(System.nanoTime(), Math::max);
            return p;
        });
        return () -> {
            List<ParsedContent> parsed = parsing.get();
            long triples = parsed.stream().mapToLong(p -> p.graph().size()).sum();
            progress.accept("parsed " + files.size() + " file(s), " + triples + " triples" + Rate.of(triples, start, end.get()));
            Set<Node> roots = new HashSet<>();
            for (ParsedContent p : parsed) {
                if (!roots.add(p.root())) {
                    throw new InvalidInputException(p.file().name() + ": another file in this load also holds " + p.root().getURI());
                }
            }
            return parsed;
        };
    }

    /** Every violation of the shapes and checks (the checks seeing the store as it is, when there is one). */
    private List<Violation> violations(List<ParsedContent> parsed, Consumer<String> progress) {
        return store == null ? validator.validateBatch(parsed, null)
                : store.read(r -> validator.validateBatch(parsed, r, progress));
    }

    private static void requireNone(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations.size() + " violation(s) of the knowledge model; nothing was written", violations);
        }
    }

    /**
     * Validates and loads, all-or-nothing. {@linkplain #writingWhileValidating() Writing while validating}, the
     * validation runs on its own thread beside the write: the files are applied inside the write transaction
     * meanwhile, which commits only once the validation has found nothing and otherwise aborts with the
     * {@link ValidationException}, as when the validation runs first. A refusal of the write itself (a published
     * version) counts only when the validation passes, so the answer does not depend on timing.
     */
    public LoadReport load(List<ContentFile> files, String agent, Consumer<String> progress) {
        return load(startParsing(files, queries, progress), agent, progress);
    }

    /** As {@link #load(List, String, Consumer)}, for files whose parsing {@link #startParsing} started. */
    public LoadReport load(Supplier<List<ParsedContent>> parsing, String agent, Consumer<String> progress) {
        List<ParsedContent> parsed = parsing.get();
        if (!writeWhileValidating) {
            requireNone(violations(parsed, progress));
            return write(parsed, agent, progress, () -> {});
        }
        Supplier<List<Violation>> validation = Parallel.aside("gkb-load-validation", () -> violations(parsed, progress));
        Runnable validated = () -> requireNone(validation.get());
        try {
            return write(parsed, agent, progress, validated);
        } finally {
            // a write that failed on its own leaves the validation reading: let it end before the caller closes the store
            try {
                validation.get();
            } catch (RuntimeException ignored) { // the write's own failure is the answer
            }
        }
    }

    /** The write of {@link #load}: commits only when {@code validated} returns (it throws to abort). */
    private LoadReport write(List<ParsedContent> parsed, String agent, Consumer<String> progress, Runnable validated) {
        List<LoadReport.FileResult> results = new ArrayList<>();
        String[] activity = {null};
        progress.accept("writing " + parsed.size() + " file(s)" + (writeWhileValidating ? " while they are validated" : ""));
        long start = System.nanoTime();
        Function<StoreReader, ChangeSet> plan = reader -> {
            try {
                return plan(reader, parsed, agent, results, activity);
            } catch (RuntimeException e) {
                validated.run(); // a violation is the answer when there is one
                throw e;
            }
        };
        ChangeSet written = store.write(plan, () -> {
            if (writeWhileValidating) progress.accept("applied the write" + Rate.since(start) + "; it commits once the files are valid");
            validated.run();
        });
        long quads = written.addQuads().size() + written.replaceGraphs().values().stream().mapToLong(Graph::size).sum();
        progress.accept("wrote " + quads + " quads in one transaction" + Rate.of(quads, start));
        return new LoadReport(List.copyOf(results), activity[0]);
    }

    /** Plans the write of {@code parsed}: content the store holds already changes nothing. */
    private ChangeSet plan(StoreReader reader, List<ParsedContent> parsed, String agent, List<LoadReport.FileResult> results, String[] activity) {
        results.clear();
        ChangeSet.Builder changes = ChangeSet.builder();
        List<ParsedContent> loaded = new ArrayList<>();
        for (ParsedContent p : parsed) {
            boolean same = reader.containsGraph(p.root()) && reader.graph(p.root()).isIsomorphicWith(p.graph());
            if (!same) {
                if (p.isVersion()) planVersion(reader, p, changes);
                else changes.replaceGraph(p.root(), p.graph());
                loaded.add(p);
            }
            results.add(new LoadReport.FileResult(p.file().name(), p.root().getURI(), p.rootType().getLocalName(),
                    same ? "unchanged" : "loaded", p.graph().size(), p.file().sha256()));
        }
        if (loaded.isEmpty()) return ChangeSet.empty();
        activity[0] = recordActivity(changes, "load", agent, loaded);
        newStamp(reader, changes);
        return changes.build();
    }

    private void planVersion(StoreReader reader, ParsedContent p, ChangeSet.Builder changes) {
        Node status = versionStatus(reader, p.root());
        if (status != null && !GKB.statusDraft.equals(status)) {
            throw new ConflictException(p.file().name() + ": version " + p.root().getURI() + " is published ("
                    + status.getURI().substring(status.getURI().lastIndexOf('/') + 1)
                    + ") and published versions are immutable; publish a new version instead");
        }
        changes.replaceGraph(p.root(), p.graph());
        replaceCatalogEntry(reader, p.root(), catalogEntry(p.graph()), changes);
    }

    /** The lifecycle status of a stored version, or null when the store does not hold it. */
    public Node versionStatus(StoreReader reader, Node version) {
        var rows = reader.select(queries.get("internal/version-status"), Map.of("version", version));
        return rows.hasNext() ? rows.next().get("status") : null;
    }

    /**
     * The catalog triples of a version, taken from its content graph, with every blank node replaced by a fresh
     * skolem IRI ({@value #SKOLEM}...). A catalog entry is deleted triple by triple when its version is replaced or
     * deleted, and a remote store can only delete a triple it can name: a blank node read back from a SPARQL endpoint
     * names nothing in the store (and SPARQL Update refuses one in a DELETE template), so such a draft could be
     * created but never deleted.
     */
    public Graph catalogEntry(Graph versionContent) {
        Graph entry = QueryExec.dataset(DatasetGraphFactory.wrap(versionContent)).query(queries.get("internal/catalog-entry")).construct();
        Map<Node, Node> skolems = new java.util.HashMap<>();
        java.util.function.UnaryOperator<Node> named =
                n -> n.isBlank() ? skolems.computeIfAbsent(n, b -> NodeFactory.createURI(SKOLEM + UUID.randomUUID())) : n;
        Graph out = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        entry.find().forEachRemaining(t -> out.add(named.apply(t.getSubject()), t.getPredicate(), named.apply(t.getObject())));
        return out;
    }

    /** Where the skolem IRIs of catalog entries live (RDF 1.1 Concepts 3.5: a well-known genid path). */
    public static final String SKOLEM = GKB.ID + ".well-known/genid/";

    /** Plans the replacement of a version's catalog entry by {@code entry} (empty entry = remove the version). */
    public void replaceCatalogEntry(StoreReader reader, Node version, Graph entry, ChangeSet.Builder changes) {
        Graph old = reader.construct(queries.get("internal/catalog-entry-stored"), Map.of("version", version));
        if (entry.isEmpty()) {
            // the version goes away: so do its guideline and sections when nothing else in the catalog needs them
            reader.construct(queries.get("internal/catalog-orphans"), Map.of("version", version)).find().forEachRemaining(old::add);
        }
        old.find().forEachRemaining(t -> changes.delete(Quad.create(GKB.catalogGraph, t)));
        changes.addAll(GKB.catalogGraph, entry);
    }

    /** Plans a new catalog stamp: replicas and caches rebuild when it changes. */
    public void newStamp(StoreReader reader, ChangeSet.Builder changes) {
        Node stampProp = GKB.term("stamp");
        var rows = reader.select(queries.get("internal/catalog-stamp"), Map.of());
        while (rows.hasNext()) changes.delete(Quad.create(GKB.catalogGraph, GKB.catalogGraph, stampProp, rows.next().get("stamp")));
        changes.add(Quad.create(GKB.catalogGraph, GKB.catalogGraph, stampProp, NodeFactory.createLiteralString(UUID.randomUUID().toString())));
    }

    /**
     * Plans a PROV activity for a write: when, who (the agent label, never a secret), which inputs with their
     * SHA-256, which graphs they produced. Returns the activity IRI.
     */
    public String recordActivity(ChangeSet.Builder changes, String label, String agent, List<ParsedContent> inputs) {
        Node g = GKB.provenanceGraph;
        String id = GKB.ID + "activity/" + UUID.randomUUID();
        Node act = NodeFactory.createURI(id);
        Node now = NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime);
        changes.add(Quad.create(g, act, RDF.type.asNode(), PROV.Activity));
        changes.add(Quad.create(g, act, RDFS.label.asNode(), NodeFactory.createLiteralString(label)));
        changes.add(Quad.create(g, act, PROV.startedAtTime, now));
        changes.add(Quad.create(g, act, PROV.endedAtTime, now));
        Node agentNode = NodeFactory.createURI(GKB.ID + "agent/" + agent.replaceAll("[^A-Za-z0-9._-]", "_"));
        changes.add(Quad.create(g, act, PROV.wasAssociatedWith, agentNode));
        changes.add(Quad.create(g, agentNode, RDF.type.asNode(), PROV.Agent));
        changes.add(Quad.create(g, agentNode, RDFS.label.asNode(), NodeFactory.createLiteralString(agent)));
        int n = 0;
        for (ParsedContent p : inputs) {
            Node used = NodeFactory.createURI(id + "/input/" + (++n));
            changes.add(Quad.create(g, act, PROV.used, used));
            changes.add(Quad.create(g, used, RDF.type.asNode(), PROV.Entity));
            changes.add(Quad.create(g, used, DCTerms.title.asNode(), NodeFactory.createLiteralString(p.file().name())));
            changes.add(Quad.create(g, used, GKB.sha256, NodeFactory.createLiteralString(p.file().sha256())));
            changes.add(Quad.create(g, used, GKB.loadedGraph, p.root()));
            changes.add(Quad.create(g, act, PROV.generated, p.root()));
        }
        return id;
    }
}
