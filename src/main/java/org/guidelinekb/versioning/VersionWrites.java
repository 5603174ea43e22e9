package org.guidelinekb.versioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.error.ValidationException;
import org.guidelinekb.error.ValidationException.Violation;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.ParsedContent;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;
import org.guidelinekb.vocab.PROV;

/**
 * The version lifecycle: create, replace and delete drafts; publish (draft → active) and retire (active → retired).
 *
 * <p>Every write is one store transaction whose plan re-reads the version's status inside the transaction (so the
 * "published versions are immutable" check cannot race), records a PROV activity (who: the caller's label; when;
 * the input's SHA-256), renews the catalog stamp, and after commit tells the knowledge base that content changed.
 * Content is validated against the model before anything is written; a failure writes nothing.
 */
public final class VersionWrites {
    private static final Node INVALIDATED = GKB.iri(PROV.NS + "invalidated");

    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final ContentLoader loader;
    private final CatalogReader catalog;
    private final Consumer<java.util.Set<Node>> contentChanged;

    public VersionWrites(KnowledgeStore store, QueryLibrary queries, ContentLoader loader, CatalogReader catalog,
                         Consumer<java.util.Set<Node>> contentChanged) {
        this.store = Objects.requireNonNull(store);
        this.queries = Objects.requireNonNull(queries);
        this.loader = Objects.requireNonNull(loader);
        this.catalog = Objects.requireNonNull(catalog);
        this.contentChanged = Objects.requireNonNull(contentChanged);
    }

    /** Creates a draft from a Turtle, TriG or JSON-LD body; 409 when the version already exists. */
    public WriteResult create(String guideline, ContentFile body, String agent) {
        ParsedContent p = VersionBody.identify(guideline, null, body, queries);
        String label = VersionBody.label(p.graph(), p.root());
        store.read(reader -> requireAbsent(reader, guideline, label, p.root()));   // fail fast, before validating
        validate(p);
        String activity = recordedWrite(agent, reader -> {
            requireAbsent(reader, guideline, label, p.root());
            ChangeSet.Builder c = ChangeSet.builder().replaceGraph(p.root(), p.graph());
            loader.replaceCatalogEntry(reader, p.root(), loader.catalogEntry(p.graph()), c);
            return new Plan(c, "create draft " + guideline + " " + label, List.of(p));
        });
        return new WriteResult(guideline, label, p.root().getURI(), "draft", activity, List.of());
    }

    /** Replaces a draft's content; 404 when unknown, 409 when published. */
    public WriteResult replace(String guideline, String version, ContentFile body, String agent) {
        Node v = GKB.version(guideline, version);
        store.read(reader -> requireDraft(reader, guideline, version, v, "replaced"));
        ParsedContent p = VersionBody.identify(guideline, version, body, queries);
        validate(p);
        String activity = recordedWrite(agent, reader -> {
            requireDraft(reader, guideline, version, v, "replaced");
            ChangeSet.Builder c = ChangeSet.builder().replaceGraph(v, p.graph());
            loader.replaceCatalogEntry(reader, v, loader.catalogEntry(p.graph()), c);
            return new Plan(c, "replace draft " + guideline + " " + version, List.of(p));
        });
        return new WriteResult(guideline, version, v.getURI(), "draft", activity, List.of());
    }

    /** Deletes a draft (its graph and catalog entry); 404 when unknown, 409 when published. */
    public WriteResult delete(String guideline, String version, String agent) {
        Node v = GKB.version(guideline, version);
        String activity = recordedWrite(agent, reader -> {
            requireDraft(reader, guideline, version, v, "deleted");
            ChangeSet.Builder c = ChangeSet.builder().dropGraph(v);
            loader.replaceCatalogEntry(reader, v, GraphFactory.createDefaultGraph(), c);
            return new Plan(c, "delete draft " + guideline + " " + version, List.of(),
                    act -> c.add(Quad.create(GKB.provenanceGraph, act, INVALIDATED, v)));
        });
        return new WriteResult(guideline, version, v.getURI(), "deleted", activity, List.of());
    }

