package org.guidelinekb.api;

import org.guidelinekb.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;

import org.guidelinekb.error.ProblemType;

import io.javalin.http.Context;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): type, title, status, detail, plus extension
 * members such as {@code errors} or {@code violations}. Every error the server answers has this form; its type is one
 * of the registry {@link ProblemType}, each documented under its own heading in {@code docs/problems.md}.
 */
public record Problem(ProblemType type, int status, String detail, Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem(ProblemType type, int status, String detail) {
        this(type, status, detail, Map.of());
    }

    public Map<String, Object> body(String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.uri());
        m.put("title", type.title());
        m.put("status", status);
        m.put("detail", detail);
        if (instance != null) m.put("instance", instance);
        m.putAll(extensions);
        return m;
    }

    /** Writes this problem as the whole response (for servlet filters, outside the framework). */
    public void write(jakarta.servlet.http.HttpServletResponse response, String instance) throws java.io.IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body(instance));
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public void send(Context ctx) {
        ctx.status(status).json(body(ctx.path()));
        ctx.contentType(CONTENT_TYPE);
    }
}
