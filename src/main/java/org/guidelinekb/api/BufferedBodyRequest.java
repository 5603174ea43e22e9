package org.guidelinekb.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body {@link RequestLimits} has already read (a chunked body within the limit): the body comes
 * from memory, and a form body's parameters are parsed from it together with the query string's, so that the
 * servlets behind read what the client sent.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private final Map<String, String[]> parameters;

    /** @throws IllegalArgumentException a form body that is not URL-encoded */
    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        String type = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type").toLowerCase(java.util.Locale.ROOT);
        Map<String, List<String>> params = new LinkedHashMap<>();
        decode(request.getQueryString(), params);
        if (type.startsWith("application/x-www-form-urlencoded")) decode(new String(body, charset()), params);
        Map<String, String[]> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, v.toArray(String[]::new)));
        this.parameters = Collections.unmodifiableMap(p);
    }

    private Charset charset() {
        String enc = getCharacterEncoding();
        return enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
    }

    static void decode(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) return;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    @Override public int getContentLength() { return body.length; }
    @Override public long getContentLengthLong() { return body.length; }

    @Override public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override public boolean isFinished() { return in.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener l) { throw new IllegalStateException("blocking reads only"); }
            @Override public int read() { return in.read(); }
            @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
        };
    }

    @Override public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override public String getParameter(String name) {
        String[] v = parameters.get(name);
        return v == null ? null : v[0];
    }

    @Override public Map<String, String[]> getParameterMap() { return parameters; }
    @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(parameters.keySet()); }
    @Override public String[] getParameterValues(String name) { return parameters.get(name); }
}
