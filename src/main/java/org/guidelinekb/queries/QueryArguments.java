package org.guidelinekb.queries;

import org.guidelinekb.util.Closest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

/**
 * A request's parameters for one named query, checked and typed: the RDF terms for each declared parameter
 * (absent = the file's default), the version scope and the page. Every problem is collected, then reported at once
 * as one {@link InvalidInputException} naming each parameter.
 *
 * @param values terms per declared parameter that the request gave (others keep the file's VALUES block)
 */
public record QueryArguments(ApiQuery query, Map<String, List<Node>> values, VersionScope scope, PageRequest page) {

    public static QueryArguments parse(ApiQuery q, Map<String, List<String>> params) {
        List<FieldError> errors = new ArrayList<>();
        checkNames(q, params.keySet(), errors);
        Map<String, List<Node>> values = terms(q, params, errors);
        int limit = integer(params, "limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT, errors);
        int offset = integer(params, "offset", 0, 0, PageRequest.MAX_OFFSET, errors);
        VersionScope scope = q.versionScoped() ? scope(params, errors) : VersionScope.CURRENT;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() + " invalid parameter(s) for query '" + q.name() + "': "
                    + String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        return new QueryArguments(q, values, scope, new PageRequest(limit, offset));
    }

    /** Every parameter name the request gave must be one the query takes (a reserved one only if it is version-scoped). */
    private static void checkNames(ApiQuery q, Set<String> given, List<FieldError> errors) {
        Set<String> accepted = new LinkedHashSet<>();
        q.params().forEach(p -> accepted.add(p.name()));
        accepted.addAll(List.of("limit", "offset"));
        if (q.versionScoped()) accepted.addAll(List.of("guideline", "version", "asOf"));
        for (String name : given) {
            if (accepted.contains(name)) continue;
            if (ApiQueries.RESERVED.contains(name)) {
                errors.add(new FieldError(name, "query '" + q.name() + "' reads no guideline version (its data are not in"
                        + " version graphs), so it takes no '" + name + "'", null));
            } else {
                errors.add(new FieldError(name, "unknown parameter; query '" + q.name() + "' takes " + accepted,
                        Closest.of(name, accepted)));
            }
        }
    }

    /** The RDF terms of each declared parameter the request gave. */
    private static Map<String, List<Node>> terms(ApiQuery q, Map<String, List<String>> params, List<FieldError> errors) {
        Map<String, List<Node>> values = new LinkedHashMap<>();
        for (ApiParam p : q.params()) {
            List<String> given = params.getOrDefault(p.name(), List.of());
            List<Node> nodes = terms(p, given, errors);
            if (nodes != null) values.put(p.name(), nodes);
        }
        return values;
    }

    /** One parameter's terms; null when it was not given or given a wrong number of times. */
    private static List<Node> terms(ApiParam p, List<String> given, List<FieldError> errors) {
        if (given.isEmpty()) {
            if (p.required()) errors.add(new FieldError(p.name(), "required " + describe(p) + " is missing", null));
            return null;
        }
        if (!p.list() && given.size() > 1) {
            errors.add(new FieldError(p.name(), "takes one value, got " + given.size(), null));
            return null;
        }
        if (given.size() > 100) {
            errors.add(new FieldError(p.name(), "at most 100 values, got " + given.size(), null));
            return null;
        }
        List<Node> nodes = new ArrayList<>();
        for (String v : given) {
            try {
                nodes.add(ParamTypes.parse(p.type(), v));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(p.name(), "expects " + describe(p) + ": " + e.getMessage(), null));
            }
        }
        return List.copyOf(nodes);
    }

    /** The version scope of a version-scoped query: guideline, version or asOf. */
    private static VersionScope scope(Map<String, List<String>> params, List<FieldError> errors) {
        String guideline = single(params, "guideline", errors);
        String version = single(params, "version", errors);
        String asOf = single(params, "asOf", errors);
        try {
            return new VersionScope(guideline == null || guideline.isBlank() ? null : guideline.strip(),
                    VersionSelector.of(version, asOf));
        } catch (InvalidInputException e) {
            errors.add(new FieldError(e.errors().isEmpty() ? "version" : e.errors().get(0).field(), e.getMessage(), null));
            return VersionScope.CURRENT;
        }
    }

    private static String describe(ApiParam p) {
        return (p.list() ? "a list of " : "a value of type ") + p.type();
    }

    private static String single(Map<String, List<String>> params, String name, List<FieldError> errors) {
        List<String> v = params.getOrDefault(name, List.of());
        if (v.size() > 1) errors.add(new FieldError(name, "takes one value, got " + v.size(), null));
        return v.isEmpty() ? null : v.get(0);
    }

    private static int integer(Map<String, List<String>> params, String name, int def, int min, int max, List<FieldError> errors) {
        String v = single(params, name, errors);
        if (v == null) return def;
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "expects an integer from " + min + " to " + max + ", got '" + v + "'", null));
            return def;
        }
    }
}