    /**
     * Publishes a draft. The content is validated again (the model may have changed since it was saved), a version
     * needs an effective date, and no other published version of the guideline may have the same one (as-of could
     * not choose). The draft becomes active and the active version(s) of the guideline become retired, unless an
     * active version is effective later: then this (older) version enters the history as retired and the current
     * version stays.
     */
    public WriteResult publish(String guideline, String version, String agent) {
        Node v = GKB.version(guideline, version);
        String[] status = {null};
        List<String> retired = new ArrayList<>();
        String activity = recordedWrite(agent, reader -> {
            retired.clear();
            requireDraft(reader, guideline, version, v, "published");
            Catalog cat = catalog.read(reader);
            VersionInfo me = cat.resolve(guideline, VersionSelector.label(version));
            Graph content = reader.graph(v);
            if (me.effectiveFrom() == null) {
                throw new ValidationException("version '" + version + "' has no effective date; nothing was published",
                        List.of(new Violation(null, v.getURI(), "gkb:effectiveFrom", "a published version needs gkb:effectiveFrom", "publish")));
            }
            List<VersionInfo> published = cat.guideline(guideline).versions().stream().filter(VersionInfo::isPublished).toList();
            for (VersionInfo o : published) {
                if (me.effectiveFrom().equals(o.effectiveFrom())) {
                    throw new ConflictException("version '" + o.label() + "' of '" + guideline + "' is already published with the same effective date "
                            + o.effectiveFrom() + "; as-of queries could not choose between them. Change gkb:effectiveFrom of the draft");
                }
            }
            List<VersionInfo> active = published.stream().filter(o -> o.status().equals("active")).toList();
            boolean older = active.stream().anyMatch(o -> o.effectiveFrom() != null && o.effectiveFrom().isAfter(me.effectiveFrom()));
            Node newStatus = older ? GKB.statusRetired : GKB.statusActive;
            status[0] = code(newStatus);

            Graph after = withStatus(content, v, newStatus);
            // Validate the knowledge base as it will be after the publish: this version with its new status, and the
            // versions it retires with theirs.
            ContentFile snapshot = new ContentFile(v.getURI() + " (N-Triples, sorted)", VersionBody.ntriples(after), Lang.NTRIPLES);
            List<ContentFile> check = new ArrayList<>(List.of(snapshot));
            ChangeSet.Builder c = ChangeSet.builder();
            setStatus(c, v, GKB.statusDraft, newStatus);
            if (!older) {
                for (VersionInfo o : active) {
                    Node other = GKB.iri(o.iri());
                    setStatus(c, other, GKB.statusActive, GKB.statusRetired);
                    retired.add(o.label());
                    check.add(new ContentFile(o.iri() + " (retired)", VersionBody.ntriples(withStatus(reader.graph(other), other, GKB.statusRetired)),
                            Lang.NTRIPLES));
                }
            }
            try {
                loader.check(check, msg -> { });
            } catch (ValidationException e) {
                throw new ValidationException(e.violations().size() + " violation(s) of the knowledge model; the draft stays a draft, "
                        + "nothing was written", e.violations());
            }
            return new Plan(c, "publish " + guideline + " " + version + " as " + status[0]
                    + (retired.isEmpty() ? "" : "; retire " + String.join(", ", retired)),
                    List.of(new ParsedContent(snapshot, after, v, GKB.GuidelineVersion)));
        });
        return new WriteResult(guideline, version, v.getURI(), status[0], activity, List.copyOf(retired));
    }

