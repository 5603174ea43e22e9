package org.guidelinekb.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.guidelinekb.error.InvalidInputException;

/**
 * How a caller chooses a version: by label, by the date it was in effect ({@code asOf}), or neither (the current
 * active version). Giving both a label and a date is an error.
 */
public record VersionSelector(String version, LocalDate asOf) {

    public static final VersionSelector CURRENT = new VersionSelector(null, null);

    public VersionSelector {
        if (version != null && asOf != null) {
            throw new InvalidInputException("give either version or asOf, not both");
        }
    }

    /** From request parameters; blank means absent; {@code asOf} must be YYYY-MM-DD. */
    public static VersionSelector of(String version, String asOf) {
        String v = version == null || version.isBlank() ? null : version.strip();
        LocalDate d = null;
        if (asOf != null && !asOf.isBlank()) {
            try {
                d = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("asOf must be a date YYYY-MM-DD, not '" + asOf + "'",
                        java.util.List.of(new InvalidInputException.FieldError("asOf", "not a date YYYY-MM-DD", null)));
            }
        }
        return new VersionSelector(v, d);
    }

    public static VersionSelector label(String version) {
        return new VersionSelector(version, null);
    }

    public static VersionSelector asOf(LocalDate date) {
        return new VersionSelector(null, date);
    }

    @Override
    public String toString() {
        return version != null ? "version " + version : asOf != null ? "as of " + asOf : "current version";
    }
}
