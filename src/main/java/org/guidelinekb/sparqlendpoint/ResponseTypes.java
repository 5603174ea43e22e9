package org.guidelinekb.sparqlendpoint;

import java.util.List;
import java.util.Map;

/**
 * The media types the public endpoint answers in, the same in both store modes, and the short names clients send
 * instead of an {@code Accept} header ({@code format=}, {@code output=} or {@code results=}, e.g. SPARQLWrapper's
 * defaults). A request that accepts none of the types its answer can take gets 406 naming them.
 */
public final class ResponseTypes {
    /** SELECT and ASK results; the first is the default. */
    public static final List<String> RESULTS = List.of("application/sparql-results+json", "application/sparql-results+xml",
            "text/csv", "text/tab-separated-values", "application/json");
    /** CONSTRUCT, DESCRIBE and Graph Store reads; the first is the default. */
    public static final List<String> RDF = List.of("text/turtle", "application/ld+json", "application/n-triples",
            "application/rdf+xml");
    /** The request parameters that name a format. */
    public static final List<String> FORMAT_PARAMS = List.of("format", "output", "results");

    /** Short names → an Accept header: one name covers the result type and the RDF type it can mean. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("json", "application/sparql-results+json, application/ld+json;q=0.9"),
            Map.entry("xml", "application/sparql-results+xml, application/rdf+xml;q=0.9"),
            Map.entry("rdf+xml", "application/rdf+xml"),
            Map.entry("rdf", "application/rdf+xml"),
            Map.entry("rdfxml", "application/rdf+xml"),
            Map.entry("turtle", "text/turtle"),
            Map.entry("ttl", "text/turtle"),
            Map.entry("n3", "text/turtle"),
            Map.entry("nt", "application/n-triples"),
            Map.entry("ntriples", "application/n-triples"),
            Map.entry("n-triples", "application/n-triples"),
            Map.entry("json-ld", "application/ld+json"),
            Map.entry("jsonld", "application/ld+json"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"));

    private ResponseTypes() { }

    /** The quality {@code accept} gives {@code type} (0: not acceptable); no header accepts everything. */
    public static double quality(String accept, String type) {
        return org.guidelinekb.util.MediaRanges.quality(accept, type);
    }

    /** The Accept header a format parameter's value stands for ({@code value} may also be a media type), or null. */
    public static String acceptFor(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.contains("/")) return v;
        return SHORT_NAMES.get(v);
    }
}
