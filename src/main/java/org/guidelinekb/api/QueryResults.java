package org.guidelinekb.api;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.guidelinekb.queries.QueryPage;

/** SPARQL result formats a named query answers in, chosen by {@code Accept}; SPARQL JSON when nothing is asked. */
final class QueryResults {
    private QueryResults() {}

    static final String JSON = "application/sparql-results+json";
    static final String XML = "application/sparql-results+xml";
    static final String CSV = "text/csv";
    static final String TSV = "text/tab-separated-values";

    /** Offered types, in order of preference; plain JSON and XML get the same bodies. */
    static final List<String> OFFERED = List.of(JSON, "application/json", XML, "application/xml", CSV, TSV);

    private static final Map<String, Lang> LANGS = Map.of(JSON, ResultSetLang.RS_JSON, "application/json", ResultSetLang.RS_JSON,
            XML, ResultSetLang.RS_XML, "application/xml", ResultSetLang.RS_XML, CSV, ResultSetLang.RS_CSV, TSV, ResultSetLang.RS_TSV);

    static byte[] write(QueryPage page, String mediaType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsWriter.create().lang(LANGS.get(mediaType)).write(out, page.rowSet());
        return out.toByteArray();
    }

    static String contentType(String mediaType) {
        return mediaType.startsWith("text/") ? mediaType + "; charset=utf-8" : mediaType;
    }
}
