package org.guidelinekb.util;

/** The server's version, from the jar manifest (or "dev" when run from classes). */
public final class ServerVersion {
    private ServerVersion() {}

    public static String get() {
        String v = ServerVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
