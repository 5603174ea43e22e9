package org.guidelinekb.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.BufferChannelFile;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.transaction.txn.ComponentIds;
import org.apache.jena.dboe.transaction.txn.Transaction;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.dboe.transaction.txn.TransactionListener;
import org.apache.jena.dboe.transaction.txn.journal.Journal;
import org.apache.jena.dboe.transaction.txn.journal.JournalEntry;
import org.apache.jena.dboe.transaction.txn.journal.JournalEntryType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.DatabaseOps;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.guidelinekb.cli.Main;
import org.guidelinekb.error.StoreUnavailableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * A crash while TDB2 appends to its journal leaves a torn last entry that Jena 5.6.0's recovery cannot read, so the
 * folder would not open; {@link Tdb2Store#open} cuts such a tail off first and refuses a journal damaged elsewhere. The
 * journals, what Jena alone does with each and what the store makes of it are data: {@code store/torn-journals.csv}.
 */
class TestTornJournalTail {
    static final Node BEFORE = NodeFactory.createURI("urn:test:committed-before");
    static final Node WRITE = NodeFactory.createURI("urn:test:the-write");
    static final int TRIPLES = 50;

    @TempDir
    static Path dir;
    /** A data folder as a crash right after a write's prepare leaves it: REDO entries in the journal, no COMMIT. */
    static Path prepared;
    static byte[] redo;
    /** Where each REDO entry starts, and the end of the last one, as Jena's own journal reader finds them. */
    static List<Long> starts = new ArrayList<>();
    static byte[] commit;
    static int copies;

    @BeforeAll
    static void crashAfterPrepare() throws IOException {
        Path live = dir.resolve("live");
        prepared = dir.resolve("prepared");
        try (Tdb2Store store = Tdb2Store.open(live)) {
            store.write(r -> ChangeSet.builder().addAll(BEFORE, graph("before")).build());
            TransactionCoordinator coordinator = TDBInternal.getTransactionCoordinator(store.localDataset().orElseThrow());
            AtomicBoolean armed = new AtomicBoolean(true);
            coordinator.modifyConfig(() -> coordinator.addListener(new TransactionListener() {
                @Override
                public void notifyPrepareFinish(Transaction transaction) {
                    if (armed.getAndSet(false)) copy(live, prepared);
                }
            }));
            store.write(r -> ChangeSet.builder().addAll(WRITE, graph("write")).build());
        }
        redo = Files.readAllBytes(journal(prepared));
        Journal reader = Journal.create(BufferChannelFile.createUnmanaged(journal(prepared).toString(), "r"));
        try {
            for (Iterator<JournalEntry> it = reader.entries(); it.hasNext(); ) {
                JournalEntry e = it.next();
                assertEquals(JournalEntryType.REDO, e.getType());
                starts.add(e.getPosition());
            }
        } finally {
            reader.close();
        }
        starts.add((long) redo.length);
        assertTrue(starts.size() >= 2, "the write's prepare journalled at least one REDO entry");
        Path commitFile = dir.resolve("commit.jrnl");
        Journal writer = Journal.create(BufferChannelFile.create(commitFile.toString()));
        writer.write(JournalEntryType.COMMIT, ComponentIds.idSystem, null);
        writer.sync();
        writer.close();
        commit = Files.readAllBytes(commitFile);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvFileSource(resources = "/store/torn-journals.csv", delimiter = '|', numLinesToSkip = 1)
    void a_crash_journal_opens_as_far_as_it_was_committed(String name, String journal, String jenaAlone, String kept, String committed)
            throws IOException {
        byte[] bytes = bytes(journal);
        boolean damaged = kept.equals("damaged");

        // Jena alone on this journal
        Path plain = crashFolder(bytes);
        if (jenaAlone.equals("opens")) {
            TDBInternal.expel(DatabaseMgr.connectDatasetGraph(Location.create(plain)));
        } else {
            RuntimeException e = assertThrows(RuntimeException.class, () -> DatabaseMgr.connectDatasetGraph(Location.create(plain)));
            assertTrue(messages(e).contains(jenaAlone), "Jena fails with \"" + jenaAlone + "...\", not: " + messages(e));
        }

        // the check alone: the journal after it
        Path checked = crashFolder(bytes);
        if (damaged) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> TornJournalTail.cutBeforeOpen(checked));
            assertTrue(e.getMessage().contains("is damaged at byte"), e.getMessage());
            assertArrayEquals(bytes, Files.readAllBytes(journal(checked)), "a damaged journal is left as it is");
        } else {
            byte[] expected = bytes(kept);
            assertEquals(expected.length < bytes.length, TornJournalTail.cutBeforeOpen(checked).isPresent());
            assertArrayEquals(expected, Files.readAllBytes(journal(checked)), "the journal keeps exactly its whole entries");
        }

        // the store's open: checks, then Jena recovers
        Path opened = crashFolder(bytes);
        if (damaged) {
            assertThrows(StoreUnavailableException.class, () -> Tdb2Store.open(opened));
            assertArrayEquals(bytes, Files.readAllBytes(journal(opened)));
            return;
        }
        try (Tdb2Store store = Tdb2Store.open(opened)) {
            assertEquals(TRIPLES, (int) store.read(r -> r.graph(BEFORE).size()), "the write committed before the crash");
            assertEquals(committed.equals("present") ? TRIPLES : 0, (int) store.read(r -> r.graph(WRITE).size()),
                    "the write in the journal is " + committed);
        }
    }

    @Test
    void a_damaged_journal_stops_the_command_with_one_line_and_exit_code_2() throws IOException {
        Path folder = crashFolder(bytes("F! C"));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"backup", "--data", folder.toString(), "--out", dir.resolve("b.nq.gz").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(Main.FAILURE, code, err.toString());
        assertTrue(err.toString().startsWith("gkb: the TDB2 journal " + journal(folder) + " ("), err.toString());
        assertTrue(err.toString().contains("is damaged at byte 0 (an entry whose checksum does not match"), err.toString());
        assertTrue(err.toString().strip().endsWith("(503 store-unavailable)"), err.toString());
    }

    /** The journal the tokens of the table spell. */
    static byte[] bytes(String tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String token : tokens.trim().split("\\s+")) {
            if (token.equals("-")) continue;
            String[] part = token.split(":");
            String base = part[0].replace("!", "");
            byte[] b = switch (base) {
                case "R" -> redo;
                case "R-" -> Arrays.copyOf(redo, Math.toIntExact(starts.get(starts.size() - 2)));
                case "F" -> Arrays.copyOfRange(redo, 0, Math.toIntExact(starts.get(1)));
                case "L" -> Arrays.copyOfRange(redo, Math.toIntExact(starts.get(starts.size() - 2)), redo.length);
                case "C" -> commit.clone();
                case "Z" -> new byte[0];
                default -> throw new IllegalArgumentException("unknown journal token " + token);
            };
            if (base.equals("Z")) b = new byte[Integer.parseInt(part[1])];
            else if (part.length > 1) {
                int n = Integer.parseInt(part[1]);
                b = Arrays.copyOf(b, n >= 0 ? n : b.length + n);
            }
            if (part[0].endsWith("!")) b[b.length - 1] ^= 0x5a;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** A copy of the prepared folder with {@code journal} as its journal. */
    static Path crashFolder(byte[] journal) throws IOException {
        Path folder = dir.resolve("crash-" + ++copies);
        copy(prepared, folder);
        Files.write(journal(folder), journal);
        return folder;
    }

    static Path journal(Path folder) {
        return DatabaseOps.findStorageLocation(folder).resolve(TornJournalTail.JOURNAL);
    }

    static Graph graph(String label) {
        Graph g = GraphFactory.createDefaultGraph();
        for (int i = 0; i < TRIPLES; i++) {
            g.add(NodeFactory.createURI("urn:test:" + label + "/" + i), NodeFactory.createURI("urn:test:p"), NodeFactory.createLiteralString(label + i));
        }
        return g;
    }

    /**
     * Copies a data folder file by file, without its lock files, leaving zero blocks unwritten: TDB2's files are mostly
     * holes (each index file is mapped in 8 MB pieces), so a plain copy would write ~200 MB per folder.
     */
    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else if (!f.getFileName().toString().equals("tdb.lock")) copySparse(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copySparse(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(1 << 16);
            long pos = 0;
            for (int n; (n = in.read(block.clear(), pos)) > 0; pos += n) {
                block.flip();
                boolean zero = true;
                for (int i = 0; i < n && zero; i++) zero = block.get(i) == 0;
                if (!zero) out.write(block, pos);
            }
            if (out.size() < pos) out.write(ByteBuffer.allocate(1), pos - 1);
        }
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) all.append(t).append(" | ");
        return all.toString();
    }
}
