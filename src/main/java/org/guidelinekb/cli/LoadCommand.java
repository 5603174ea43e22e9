package org.guidelinekb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.LoadReport;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gkb load FILE...}: validate every file, then load them all in one transaction (or nothing). */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Validate content files against the shapes and load them all, or nothing. Loading content the store already holds changes nothing.")
final class LoadCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Content files (.ttl, .trig, .jsonld).")
    List<Path> files;

    @Option(names = "--agent", defaultValue = "${env:USER:-gkb-cli}", description = "Who loads, for provenance (default: ${DEFAULT-VALUE}).")
    String agent;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        List<ContentFile> content = files.stream().map(ContentFile::read).toList();
        AppConfig config = storeOptions.apply(AppConfig.defaults());
        QueryLibrary queries = QueryLibrary.load();
        Consumer<String> progress = Progress.stderr();
        // the files parse on the pool while the store, the ontology and the shapes open
        var parsing = ContentLoader.startParsing(content, queries, progress);
        try (KnowledgeStore store = KnowledgeBase.openStore(config, queries)) {
            // only the loader: a server started later compiles what it serves
            LoadReport report = KnowledgeBase.openLoader(config, store, queries, progress).load(parsing, agent, progress);
            for (LoadReport.FileResult f : report.files()) {
                System.out.printf("%-9s %s -> <%s> (%d triples, sha256 %s)%n", f.status(), f.file(), f.graph(), f.triples(), f.sha256());
            }
            if (report.activity() != null) System.out.println("recorded as <" + report.activity() + ">");
        }
        return Main.OK;
    }
}
