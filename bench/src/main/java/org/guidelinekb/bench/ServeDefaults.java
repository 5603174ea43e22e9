package org.guidelinekb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options {@code ./gkb serve} uses by default (the {@code serve_java_opts} line of the gkb script,
 * docs/scale.md), so that the servers of a run start as a user's would; empty when the script has none.
 */
final class ServeDefaults {
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*serve_java_opts=\"([^\"]*)\"");

    private ServeDefaults() {}

    /**
     * How {@code ./gkb} launches the jar: with its class-data sharing archive ({@code gkb.jsa} beside the jar, made by
     * {@code ./gkb cds-archive}) when there is one, else plain {@code -jar}.
     */
    static List<String> launch(Path jar) {
        Path archive = jar.resolveSibling("gkb.jsa");
        if (!Files.isRegularFile(archive)) return List.of("-jar", jar.toString());
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", jar.toString());
    }

    static String read(Path script) {
        try {
            Matcher m = LINE.matcher(Files.readString(script));
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
