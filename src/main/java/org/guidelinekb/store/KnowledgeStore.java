package org.guidelinekb.store;

import java.util.Optional;
import java.util.function.Function;

import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The one interface to the RDF store. Every read and write of the server goes through it, so a remote SPARQL 1.1
 * store can stand beside embedded TDB2 (ARCHITECTURE.md).
 *
 * <p>Invariants: a {@link #read} sees one consistent state; a {@link #write} is all-or-nothing, and its plan is
 * computed inside the same transaction as the write, so checks such as "a published version is immutable" cannot
 * race with another writer.
 */
public interface KnowledgeStore extends AutoCloseable {

    StoreInfo info();

    /** Runs {@code work} against one consistent snapshot. */
    <T> T read(Function<StoreReader, T> work);

    /**
     * Computes a change set from the current state and applies it atomically; returns the change set applied.
     * Exceptions thrown by {@code plan} abort the write and leave the store unchanged.
     */
    ChangeSet write(Function<StoreReader, ChangeSet> plan);

    /**
     * As {@link #write(Function)}, with {@code gate} run once the changes are in place and before they become
     * visible: after applying them inside the transaction (TDB2), or before sending them (a remote store). An
     * exception from the gate aborts the write, leaving the store unchanged. A caller applies a write this way while
     * work that decides whether it may commit (the validation of a load) is still running.
     */
    default ChangeSet write(Function<StoreReader, ChangeSet> plan, Runnable gate) {
        return write(reader -> {
            ChangeSet changes = plan.apply(reader);
            gate.run();
            return changes;
        });
    }

    /** The local dataset, for the embedded SPARQL endpoint; empty for a remote store. */
    Optional<DatasetGraph> localDataset();

    /** Whether the store answers right now (always true for an embedded store). */
    default boolean reachable() {
        return true;
    }

    @Override
    void close();
}
