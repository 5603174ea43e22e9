package org.guidelinekb.util;

import java.util.Locale;

/** HTTP {@code Accept} media ranges, read without a web framework (the API's content negotiation and the public endpoint's both use it). */
public final class MediaRanges {
    private MediaRanges() { }

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
