package org.guidelinekb.questions;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.error.InvalidInputException;

/** A guideline version named as {@code guideline@version} (e.g. {@code nccn-breast@6.2026}). */
public record VersionRef(String guideline, String version) {

    /**
     * The versions a request names: {@code versions=g@v,g@v[,...]}, or {@code guideline=g&from=v&to=v}; null when it
     * names none (then every version is meant). A malformed list is an {@link InvalidInputException}.
     */
    public static List<VersionRef> parse(String versions, String guideline, String from, String to, int atLeast) {
        List<VersionRef> out = new ArrayList<>();
        if (versions != null && !versions.isBlank()) {
            for (String part : versions.split(",")) {
                String p = part.strip();
                int at = p.indexOf('@');
                if (at <= 0 || at == p.length() - 1 || p.indexOf('@', at + 1) >= 0) {
                    throw new InvalidInputException("each entry of versions is guideline@version, e.g. nccn-breast@2015; got '" + p + "'",
                            List.of(new InvalidInputException.FieldError("versions", "guideline@version expected", "nccn-breast@2015")));
                }
                out.add(new VersionRef(p.substring(0, at), p.substring(at + 1)));
            }
        } else if (guideline != null || from != null || to != null) {
            if (guideline == null || from == null || to == null) {
                throw new InvalidInputException("guideline, from and to go together: guideline=g&from=v&to=v",
                        List.of(new InvalidInputException.FieldError(guideline == null ? "guideline" : from == null ? "from" : "to",
                                "required with the other two", null)));
            }
            out.add(new VersionRef(guideline, from));
            out.add(new VersionRef(guideline, to));
        } else {
            return null;
        }
        if (out.stream().distinct().count() < atLeast) {
            throw new InvalidInputException("name at least " + atLeast + " different versions",
                    List.of(new InvalidInputException.FieldError("versions", "at least " + atLeast + " different versions", null)));
        }
        return out.stream().distinct().toList();
    }

    @Override
    public String toString() {
        return guideline + "@" + version;
    }
}
