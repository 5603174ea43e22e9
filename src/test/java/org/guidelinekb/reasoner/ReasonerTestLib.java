package org.guidelinekb.reasoner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.AppConfig;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.testing.TestServer;

/** Servers for reasoner tests: one over the fixture guideline versions only, one over the shipped content. */
final class ReasonerTestLib {
    static final Path RESOURCES = Path.of("src/test/resources/reasoner");

    private ReasonerTestLib() {}

    /** A real server (port 0, in-memory TDB2) holding only the fixture guideline (versions 1 and 2). */
    static TestServer fixtureServer() {
        TestServer s = TestServer.start(AppConfig.forTests().toBuilder().loadBundled(false).build());
        try {
            s.app().kb().load(files(RESOURCES.resolve("fixtures")), "reasoner-tests", m -> { });
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A real server with the bundled content (ontology/ and kb/). */
    static TestServer shippedServer() {
        return TestServer.start();
    }

    static List<ContentFile> files(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".ttl")).sorted().map(ContentFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
