package org.guidelinekb.cds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP listener on 127.0.0.1 (port 0) that counts the connections it accepts and closes each at once: the
 * witness of whether the server reached out. It never answers HTTP, so a fetch from it fails after connecting.
 */
final class FetchListener implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    FetchListener() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::accept, "fetch-listener");
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A FHIR base URL on this listener. */
    String base() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    int connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
