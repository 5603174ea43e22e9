package org.guidelinekb.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.store.KnowledgeStore;

/**
 * Backup and restore of a whole store as gzipped N-Quads: every named graph (content, catalog, provenance,
 * feedback), read in one consistent snapshot. Restore goes into an empty store only, in one transaction.
 */
public final class Backup {
    private final KnowledgeStore store;
    private final QueryLibrary queries;

    public Backup(KnowledgeStore store, QueryLibrary queries) {
        this.store = store;
        this.queries = queries;
    }

    /** Writes the store to {@code out} as gzipped N-Quads; returns the number of quads. */
    public long write(OutputStream out) {
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            long n = store.read(r -> {
                StreamRDF w = StreamRDFWriter.getWriterStream(gz, Lang.NQUADS);
                w.start();
                var rows = r.select(queries.get("internal/backup-quads"), Map.of());
                long count = 0;
                while (rows.hasNext()) {
                    Binding b = rows.next();
                    w.quad(Quad.create(b.get("g"), b.get("s"), b.get("p"), b.get("o")));
                    count++;
                }
                w.finish();
                return count;
            });
            gz.finish();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a backup into this store, which must be empty; all or nothing. Returns the number of quads. */
    public long restore(InputStream in) {
        ChangeSet.Builder changes = ChangeSet.builder();
        long[] n = {0};
        try (GZIPInputStream gz = new GZIPInputStream(in)) {
            RDFParser.source(gz).lang(Lang.NQUADS).parse(new StreamRDFBase() {
                @Override public void quad(Quad q) {
                    changes.add(q);
                    n[0]++;
                }
            });
        } catch (IOException | RiotException e) {
            throw new InvalidInputException("not a gkb backup (gzipped N-Quads): " + e.getMessage());
        }
        store.write(r -> {
            if (r.stats().triples() > 0) {
                throw new ConflictException("the target store is not empty; restore into a new --data folder");
            }
            return changes.build();
        });
        return n[0];
    }
}
