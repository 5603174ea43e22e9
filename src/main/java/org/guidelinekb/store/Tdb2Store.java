package org.guidelinekb.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.atlas.lib.tuple.TupleMap;
import org.apache.jena.dboe.base.file.AlreadyLocked;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.guidelinekb.error.StoreUnavailableException;

/**
 * The embedded store: TDB2 on disk (or TDB2 in memory for {@code --mem} and tests). Every access runs in one
 * Jena transaction; this class is the only place that opens one.
 */
public final class Tdb2Store implements KnowledgeStore {
    private final DatasetGraph dsg;
    private final StoreInfo info;

    private Tdb2Store(DatasetGraph dsg, StoreInfo info) {
        this.dsg = dsg;
        this.info = info;
        // The public SPARQL endpoint sees the union of all named graphs as its default graph;
        // the server's own queries always name their graphs.
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
    }

    /**
     * Opens (creating when needed) a TDB2 database in {@code folder}. A folder held by another process fails at once
     * with a one-line message naming the folder and its lock file. A journal whose last entry a crash cut short is cut
     * back to its whole entries first ({@link TornJournalTail}); one damaged elsewhere fails with a one-line message.
     */
    public static Tdb2Store open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            throw new StoreUnavailableException("cannot create data folder " + dir + ": " + e.getMessage(), e);
        }
        TornJournalTail.cutBeforeOpen(dir);
        try {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir));
            return new Tdb2Store(dsg, new StoreInfo("tdb2", dir.toString()));
        } catch (AlreadyLocked e) {
            throw locked(dir, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof AlreadyLocked al) throw locked(dir, al);
            if (String.valueOf(e.getMessage()).contains("lock")) throw locked(dir, e);
            throw e;
        }
    }

    private static StoreUnavailableException locked(Path dir, Exception e) {
        return new StoreUnavailableException("data folder " + dir + " is in use by another process (lock file "
                + dir.resolve("tdb.lock") + "); stop that server or choose another --data folder", e);
    }

    /** A TDB2 database held in memory: same engine, nothing kept after close. */
    public static Tdb2Store inMemory() {
        return new Tdb2Store(DatabaseMgr.createDatasetGraph(), new StoreInfo("tdb2-memory", "memory"));
    }

    @Override
    public StoreInfo info() {
        return info;
    }

    @Override
    public <T> T read(Function<StoreReader, T> work) {
        return Txn.calculateRead(dsg, () -> work.apply(new LocalReader(dsg)));
    }

    @Override
    public ChangeSet write(Function<StoreReader, ChangeSet> plan) {
        return write(plan, () -> {});
    }

    @Override
    public ChangeSet write(Function<StoreReader, ChangeSet> plan, Runnable gate) {
        return Txn.calculateWrite(dsg, () -> {
            ChangeSet changes = plan.apply(new LocalReader(dsg));
            apply(changes);
            gate.run(); // throws to abort: nothing applied above is committed
            return changes;
        });
    }

    private void apply(ChangeSet changes) {
        for (Node g : changes.dropGraphs()) dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        changes.replaceGraphs().forEach((name, content) -> {
            dsg.deleteAny(name, Node.ANY, Node.ANY, Node.ANY);
            addGraph(name, content);
        });
        changes.deleteQuads().forEach(dsg::delete);
        changes.addQuads().forEach(dsg::add);
    }

    /**
     * Adds {@code content} as graph {@code name} (which holds nothing), inside the write transaction: the same quads
     * as adding them one by one ({@code TestTdb2StoreGraphWrite}), with about a fifth less work. Each node is looked
     * up (or allocated) in the node table once, not once per quad, and each index receives all the rows at once,
     * sorted in its own order, so that its B+tree is written leaf after leaf rather than at random.
     */
    private void addGraph(Node name, Graph content) {
        if (Quad.isDefaultGraph(name) || Quad.isUnionGraph(name)) {
            content.find().forEachRemaining(t -> dsg.add(Quad.create(name, t)));
            return;
        }
        NodeTupleTable quads = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        Map<Node, NodeId> ids = new HashMap<>();
        Function<Node, NodeId> id = n -> ids.computeIfAbsent(n, nodes::getAllocateNodeId);
        NodeId graph = id.apply(name);
        List<Tuple<NodeId>> rows = new ArrayList<>();
        content.find().forEachRemaining(t ->
                rows.add(TupleFactory.create4(graph, id.apply(t.getSubject()), id.apply(t.getPredicate()), id.apply(t.getObject()))));
        for (TupleIndex index : quads.getTupleTable().getIndexes()) {
            TupleMap order = index.getMapping();
            rows.sort((a, b) -> {
                for (int i = 0; i < order.length(); i++) {
                    int c = NodeId.compare(order.mapSlot(i, a), order.mapSlot(i, b));
                    if (c != 0) return c;
                }
                return 0;
            });
            index.addAll(rows);
        }
    }

    @Override
    public Optional<DatasetGraph> localDataset() {
        return Optional.of(dsg);
    }

    @Override
    public void close() {
        // expel() syncs, closes the files and releases the folder's lock, so the same folder can be reopened
        // (a restart in the same JVM, as tests do) and by another process.
        TDBInternal.expel(dsg);
    }
}
