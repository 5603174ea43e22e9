package org.guidelinekb.cds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.CompiledVersion;
import org.guidelinekb.reasoner.ReasonerIndex;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Card uuids that say, without any stored state, which statement a card was about. A card uuid is an RFC 9562
 * version-8 UUID: its first 64 bits are random (every issued card differs), its last 62 bits are an HMAC-SHA-256 tag,
 * keyed with the server's secret ({@link CardSecret}), of (random part, service id, card kind, subject IRI), where the
 * subject is the statement (or, for a missing-data card, the version). Without the secret nobody can make a uuid the
 * server accepts (forging one is a 1 in 2^62 guess). Feedback names the card by its uuid; {@link #resolve} finds the
 * statement again by recomputing the tags of the statements the knowledge base holds. Nothing is written when a card
 * is issued, so a CDS call stays read-only.
 */
final class CardIds {
    /** Card kinds (stored with feedback). */
    static final String RECOMMENDATION = "recommendation";
    static final String ORDER_CHECK = "order-check";
    static final String MISSING_DATA = "missing-data";

    private static final long KEY_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec secret;

    CardIds(byte[] secret) {
        if (secret.length < 32) throw new IllegalArgumentException("the card secret must have at least 32 bytes");
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** What a card was about: its service, kind, statement (null for a missing-data card) and version. */
    record CardRef(String service, String kind, String statement, String guideline, String version, String versionIri) {}

    /** A fresh uuid for a card about {@code subjectIri}. */
    String issue(String service, String kind, String subjectIri) {
        long msb = (random.nextLong() & ~0xF000L) | 0x8000L;            // version 8
        long lsb = (key(msb, service, kind, subjectIri) & KEY_MASK) | Long.MIN_VALUE; // variant 10
        return new UUID(msb, lsb).toString();
    }

    /** A random (version 4) uuid, for suggestions. */
    String random() {
        return UUID.randomUUID().toString();
    }

    /** The card a uuid was issued for, if it was issued by {@code service} for a statement or version the index holds. */
    Optional<CardRef> resolve(String uuid, String service, ReasonerIndex ix) {
        UUID u;
        try {
            u = UUID.fromString(uuid.startsWith("urn:uuid:") ? uuid.substring(9) : uuid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (u.version() != 8 || u.variant() != 2) return Optional.empty();
        long key = u.getLeastSignificantBits() & KEY_MASK;
        // the versions compiled now first (cards are issued for them); then, rarely, the others, compiled one by one
        java.util.Map<String, CompiledVersion> compiled = ix.versions();
        Optional<CardRef> found = find(u, service, key, compiled.values(), ix);
        if (found.isPresent()) return found;
        for (var g : ix.catalog().guidelines()) {
            for (VersionInfo v : g.versions()) {
                if (compiled.containsKey(v.iri())) continue;
                found = find(u, service, key, List.of(ix.version(v)), ix);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }

    private Optional<CardRef> find(UUID u, String service, long key, java.util.Collection<CompiledVersion> versions, ReasonerIndex ix) {
        for (CardRef candidate : candidates(service, versions, ix)) {
            String subject = candidate.statement() != null ? candidate.statement() : candidate.versionIri();
            if ((key(u.getMostSignificantBits(), service, candidate.kind(), subject) & KEY_MASK) == key) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static List<CardRef> candidates(String service, java.util.Collection<CompiledVersion> versions, ReasonerIndex ix) {
        List<CardRef> out = new ArrayList<>();
        for (CompiledVersion v : versions) {
            VersionInfo info = ix.catalog().byIri(v.iri()).orElse(null);
            String label = info == null ? v.label() : info.label();
            out.add(new CardRef(service, MISSING_DATA, null, v.guideline(), label, v.iri()));
            for (CompiledStatement s : v.statements()) {
                out.add(new CardRef(service, RECOMMENDATION, s.iri(), v.guideline(), label, v.iri()));
                out.add(new CardRef(service, ORDER_CHECK, s.iri(), v.guideline(), label, v.iri()));
            }
        }
        return out;
    }

    /** The canonical form of a card uuid (lower case, no urn:uuid: prefix), or null when it is not a uuid. */
    static String canonical(String uuid) {
        try {
            return UUID.fromString(uuid.startsWith("urn:uuid:") ? uuid.substring(9) : uuid).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private long key(long randomPart, String service, String kind, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] h = mac.doFinal((Long.toHexString(randomPart) + "\n" + service + "\n" + kind + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) k = (k << 8) | (h[i] & 0xFF);
            return k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
