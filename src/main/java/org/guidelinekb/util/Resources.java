package org.guidelinekb.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the folders bundled as resources ({@code sparql/}, {@code ontology/}, {@code kb/}) the same way whether
 * the server runs from {@code target/classes} or from {@code gkb.jar}.
 */
public final class Resources {
    private Resources() {}

    /** One bundled file: its path relative to the folder root (with '/' separators) and its text. */
    public record Entry(String relativePath, String text) {}

    /** Every file under {@code folder} whose name ends with {@code suffix}, sorted by path. */
    public static List<Entry> list(String folder, String suffix) {
        return list(Resources.class.getClassLoader(), folder, suffix);
    }

    /** The same from {@code loader}'s class path (a folder or a jar). */
    static List<Entry> list(ClassLoader loader, String folder, String suffix) {
        URL url = loader.getResource(folder);
        if (url == null) return List.of();
        try {
            if (url.openConnection() instanceof JarURLConnection jar) return list(jar.getJarFile(), folder + "/", suffix);
            Path root = Path.of(url.toURI());
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    if (rel.endsWith(suffix)) out.add(new Entry(rel, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The entries of the jar the class loader already has open (its central directory is shared, not read again),
     * never mounting the jar as a file system: that reads and indexes all of its ~45,000 entries and cost a visible
     * part of start-up.
     */
    private static List<Entry> list(JarFile jar, String prefix, String suffix) throws IOException {
        List<JarEntry> entries = jar.stream()
                .filter(e -> !e.isDirectory() && e.getName().startsWith(prefix) && e.getName().endsWith(suffix))
                .sorted(java.util.Comparator.comparing(JarEntry::getName)).toList();
        List<Entry> out = new ArrayList<>();
        for (JarEntry e : entries) {
            try (var in = jar.getInputStream(e)) {
                out.add(new Entry(e.getName().substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The text of one bundled file. */
    public static String read(String path) {
        try (var in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("bundled resource missing: " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
