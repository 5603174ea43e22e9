package org.guidelinekb.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.backup.Backup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gkb backup --out FILE}: the whole store as gzipped N-Quads (stop the server first, or use GET /api/admin/backup). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write the whole store (all graphs) to a gzipped N-Quads file. The server must be stopped "
                + "(the data folder is locked while it runs); for a running server use GET /api/admin/backup.")
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Backup file to write (e.g. kb-backup.nq.gz).")
    Path out;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        AppConfig config = storeOptions.apply(AppConfig.defaults()).withLoadBundled(false);
        try (KnowledgeBase kb = KnowledgeBase.open(config, msg -> { })) {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".gkb-backup", ".tmp");
            long n;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                n = new Backup(kb.store(), kb.queries()).write(os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("backed up %d quads to %s%n", n, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return Main.OK;
    }
}
