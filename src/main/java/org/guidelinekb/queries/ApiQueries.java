package org.guidelinekb.queries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.ElementData;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.sparql.NamedQuery;
import org.guidelinekb.sparql.QueryFileException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.sparql.QueryParam;

/**
 * The named queries of the API: every {@code sparql/*.rq} directly in the folder ({@code internal/} and
 * {@code checks/} are not part of the API). Each file is checked at start-up against the rules of
 * sparql/README.md, "Named query format"; a file that breaks one stops start-up with {@code file:line:col}.
 */
public final class ApiQueries {
    /** Names the API gives to every query; a file may not declare them. */
    public static final Set<String> RESERVED = Set.of("guideline", "version", "asOf", "limit", "offset");
    /** The variable whose VALUES block receives the selected version graph IRIs. */
    public static final String VERSION_VAR = "version";

    private final Map<String, ApiQuery> queries;

    private ApiQueries(Map<String, ApiQuery> queries) {
        this.queries = Map.copyOf(queries);
    }

    public static ApiQueries of(QueryLibrary library) {
        Map<String, ApiQuery> out = new LinkedHashMap<>();
        for (NamedQuery q : library.inFolder("")) out.put(q.name(), check(q));
        return new ApiQueries(out);
    }

    /** Every named query, sorted by name. */
    public List<ApiQuery> list() {
        return queries.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Optional<ApiQuery> find(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    public ApiQuery require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("no named query '" + name + "'; known: "
                + String.join(", ", list().stream().map(ApiQuery::name).toList())));
    }

    /** Checks one file against the named-query rules. */
    static ApiQuery check(NamedQuery nq) {
        String file = "sparql/" + nq.name() + ".rq";
        var q = nq.query();
        int body = lineOf(nq.text(), "^\\s*(PREFIX|BASE|SELECT|CONSTRUCT|ASK|DESCRIBE)\\b");
        if (!q.isSelectType()) fail(file, body, "a named query must be a SELECT (results are SPARQL result sets)");
        if (nq.summary().isBlank()) fail(file, 1, "missing '# summary:' line");
        if (!q.hasOrderBy()) fail(file, lineOf(nq.text(), "^\\s*SELECT\\b"), "a named query must end with ORDER BY, so that pages are stable");
        if (q.hasLimit() || q.hasOffset()) fail(file, lineOf(nq.text(), "^\\s*(LIMIT|OFFSET)\\b"),
                "a named query must not set LIMIT or OFFSET; the API pages with limit and offset");
        if (q.hasValues()) fail(file, lineOf(nq.text(), "^\\s*VALUES\\b"),
                "put VALUES blocks inside WHERE { }, not after it");
        if (q.hasDatasetDescription()) fail(file, lineOf(nq.text(), "\\bFROM\\s+(NAMED\\s+)?[<\\w]"),
                "FROM / FROM NAMED is not used to choose versions; use GRAPH ?version with a VALUES ?version block");

        Map<String, List<ElementData>> blocks = new LinkedHashMap<>();
        for (ElementData d : ValuesSlots.find(q)) {
            for (Var v : d.getVars()) {
                if (d.getVars().size() > 1 && (declared(nq, v.getVarName()) || v.getVarName().equals(VERSION_VAR))) {
                    fail(file, lineOf(nq.text(), "VALUES\\s*\\("), "the VALUES block of ?" + v.getVarName()
                            + " must bind that variable alone: VALUES ?" + v.getVarName() + " { ... }");
                }
                if (d.getVars().size() == 1) blocks.computeIfAbsent(v.getVarName(), k -> new ArrayList<>()).add(d);
            }
        }
        List<ApiParam> params = new ArrayList<>();
        for (QueryParam p : nq.params()) {
            int line = lineOf(nq.text(), "^#\\s*param:\\s*" + Pattern.quote(p.name()) + "\\b");
            if (RESERVED.contains(p.name())) fail(file, line, "parameter name '" + p.name() + "' is reserved by the API " + RESERVED);
            List<ElementData> bs = blocks.getOrDefault(p.name(), List.of());
            if (bs.size() != 1) fail(file, line, "parameter '" + p.name() + "' needs exactly one block VALUES ?" + p.name()
                    + " { default } in the query; found " + bs.size());
            params.add(param(file, line, p, bs.get(0)));
        }
        List<ElementData> version = blocks.getOrDefault(VERSION_VAR, List.of());
        if (version.size() > 1) fail(file, lineOf(nq.text(), "VALUES\\s+\\?version\\b"), "more than one VALUES ?version block");
        if (version.size() == 1) {
            List<Node> v = values(version.get(0));
            if (v.isEmpty() || v.stream().anyMatch(n -> n == null || !n.isURI())) {
                fail(file, lineOf(nq.text(), "VALUES\\s+\\?version\\b"),
                        "the VALUES ?version block must hold one or more version IRIs (the versions the file runs with)");
            }
        }
        return new ApiQuery(nq, version.size() == 1, List.copyOf(params));
    }

