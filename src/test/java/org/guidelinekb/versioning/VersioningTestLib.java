package org.guidelinekb.versioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.guidelinekb.App;
import org.guidelinekb.AppConfig;

/** Fixtures and helpers shared by the versioning tests. */
final class VersioningTestLib {
    private VersioningTestLib() {}

    static final Path FIXTURES = Path.of("src/test/resources/versioning");
    static final String TOKEN = "test-admin-token-0123456789";
    static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

    /** A test server configuration with the admin token. */
    static AppConfig withToken() {
        return AppConfig.forTests().toBuilder().adminToken(TOKEN).build();
    }

    /** Every scenario folder (one per version pair). */
    static List<Path> scenarios() {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("from.ttl"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture file as a draft body: its lifecycle status line removed (the server sets draft). */
    static String draft(Path p) {
        return read(p).replaceAll("gkb:lifecycleStatus status:\\w+ ;", "");
    }

    /** Every quad of the store, sorted, as N-Quads lines: equal dumps mean an unchanged store. */
    static List<String> dump(App app) {
        DatasetGraph dsg = app.kb().store().localDataset().orElseThrow();
        return Txn.calculateRead(dsg, () -> {
            List<String> out = new ArrayList<>();
            dsg.find().forEachRemaining(q -> out.add(NodeFmtLib.strNQ(q)));
            out.sort(null);
            return out;
        });
    }
}
