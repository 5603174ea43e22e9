package org.guidelinekb.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.Adler32;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.base.file.ProcessFileLock;
import org.apache.jena.tdb2.sys.DatabaseConnection;
import org.apache.jena.tdb2.sys.DatabaseOps;
import org.guidelinekb.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check, before TDB2 opens a data folder, for a TDB2 journal ({@code Data-NNNN/journal.jrnl}) whose last entry was
 * cut short by a crash. Jena 5.6.0's recovery reads the journal entry by entry and throws on an entry it cannot read
 * whole ("Partial read of journal file", "Failed to read the journal entry data: wanted 24 bytes, got -1", "Checksum
 * error"), so the folder would not open again. Such a torn tail is cut off here, back to the end of the last whole
 * entry; TDB2 then replays the committed transactions as usual and drops a last one that has no COMMIT entry.
 *
 * <p>The format (Jena's {@code Journal}): each entry is a 16-byte header — data length (int, big-endian; -1 when there
 * is no data), Adler-32 checksum (int) of the header with this field zero followed by the data, entry type (int: 1
 * REDO, 2 UNDO, 3 COMMIT, 4 ABORT), component id (4 bytes) — then the data. Only the tail is cut: an entry that fails
 * its checksum with more entries after it, an entry of unknown type, or a tail holding a whole COMMIT entry is damage
 * this class does not guess about — it fails with a {@link StoreUnavailableException} and leaves the file as it is.
 */
final class TornJournalTail {
    private static final Logger LOG = LoggerFactory.getLogger(TornJournalTail.class);
    static final String JOURNAL = "journal.jrnl";
    static final int HEADER = 16;
    private static final int COMMIT = 3;
    private static final int TYPES = 4;

    private TornJournalTail() {}

    /**
     * What a scan of a journal found: its {@code size} in bytes, the {@code end} of its last whole entry, and, when
     * {@code end < size}, what the bytes after it are.
     */
    record Scan(long size, long end, String tail) {
        boolean torn() {
            return end < size;
        }
    }

    /**
     * Cuts a torn tail off the journal of the TDB2 database in {@code folder} (its newest {@code Data-NNNN}), when no
     * process holds the folder: this JVM already having it open, or another process holding its lock, leaves the
     * journal alone (Jena then answers as before). Returns the scan when the tail was cut.
     */
    static Optional<Scan> cutBeforeOpen(Path folder) {
        Path storage = DatabaseOps.findStorageLocation(folder);
        Path journal = storage == null ? null : storage.resolve(JOURNAL);
        if (journal == null || !Files.isRegularFile(journal) || size(journal) == 0) return Optional.empty();
        ProcessFileLock lock = DatabaseConnection.lockForLocation(Location.create(folder));
        if (lock.isLockedHere()) return Optional.empty();
        try {
            if (!lock.tryLock()) return Optional.empty();
            Scan scan = scan(journal);
            if (!scan.torn()) return Optional.empty();
            try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                ch.truncate(scan.end());
                ch.force(true);
            }
            LOG.warn("TDB2 journal {}: cut off a torn tail left by a crash: {} bytes at offset {} ({}); {} bytes of whole entries kept",
                    journal, scan.size() - scan.end(), scan.end(), scan.tail(), scan.end());
            return Optional.of(scan);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot check the TDB2 journal " + journal + ": " + e.getMessage(), e);
        } finally {
            ProcessFileLock.release(lock); // unlocks; Jena takes the lock afresh when it opens the folder
        }
    }

    /** Reads the journal entry by entry as Jena's recovery does; throws on damage that is not a torn tail. */
    static Scan scan(Path journal) throws IOException {
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            while (pos < size) {
                long left = size - pos;
                if (left < HEADER) return new Scan(size, pos, left + " bytes of a " + HEADER + "-byte entry header");
                ByteBuffer header = read(ch, pos, HEADER);
                int length = Math.max(header.getInt(0), 0);
                if (length > left - HEADER) {
                    return tail(journal, ch, pos, "an entry header announcing " + length + " data bytes, " + (left - HEADER) + " present");
                }
                long end = pos + HEADER + length;
                if (!checksumMatches(header, read(ch, pos + HEADER, length))) {
                    if (end == size) return tail(journal, ch, pos, "a last entry whose checksum does not match");
                    if (allZero(read(ch, pos, left))) return new Scan(size, pos, "zero bytes");
                    throw damaged(journal, size, pos, "an entry whose checksum does not match, with " + (size - end) + " bytes after it");
                }
                int type = header.getInt(8);
                if (type < 1 || type > TYPES) throw damaged(journal, size, pos, "an entry of unknown type " + type);
                pos = end;
            }
            return new Scan(size, size, null);
        }
    }

    /** A tail from {@code pos}: cut, unless a whole COMMIT entry lies in it (then a length field is damaged, not torn). */
    private static Scan tail(Path journal, FileChannel ch, long pos, String what) throws IOException {
        long size = ch.size();
        ByteBuffer bytes = read(ch, pos, size - pos);
        for (int at = 0; at + HEADER <= bytes.limit(); at++) {
            ByteBuffer header = bytes.slice(at, HEADER);
            if (header.getInt(0) < 0 && header.getInt(8) == COMMIT && checksumMatches(header, ByteBuffer.allocate(0))) {
                throw damaged(journal, size, pos, what + ", followed by a whole COMMIT entry at byte " + (pos + at));
            }
        }
        return new Scan(size, pos, what);
    }

    private static boolean checksumMatches(ByteBuffer header, ByteBuffer data) {
        byte[] h = new byte[HEADER];
        header.get(0, h);
        for (int i = 4; i < 8; i++) h[i] = 0;
        Adler32 adler = new Adler32();
        adler.update(h);
        adler.update(data.duplicate());
        return (int) adler.getValue() == header.getInt(4);
    }

    private static boolean allZero(ByteBuffer bytes) {
        for (int i = 0; i < bytes.limit(); i++) if (bytes.get(i) != 0) return false;
        return true;
    }

    private static ByteBuffer read(FileChannel ch, long pos, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) throw new IOException("journal region of " + length + " bytes at offset " + pos + " is too long to read");
        ByteBuffer bb = ByteBuffer.allocate((int) length);
        while (bb.hasRemaining()) {
            if (ch.read(bb, pos + bb.position()) < 0) throw new IOException("journal ended at offset " + (pos + bb.position()));
        }
        return bb.flip();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the TDB2 journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static StoreUnavailableException damaged(Path journal, long size, long pos, String what) {
        return new StoreUnavailableException("the TDB2 journal " + journal + " (" + size + " bytes) is damaged at byte " + pos
                + " (" + what + "); it may hold committed writes, so it was left as it is and the store was not opened. "
                + "Keep a copy of the data folder and restore the latest backup into a new folder (docs/operations.md, Backup and restore)");
    }
}
