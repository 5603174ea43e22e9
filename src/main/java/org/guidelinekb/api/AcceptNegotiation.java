package org.guidelinekb.api;

import java.util.List;

import io.javalin.http.HttpResponseException;

/**
 * Chooses a response type from an {@code Accept} header: the offered type with the highest quality, ties going to
 * the earlier offer; no header (or {@code *}{@code /*}) gives the first offer. Nothing acceptable → 406.
 */
public final class AcceptNegotiation {
    private AcceptNegotiation() {}

    public static String choose(String accept, List<String> offers) {
        if (accept == null || accept.isBlank()) return offers.get(0);
        String best = null;
        double bestQ = 0;
        for (String offer : offers) {
            double q = quality(accept, offer);
            if (q > bestQ) {
                best = offer;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new HttpResponseException(406, "cannot answer with " + accept.strip() + "; available: " + String.join(", ", offers));
        }
        return best;
    }

    /** The quality the header gives {@code type}, from its most specific matching range (0 when none matches). */
    public static double quality(String accept, String type) {
        return org.guidelinekb.util.MediaRanges.quality(accept, type);
    }
}
