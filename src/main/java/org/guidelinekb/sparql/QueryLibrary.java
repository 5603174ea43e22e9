package org.guidelinekb.sparql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sys.JenaSystem;
import org.guidelinekb.util.Parallel;
import org.guidelinekb.util.Resources;

/**
 * Every {@code sparql/**.rq} file, parsed once at start-up. A file that does not parse stops start-up with
 * {@code file:line:col} and the parser's message. Java code names queries; it never holds SPARQL text.
 */
public final class QueryLibrary {
    private final Map<String, NamedQuery> queries;

    private QueryLibrary(Map<String, NamedQuery> queries) {
        this.queries = Map.copyOf(queries);
    }

    /** Loads the bundled {@code sparql/} folder. */
    public static QueryLibrary load() {
        JenaSystem.init(); // on this thread before the pool's threads parse: Jena's class initialisers deadlock in a race
        // parsed on every core: a start-up parses some seventy files; the first file (in order) that fails is reported
        List<NamedQuery> parsed = Parallel.map(Resources.list("sparql", ".rq"),
                e -> parse("sparql/" + e.relativePath(), e.relativePath().replaceFirst("\\.rq$", ""), e.text()));
        Map<String, NamedQuery> out = new LinkedHashMap<>();
        for (NamedQuery q : parsed) out.put(q.name(), q);
        return new QueryLibrary(out);
    }

    /** A library of already parsed queries (tests and tools that bring their own files). */
    public static QueryLibrary of(Collection<NamedQuery> queries) {
        Map<String, NamedQuery> out = new LinkedHashMap<>();
        for (NamedQuery q : queries) out.put(q.name(), q);
        return new QueryLibrary(out);
    }

    /** Parses one query file; {@code file} is used in error messages only. */
    public static NamedQuery parse(String file, String name, String text) {
        Query query;
        try {
            query = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            String msg = String.valueOf(e.getMessage()).replaceFirst("^Line \\d+, column \\d+: ", "").strip();
            throw new QueryFileException(file, e.getLine(), e.getColumn(), msg);
        }
        return QueryHeader.parse(file, name, text, query);
    }

    /** The query of that name; a missing internal query is a packaging bug, so this fails loudly. */
    public Query get(String name) {
        return require(name).query();
    }

    public NamedQuery require(String name) {
        NamedQuery q = queries.get(name);
        if (q == null) throw new IllegalStateException("no query file sparql/" + name + ".rq");
        return q;
    }

    public NamedQuery find(String name) {
        return queries.get(name);
    }

    public Collection<NamedQuery> all() {
        return queries.values();
    }

    /** The queries directly in a folder ("" for the top level), sorted by name. */
    public List<NamedQuery> inFolder(String folder) {
        List<NamedQuery> out = new ArrayList<>();
        String prefix = folder.isEmpty() ? "" : folder + "/";
        for (NamedQuery q : queries.values()) {
            String rest = q.name().startsWith(prefix) ? q.name().substring(prefix.length()) : null;
            if (rest != null && !rest.contains("/")) out.add(q);
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }
}