    private static ApiParam param(String file, int line, QueryParam p, ElementData block) {
        List<Node> rows = values(block);
        boolean undef = rows.stream().anyMatch(n -> n == null);
        if (undef && rows.size() > 1) fail(file, line, "VALUES ?" + p.name() + " holds UNDEF and values; use one or the other");
        if (!p.list() && rows.size() > 1) fail(file, line, "parameter '" + p.name() + "' is not a list but its VALUES block has " + rows.size() + " rows");
        if (rows.isEmpty()) fail(file, line, "VALUES ?" + p.name() + " is empty; give the default (or UNDEF for 'any')");
        List<Node> nodes = undef ? List.of() : rows;
        for (Node n : nodes) {
            if (!ParamTypes.fits(p.type(), n)) {
                fail(file, line, "VALUES ?" + p.name() + " holds " + n + ", which is not of type " + p.type());
            }
        }
        if (p.required()) {
            if (undef) fail(file, line, "required parameter '" + p.name() + "' needs an example value in its VALUES block, not UNDEF");
        } else {
            boolean headerAny = "UNDEF".equals(p.defaultValue());
            if (headerAny != undef) fail(file, line, "the header default of '" + p.name() + "' and its VALUES block disagree");
            if (!undef) {
                List<Node> header = new ArrayList<>();
                for (String t : ParamTypes.splitDefault(p.defaultValue())) {
                    try {
                        header.add(ParamTypes.parse(p.type(), t));
                    } catch (IllegalArgumentException e) {
                        fail(file, line, "default of '" + p.name() + "': " + e.getMessage());
                    }
                }
                if (!Set.copyOf(header).equals(Set.copyOf(nodes))) {
                    fail(file, line, "the header default of '" + p.name() + "' (" + p.defaultValue()
                            + ") and its VALUES block (" + nodes + ") disagree");
                }
            }
        }
        return new ApiParam(p, undef, List.copyOf(nodes));
    }

    /** The rows of a single-variable block; null for an UNDEF row. */
    private static List<Node> values(ElementData block) {
        Var v = block.getVars().get(0);
        List<Node> out = new ArrayList<>();
        for (Binding b : block.getRows()) out.add(b.get(v));
        return out;
    }

    private static boolean declared(NamedQuery q, String name) {
        return q.params().stream().anyMatch(p -> p.name().equals(name));
    }

    /** The first line matching {@code regex}; comment lines count only when the pattern looks for one. */
    private static int lineOf(String text, String regex) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean comment = lines[i].strip().startsWith("#");
            if (comment != regex.startsWith("^#")) continue;
            if (p.matcher(lines[i]).find()) return i + 1;
        }
        return 1;
    }

    private static void fail(String file, int line, String message) {
        throw new QueryFileException(file, line, 1, message);
    }
}
