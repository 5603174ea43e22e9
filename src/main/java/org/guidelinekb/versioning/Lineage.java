package org.guidelinekb.versioning;

/**
 * A curated lineage link (gkb:LineageLink): a curator states that recommendation {@code to} of a later version
 * continues, replaces, is split from or is merged from recommendation {@code from} of an earlier version. Distinct from
 * identity (the same gkb:Recommendation): the statements keep their own recommendations. {@code kind} is "continues",
 * "replaces", "split-into" or "merged-into" (read from the earlier recommendation's side: {@code from} is split into
 * or merged into {@code to}); {@code note} is the curator's reason; {@code curator} the PROV agent
 * (prov:wasAttributedTo) and {@code curatorLabel} its label.
 */
public record Lineage(String iri, String kind, String from, String to, String note, String curator, String curatorLabel) {

    /** "replaced by", "continued by", "split into", "merged into". */
    public String verb() {
        return switch (kind) {
            case "replaces" -> "replaced by";
            case "continues" -> "continued by";
            case "split-into" -> "split into";
            case "merged-into" -> "merged into";
            default -> kind;
        };
    }
}
