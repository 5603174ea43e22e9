package org.guidelinekb.testing;

import org.guidelinekb.App;

/**
 * Waits, as a client polling {@code /api/ready} would, until a started server's reasoner has compiled its active
 * versions (it compiles them in the background once it listens). The bound is generous: it only stops a hung start.
 */
public final class Readiness {
    private static final long MAX_MILLIS = 120_000;

    private Readiness() {}

    public static App await(App app) {
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        while (!app.kb().reasoner().index().ready()) {
            if (System.currentTimeMillis() > deadline) {
                app.close();
                throw new IllegalStateException("the server was not ready within " + MAX_MILLIS + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return app;
    }
}
