package org.guidelinekb.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.guidelinekb.reasoner.CaseAttribute;

/** Resource ids ({@code [A-Za-z0-9\-\.]{1,64}}) from names, and the FHIR type of a case attribute's values. */
final class FhirIds {
    private FhirIds() {}

    /** A valid FHIR id from a name: other characters become '-'; a longer name is cut and ends in a hash of the whole. */
    static String id(String name) {
        String s = name.replaceAll("[^A-Za-z0-9\\-.]", "-");
        if (s.isEmpty()) s = "x";
        if (s.length() <= 64) return s;
        return s.substring(0, 47) + "-" + hash(name).substring(0, 16);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The FHIR primitive a case attribute's values take: boolean, integer, or string (a concept's notation). */
    static String fhirType(CaseAttribute a) {
        return switch (a.type()) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case CONCEPT, CONCEPT_LIST -> "string";
        };
    }
}
