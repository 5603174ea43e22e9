package org.guidelinekb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.ContentValidator;
import org.guidelinekb.load.Ontology;
import org.guidelinekb.load.ParsedContent;
import org.guidelinekb.sparql.QueryLibrary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gkb validate FILE...}: check content against the shapes and violation queries; writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check content files against the knowledge model (SHACL shapes and sparql/checks). Writes nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Content files (.ttl, .trig, .jsonld).")
    List<Path> files;

    @Override
    public Integer call() {
        QueryLibrary queries = QueryLibrary.load();
        ContentLoader checker = new ContentLoader(null, queries, new ContentValidator(Ontology.load(), queries, null));
        List<ParsedContent> ok = checker.check(files.stream().map(ContentFile::read).toList(), Progress.stderr());
        for (ParsedContent p : ok) System.out.printf("valid     %s -> <%s> (%d triples)%n", p.file().name(), p.root().getURI(), p.graph().size());
        return Main.OK;
    }
}
