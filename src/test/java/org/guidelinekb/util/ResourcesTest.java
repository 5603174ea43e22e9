package org.guidelinekb.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundled folders read the same from a jar (how the server runs) as from a folder (how the tests run). */
class ResourcesTest {
    private static final Map<String, String> FILES = new TreeMap<>(Map.of(
            "sparql/b.rq", "B", "sparql/a.rq", "A", "sparql/sub/c.rq", "C", "sparql/notes.txt", "not a query",
            "sparql-extra/d.rq", "other folder", "kb/e.rq", "other folder"));

    @TempDir
    Path dir;

    @Test
    void a_jar_and_a_folder_list_the_same_files_sorted_by_path_with_their_text() throws IOException {
        Path folder = dir.resolve("classes");
        for (var f : FILES.entrySet()) {
            Path p = folder.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("sparql/")); // a folder entry, as build tools write them
            out.closeEntry();
            for (String name : List.of("sparql/sub/c.rq", "sparql/b.rq", "kb/e.rq", "sparql/notes.txt", "sparql/a.rq", "sparql-extra/d.rq")) {
                out.putNextEntry(new JarEntry(name));
                out.write(FILES.get(name).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        List<Resources.Entry> expected = List.of(new Resources.Entry("a.rq", "A"), new Resources.Entry("b.rq", "B"),
                new Resources.Entry("sub/c.rq", "C"));
        for (Path root : List.of(folder, jar)) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
                assertEquals(expected, Resources.list(loader, "sparql", ".rq"), root.toString());
                assertEquals(List.of(), Resources.list(loader, "nothing-here", ".rq"), root.toString());
            }
        }
    }
}
