package org.guidelinekb.queries;

import java.util.List;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.NotFoundException;

/**
 * Which version graphs a version-scoped query reads: {@code guideline} (a guideline id; absent = every guideline)
 * with {@code version} (a label), {@code asOf} (the version in effect that day) or neither (the current active
 * version), by the catalog's rules ({@link Catalog#resolve}).
 *
 * @param guideline a guideline id, or null for every guideline
 * @param selector  label, date or current
 */
public record VersionScope(String guideline, VersionSelector selector) {

    public static final VersionScope CURRENT = new VersionScope(null, VersionSelector.CURRENT);

    /**
     * The selected versions, in catalog order. Naming a guideline, a label or a date that selects nothing is a
     * {@link NotFoundException}; the default (current versions of every guideline) may be empty.
     */
    public List<VersionInfo> resolve(Catalog catalog) {
        if (guideline != null) return List.of(catalog.resolve(guideline, selector));
        List<VersionInfo> all = catalog.resolveAll(selector);
        if (all.isEmpty() && (selector.version() != null || selector.asOf() != null)) {
            throw new NotFoundException(selector.version() != null
                    ? "no guideline has a version '" + selector.version() + "'"
                    : "no guideline had a version in effect on " + selector.asOf());
        }
        return all;
    }
}
