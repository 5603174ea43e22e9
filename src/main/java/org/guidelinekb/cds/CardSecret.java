package org.guidelinekb.cds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server secret that keys card uuids ({@link CardIds}): 32 random bytes, Base64, in {@value #FILE} of the data
 * folder, created on first start with mode 600 (owner read/write only) and read on every later start, so cards issued
 * before a restart still take feedback. Replicas that share a store must share this file. Without a data folder
 * (in-memory store) the secret lives only as long as the process.
 */
public final class CardSecret {
    public static final String FILE = "cds-card-secret";
    private static final int BYTES = 32;

    private CardSecret() {}

    /** A fresh secret that is never written anywhere. */
    public static byte[] ephemeral() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The secret in {@code dataDir}, created there (mode 600) when missing. */
    public static byte[] load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) create(file);
            byte[] b = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (b.length < BYTES) throw new IllegalStateException(file + ": the CDS card secret must hold at least " + BYTES + " bytes (Base64)");
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the CDS card secret " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": the CDS card secret is not Base64", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] content = Base64.getEncoder().encode(ephemeral());
        Path tmp = file.resolveSibling(FILE + ".tmp-" + ProcessHandle.current().pid());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.createLink(file, tmp); // atomic, and fails when another process made the file first
            } catch (FileAlreadyExistsException e) {
                // another start won the race; its secret is the one
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
                return;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
