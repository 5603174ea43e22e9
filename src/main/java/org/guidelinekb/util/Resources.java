package org.guidelinekb.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        URL url = Resources.class.getClassLoader().getResource(folder);
        if (url == null) return List.of();
        try {
            Path root = toPath(url);
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
        }
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

    private static Path toPath(URL url) throws IOException {
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) return Path.of(uri);
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            String inner = uri.getSchemeSpecificPart();
            return fs.getPath(inner.substring(inner.indexOf("!/") + 1));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
