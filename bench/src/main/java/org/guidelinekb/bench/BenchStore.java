package org.guidelinekb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.ParsedContent;
import org.guidelinekb.store.ChangeSet;

/**
 * Benchmark set-up helpers for content files. {@link #putUnvalidated} writes generated version files into a store
 * the way the loader does (version graph and catalog entry, new stamp) but without validating them, so a
 * 10,000-recommendation knowledge base is ready in seconds; the generator's output is validated through the real
 * loader by the smoke test, and validated loading has its own benchmark (load vs tdb2.tdbloader).
 */
public final class BenchStore {
    private BenchStore() {}

    /** Writes version files without validation, in one transaction; then the reasoner and catalog rebuild. */
    public static void putUnvalidated(KnowledgeBase kb, List<Path> files) {
        ContentLoader loader = kb.loader();
        List<ParsedContent> parsed = files.stream().map(f -> ParsedContent.parse(ContentFile.read(f), kb.queries())).toList();
        kb.store().write(reader -> {
            ChangeSet.Builder changes = ChangeSet.builder();
            for (ParsedContent p : parsed) {
                changes.replaceGraph(p.root(), p.graph());
                if (p.isVersion()) loader.replaceCatalogEntry(reader, p.root(), loader.catalogEntry(p.graph()), changes);
            }
            loader.newStamp(reader, changes);
            return changes.build();
        });
        kb.contentChanged();
    }

    /** Every .ttl file under a folder, sorted. */
    public static List<Path> turtleFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".ttl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over the files' bytes in order (a dataset hash for the report). */
    public static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a folder tree (a fresh copy of a TDB2 database for each peer). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (!p.getFileName().toString().equals("tdb.lock")) Files.copy(p, t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder tree if present. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
