package org.guidelinekb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.backup.Backup;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gkb restore FILE --data NEWDIR}: load a backup into an empty store. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Load a backup (gzipped N-Quads from 'gkb backup') into an empty store, all or nothing.")
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        // never load the bundled content first: the backup is the whole store
        AppConfig config = storeOptions.apply(AppConfig.defaults()).withLoadBundled(false);
        try (InputStream in = Files.newInputStream(file)) {
            long n;
            QueryLibrary queries = QueryLibrary.load();
            try (KnowledgeStore store = KnowledgeBase.openStore(config, queries)) {
                n = new Backup(store, queries).restore(in);
            }
            System.out.printf("restored %d quads from %s%n", n, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Main.OK;
    }
}
