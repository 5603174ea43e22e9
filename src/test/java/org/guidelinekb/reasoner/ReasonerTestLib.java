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

    /** The fixture server and the shipped one, started and closed together. */
    record Servers(TestServer fixture, TestServer shipped) implements AutoCloseable {
        static Servers start() {
            TestServer f = fixtureServer();
            try {
                return new Servers(f, shippedServer());
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
        }

        /** The reasoner a case file names with {@code "kb"}: fixture or shipped. */
        Reasoner reasoner(String kb) {
            return (kb.equals("fixture") ? fixture : shipped).app().kb().reasoner();
        }

        @Override
        public void close() {
            fixture.close();
            shipped.close();
        }
    }

    static List<ContentFile> files(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".ttl")).sorted().map(ContentFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
