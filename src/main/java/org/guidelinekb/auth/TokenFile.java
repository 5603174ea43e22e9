package org.guidelinekb.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.guidelinekb.error.InvalidInputException;

/**
 * A file of write tokens: one {@code label token} per line, separated by white space; blank lines and lines
 * starting with {@code #} are ignored. Labels are letters, digits, '.', '_' or '-' and unique; PROV records them as
 * the writer. Errors name the file and line, never the token.
 */
public final class TokenFile {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");

    private TokenFile() {}

    /** One line of the file. */
    public record Line(String label, String token) {
        @Override
        public String toString() {
            return "Line[label=" + label + ", token=(hidden)]";
        }
    }

    public static List<Line> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read token file " + file + ": " + e.getClass().getSimpleName());
        }
        return parse(file.toString(), lines);
    }

    static List<Line> parse(String name, List<String> lines) {
        List<Line> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] parts = l.split("\\s+");
            if (parts.length != 2 || !LABEL.matcher(parts[0]).matches()) {
                throw new InvalidInputException(name + ":" + (i + 1) + ": expected 'label token' (label of letters, digits, '.', '_', '-')");
            }
            if (!labels.add(parts[0])) throw new InvalidInputException(name + ":" + (i + 1) + ": label '" + parts[0] + "' given twice");
            out.add(new Line(parts[0], parts[1]));
        }
        if (out.isEmpty()) throw new InvalidInputException("token file " + name + " holds no token");
        return out;
    }
}
