package org.guidelinekb.cli;

import java.nio.file.Path;

import org.guidelinekb.AppConfig;

import picocli.CommandLine.Option;

/** The options that choose the store, shared by every command that opens one. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "TDB2 data folder (default: ${DEFAULT-VALUE}; env GKB_DATA).",
            defaultValue = "${env:GKB_DATA:-./data}")
    Path data;

    @Option(names = "--mem", description = "Keep the store in memory (nothing is kept after exit).")
    boolean mem;

    @Option(names = "--no-bundled", negatable = false, description = "Do not load the bundled content into an empty store.")
    boolean noBundled;

    AppConfig apply(AppConfig base) {
        AppConfig c = base.withDataDir(data).withInMemory(mem);
        return c.withLoadBundled(!noBundled);
    }
}
