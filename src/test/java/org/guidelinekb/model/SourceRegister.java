package org.guidelinekb.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file of the source register ({@code kb/sources/*.txt}): for one source document, the excerpts that {@code kb/}
 * quotes or takes numbers and places from, verbatim, each with its locator. The traceability tests of
 * {@link ShippedContentTest} check {@code kb/} against the register; {@link #main} is the curation audit that checks
 * the register against the source files themselves (CONTRIBUTING, "The source register"). No dependency beyond the
 * JDK, so that it runs as a single-file program: {@code java src/test/java/org/guidelinekb/model/SourceRegister.java SHARED_FOLDER}
 * (.ci/source-audit passes the shared folder beside the project; no test reads it).
 *
 * <p>Format, line by line: {@code # ...} a comment; {@code source: NAME}; {@code file: PATH} (under the shared folder);
 * {@code document: IRI} (each kb source document the file transcribes, 0..n); {@code match: lines} (each excerpt is
 * a whole line of the file, under the heading path of its locator, {@code ## heading > ### subheading}) or
 * {@code match: text} (each excerpt is in the file with line breaks read as spaces, and the first locator named in
 * this register that follows it in the file is its own: a slide title); {@code at: LOCATOR} starts a group;
 * {@code > EXCERPT} is one excerpt of the current group.
 */
public record SourceRegister(Path path, String name, String file, List<String> documents, boolean wholeLines, List<Excerpt> excerpts) {

    public record Excerpt(String locator, String text, int line) {}

    public static final Path DIR = Path.of("kb/sources");

    public static List<SourceRegister> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(SourceRegister::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SourceRegister read(Path path) {
        String name = null, file = null, match = null, locator = null;
        List<String> documents = new ArrayList<>();
        List<Excerpt> excerpts = new ArrayList<>();
        List<String> lines = lines(path);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String where = path + ":" + (i + 1) + ": ";
            if (l.isBlank() || l.startsWith("#")) continue;
            if (l.startsWith("> ")) {
                if (locator == null) throw new IllegalArgumentException(where + "an excerpt before the first 'at:'");
                excerpts.add(new Excerpt(locator, l.substring(2).stripTrailing(), i + 1));
                continue;
            }
            int colon = l.indexOf(": ");
            if (colon < 0) throw new IllegalArgumentException(where + "expected 'key: value' or '> excerpt': " + l);
            String value = l.substring(colon + 2).strip();
            switch (l.substring(0, colon)) {
                case "source" -> name = value;
                case "file" -> file = value;
                case "document" -> documents.add(value);
                case "match" -> match = value;
                case "at" -> locator = value;
                default -> throw new IllegalArgumentException(where + "unknown key: " + l);
            }
        }
        if (name == null || file == null || !List.of("lines", "text").contains(match)) {
            throw new IllegalArgumentException(path + ": needs 'source:', 'file:' and 'match: lines' or 'match: text'");
        }
        return new SourceRegister(path, name, file, List.copyOf(documents), match.equals("lines"), List.copyOf(excerpts));
    }

    public static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    // ---- the curation audit -------------------------------------------------------------------------------------

    /**
     * Checks every excerpt of every register against its source file under {@code args[0]}, the shared folder (.ci/source-audit names it):
     * prints each item and the counts; exit code 0 when all agree, 1 on any disagreement, 2 when a file is missing.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SourceRegister SHARED_FOLDER (the folder holding evidence/ and seed/)");
            System.exit(2);
        }
        Path shared = Path.of(args[0]);
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (SourceRegister r : all()) {
            Path source = shared.resolve(r.file());
            System.out.println("register " + r.path() + " (" + r.excerpts().size() + " excerpts) against " + source);
            if (!Files.isRegularFile(source)) {
                System.out.println("MISSING source file " + source);
                System.exit(2);
            }
            List<String> lines = lines(source);
            for (Excerpt e : r.excerpts()) {
                checked++;
                String problem = r.wholeLines() ? checkLine(lines, e) : checkText(lines, e, r.excerpts());
                System.out.println((problem == null ? "  ok    " : "  WRONG ") + "[" + e.locator() + "] " + clip(e.text()));
                if (problem != null) problems.add(r.path() + ":" + e.line() + ": " + problem);
            }
        }
        System.out.println("source audit: " + checked + " excerpts checked, " + problems.size() + " disagreement(s)");
        problems.forEach(p -> System.out.println("  " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** A whole line of the file, under the heading path of the locator ("## A > ### B"); null when it is. */
    static String checkLine(List<String> lines, Excerpt e) {
        String path = "";
        boolean headingSeen = false;
        String top = "";
        for (String l : lines) {
            if (l.startsWith("## ")) {
                top = l.substring(3).strip();
                path = top;
            } else if (l.startsWith("### ")) {
                path = top + " > " + l.substring(4).strip();
            } else if (path.equals(e.locator()) && l.stripTrailing().equals(e.text())) {
                return null;
            }
            if (path.equals(e.locator())) headingSeen = true;
        }
        return headingSeen ? "not a line under the heading '" + e.locator() + "'" : "no heading '" + e.locator() + "' in the file";
    }

    /** Verbatim in the file (line breaks as spaces), and the first locator of the register after it is its own. */
    static String checkText(List<String> lines, Excerpt e, List<Excerpt> all) {
        String text = normalise(String.join("\n", lines));
        int at = text.indexOf(normalise(e.text()));
        if (at < 0) return "not verbatim in the file";
        int end = at + normalise(e.text()).length();
        String next = null;
        int nextAt = Integer.MAX_VALUE;
        for (Excerpt other : all) {
            int i = text.indexOf(other.locator(), end);
            if (i >= 0 && i < nextAt) {
                nextAt = i;
                next = other.locator();
            }
        }
        return e.locator().equals(next) ? null : "the next locator after it is '" + next + "', not '" + e.locator() + "'";
    }

    private static String clip(String s) {
        return s.length() <= 110 ? s : s.substring(0, 107) + "...";
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
