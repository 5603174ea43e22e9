package org.guidelinekb.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

/**
 * The query editor's files (Fuseki's UI, bundled under {@code webapp/} on the class path) at {@code /ui/}: the
 * file's media type, {@code Cache-Control: max-age=0} and a weak ETag from the file's checksum (an unchanged file
 * answers 304 to {@code If-None-Match}); {@code /ui/} is its {@code index.html}, {@code /ui} redirects there.
 *
 * <p>Read through the class loader, entry by entry: a static-file handler over the class path would mount the whole
 * jar (about 45,000 entries) as a file system before the server could listen, which cost a noticeable part of
 * start-up (docs/scale.md).
 */
public final class UiFiles {
    private static final String ROOT = "webapp/";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"), Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("txt", "text/plain"));

    private final String path;

    public UiFiles(String path) {
        this.path = path;
    }

    public void routes(RoutesConfig r) {
        r.get(path, ctx -> { // the page names its files relative to itself ("./static/..."), so it lives at /ui/
            if (ctx.path().endsWith("/")) {
                send(ctx, "index.html");
            } else {
                ctx.status(HttpStatus.MOVED_PERMANENTLY).header("Location", path + "/").result("");
            }
        });
        r.get(path + "/<file>", ctx -> send(ctx, ctx.pathParam("file")));
    }

    private static void send(Context ctx, String file) {
        String name = file.isEmpty() || file.endsWith("/") ? file + "index.html" : file;
        if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.contains("//")) throw notFound(file);
        URL url = UiFiles.class.getClassLoader().getResource(ROOT + name);
        if (url == null) throw notFound(file);
        try {
            URLConnection conn = url.openConnection();
            conn.setUseCaches(true);
            String tag = etag(conn);
            if (tag == null) throw notFound(file);
            ctx.header("Cache-Control", "max-age=0");
            ctx.header("ETag", tag);
            if (tag.equals(ctx.header("If-None-Match"))) {
                ctx.status(HttpStatus.NOT_MODIFIED);
                return;
            }
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
            InputStream in = conn.getInputStream();
            ctx.result(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A weak tag from the jar entry's CRC and size, or from the file's size and time when run from a folder; null for a
     * folder (not a file to send).
     */
    private static String etag(URLConnection conn) throws IOException {
        if (conn instanceof JarURLConnection jar) {
            var entry = jar.getJarEntry();
            if (entry == null || entry.isDirectory()) return null;
            return "W/\"" + Long.toHexString(entry.getCrc()) + "-" + Long.toHexString(entry.getSize()) + "\"";
        }
        if (!"file".equals(conn.getURL().getProtocol()) || new java.io.File(conn.getURL().getPath()).isDirectory()) return null;
        return "W/\"" + Long.toHexString(conn.getLastModified()) + "-" + Long.toHexString(conn.getContentLengthLong()) + "\"";
    }

    private static NotFoundResponse notFound(String file) {
        return new NotFoundResponse("No file " + file + " in the query editor");
    }
}
