package org.guidelinekb.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.guidelinekb.error.AuthException;

/**
 * The bearer tokens allowed to write, each with a label that PROV records as the writer. Tokens are kept only as
 * SHA-256 hashes and compared in constant time ({@link MessageDigest#isEqual}) against every known hash; no token
 * is ever logged or put in a message.
 *
 * <p>Sources: the environment variable {@code GKB_ADMIN_TOKEN} (label {@code admin}) and a token file
 * ({@code --token-file}, see {@link TokenFile}). With no token configured, every write is refused.
 */
public final class WriteTokens {
    public static final String HOW_TO_CONFIGURE = "start the server with a write token: set the environment variable "
            + "GKB_ADMIN_TOKEN, or pass --token-file FILE (one 'label token' per line)";

    private final List<Entry> entries;

    private record Entry(String label, byte[] hash) {}

    private WriteTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The tokens {@code adminToken} (labelled "admin"; null or blank: none) and the lines of {@code tokenFile} (or null). */
    public static WriteTokens from(String adminToken, Path tokenFile) {
        List<Entry> out = new ArrayList<>();
        if (adminToken != null && !adminToken.isBlank()) out.add(new Entry("admin", sha256(adminToken.strip())));
        if (tokenFile != null) {
            for (TokenFile.Line l : TokenFile.read(tokenFile)) out.add(new Entry(l.label(), sha256(l.token())));
        }
        return new WriteTokens(out);
    }

    /** Tokens shorter than this are guessable; the server warns at start-up. */
    public static final int MIN_TOKEN_CHARS = 32;

    /**
     * What an operator should fix in a configuration's tokens (the server logs each as a warning at start-up): a
     * token shorter than {@value #MIN_TOKEN_CHARS} characters, a token file that other users can read. Never the
     * token itself.
     */
    public static List<String> warnings(String adminToken, Path tokenFile) {
        List<String> out = new ArrayList<>();
        if (adminToken != null && !adminToken.isBlank() && adminToken.strip().length() < MIN_TOKEN_CHARS) {
            out.add("the write token of GKB_ADMIN_TOKEN is shorter than " + MIN_TOKEN_CHARS + " characters: use a long random one "
                    + "(e.g. openssl rand -hex 32)");
        }
        if (tokenFile != null) {
            for (TokenFile.Line l : TokenFile.read(tokenFile)) {
                if (l.token().length() < MIN_TOKEN_CHARS) {
                    out.add("the write token labelled '" + l.label() + "' in " + tokenFile + " is shorter than "
                            + MIN_TOKEN_CHARS + " characters: use a long random one (e.g. openssl rand -hex 32)");
                }
            }
            try {
                var perms = java.nio.file.Files.getPosixFilePermissions(tokenFile);
                if (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                        || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
                    out.add("the token file " + tokenFile + " is readable by other users: chmod 600 it");
                }
            } catch (UnsupportedOperationException | java.io.IOException e) {
                // not a POSIX file system: nothing to check
            }
        }
        return out;
    }

    /** No token configured: every write is refused. */
    public static WriteTokens none() {
        return new WriteTokens(List.of());
    }

    public boolean configured() {
        return !entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /**
     * The label of the caller named by an {@code Authorization} header value. Throws {@link AuthException}: missing
     * (401) when there is no bearer token, not missing (403) when the token is not one of ours.
     */
    public String authenticate(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw new AuthException("this request changes the knowledge base and needs 'Authorization: Bearer <token>'"
                    + (configured() ? "" : "; this server has no write token configured: " + HOW_TO_CONFIGURE), true);
        }
        byte[] presented = sha256(token);
        String label = null;
        for (Entry e : entries) {
            // compare with every entry, without stopping at a match: the time taken does not depend on which one matches
            if (MessageDigest.isEqual(presented, e.hash()) && label == null) label = e.label();
        }
        if (label == null) {
            throw new AuthException(configured() ? "the bearer token is not valid for writing"
                    : "this server has no write token configured, so every write is refused: " + HOW_TO_CONFIGURE, false);
        }
        return label;
    }

    /** The token of a {@code Bearer} header value, or null when absent or of another scheme. */
    static String bearer(String authorization) {
        if (authorization == null) return null;
        String h = authorization.strip();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) return null;
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "WriteTokens" + entries.stream().map(Entry::label).toList();
    }
}
