package org.guidelinekb.api;

import java.util.List;
import java.util.Locale;

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
        String[] t = type.split("/");
        int bestSpecificity = -1;
        double q = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.strip().split(";");
            if (parts.length == 0 || parts[0].isBlank()) continue; // an empty range (e.g. "Accept: ;;") names nothing
            String media = parts[0].strip().toLowerCase(Locale.ROOT);
            double rq = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        rq = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        rq = 0;
                    }
                }
            }
            int specificity;
            if (media.equals(type)) specificity = 2;
            else if (media.equals(t[0] + "/*")) specificity = 1;
            else if (media.equals("*/*") || media.equals("*")) specificity = 0;
            else continue;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = rq;
            }
        }
        return q;
    }
}
