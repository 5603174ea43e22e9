package org.guidelinekb.api;

import java.util.function.Supplier;

import io.javalin.config.Key;
import io.javalin.http.Context;

/**
 * The server's public base URL ({@code --public-url}, default the listening address), for every absolute link a
 * route hands out (CDS cards, the JWT audience, the service description). Never a request's {@code Host} header, which
 * any caller can set. Registered once in App's Javalin configuration.
 */
public final class PublicUrl {
    public static final Key<Supplier<String>> KEY = new Key<>("gkb.publicUrl");

    private PublicUrl() { }

    /** scheme://host[:port][/path] without a trailing slash. */
    public static String of(Context ctx) {
        return ctx.appData(KEY).get();
    }
}
