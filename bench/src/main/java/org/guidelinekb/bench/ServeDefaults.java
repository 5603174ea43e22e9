package org.guidelinekb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options {@code ./gkb serve} uses by default (the {@code serve_java_opts} line of the gkb script,
 * docs/scale.md), so that the servers of a run start as a user's would; empty when the script has none.
 */
final class ServeDefaults {
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*serve_java_opts=\"([^\"]*)\"");

    private ServeDefaults() {}

    static String read(Path script) {
        try {
            Matcher m = LINE.matcher(Files.readString(script));
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