    /** Retires an active version; 409 for a draft (delete it instead) or a retired version. */
    public WriteResult retire(String guideline, String version, String agent) {
        Node v = GKB.version(guideline, version);
        String activity = recordedWrite(agent, reader -> {
            Node status = loader.versionStatus(reader, v);
            if (status == null) throw notFound(guideline, version);
            if (!GKB.statusActive.equals(status)) {
                throw new ConflictException("version '" + version + "' of '" + guideline + "' is " + code(status) + ", not active; "
                        + (GKB.statusDraft.equals(status) ? "a draft is not published: delete it instead" : "it is already retired"));
            }
            ChangeSet.Builder c = ChangeSet.builder();
            setStatus(c, v, GKB.statusActive, GKB.statusRetired);
            return new Plan(c, "retire " + guideline + " " + version, List.of());
        });
        return new WriteResult(guideline, version, v.getURI(), "retired", activity, List.of());
    }

    /**
     * What a write's plan gives: its changes, the PROV activity's description and inputs, and what to add once the
     * activity's IRI is known.
     */
    private record Plan(ChangeSet.Builder changes, String description, List<ParsedContent> inputs, Consumer<Node> withActivity) {
        Plan(ChangeSet.Builder changes, String description, List<ParsedContent> inputs) {
            this(changes, description, inputs, activity -> { });
        }
    }

    /**
     * One lifecycle write in one store transaction: the plan (re-read inside it), its PROV activity and a new catalog
     * stamp; after commit the knowledge base is told. Returns the activity's IRI.
     */
    private String recordedWrite(String agent, Function<StoreReader, Plan> plan) {
        String[] activity = {null};
        ChangeSet written = store.write(reader -> {
            Plan p = plan.apply(reader);
            activity[0] = loader.recordActivity(p.changes(), p.description(), agent, p.inputs());
            p.withActivity().accept(NodeFactory.createURI(activity[0]));
            loader.newStamp(reader, p.changes());
            return p.changes().build();
        });
        contentChanged.accept(written.graphs());
        return activity[0];
    }

    /** A copy of a version graph with the version's status replaced. */
    private static Graph withStatus(Graph content, Node version, Node status) {
        Graph out = GraphFactory.createDefaultGraph();
        content.find().forEachRemaining(t -> {
            if (!(t.getSubject().equals(version) && t.getPredicate().equals(GKB.lifecycleStatus))) out.add(t);
        });
        out.add(version, GKB.lifecycleStatus, status);
        return out;
    }

    /** Changes a version's status in its own graph and in the catalog (only the status triple changes). */
    private static void setStatus(ChangeSet.Builder c, Node version, Node from, Node to) {
        for (Node g : List.of(version, GKB.catalogGraph)) {
            c.delete(Quad.create(g, version, GKB.lifecycleStatus, from));
            c.add(Quad.create(g, version, GKB.lifecycleStatus, to));
        }
    }

    private Void requireDraft(StoreReader reader, String guideline, String version, Node v, String verb) {
        Node status = loader.versionStatus(reader, v);
        if (status == null) throw notFound(guideline, version);
        if (!GKB.statusDraft.equals(status)) {
            throw new ConflictException("version '" + version + "' of '" + guideline + "' is published (" + code(status)
                    + ") and published versions are immutable; it cannot be " + verb + ". Publish a new version instead");
        }
        return null;
    }

    private Void requireAbsent(StoreReader reader, String guideline, String label, Node v) {
        Node status = loader.versionStatus(reader, v);
        if (status != null || reader.containsGraph(v)) {
            throw new ConflictException("guideline '" + guideline + "' already has a version '" + label + "'"
                    + (status == null ? "" : " (" + code(status) + ")")
                    + (GKB.statusDraft.equals(status) ? "; replace the draft with PUT" : "; publish a new version with another label"));
        }
        return null;
    }

    /** The loader's checks: the shapes, and the violation queries over the knowledge base as it would be after the write. */
    private void validate(ParsedContent p) {
        loader.check(List.of(new ContentFile(p.file().name(), VersionBody.ntriples(p.graph()), Lang.NTRIPLES)), msg -> { });
    }

    private static NotFoundException notFound(String guideline, String version) {
        return new NotFoundException("guideline '" + guideline + "' has no version '" + version + "'");
    }

    private static String code(Node status) {
        return VersionContentReader.code(status.getURI());
    }
}
