package org.guidelinekb.cds;

import org.guidelinekb.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.error.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;

/** The CDS services of this server, read once from {@code cds/services.json}. Immutable. */
public final class CdsServiceCatalog {
    public static final String RESOURCE = "cds/services.json";
    private static final Set<String> HOOKS = Set.of("patient-view", "order-select");
    private static final Set<String> VERSION_CHOICES = Set.of("active", "active-or-uncovered");

    private final Map<String, CdsService> services;

    private CdsServiceCatalog(Map<String, CdsService> services) {
        this.services = java.util.Collections.unmodifiableMap(services);
    }

    public static CdsServiceCatalog load() {
        try (InputStream in = CdsServiceCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the class path");
            return parse(org.guidelinekb.util.Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static CdsServiceCatalog parse(JsonNode doc) {
        Map<String, CdsService> out = new LinkedHashMap<>();
        for (JsonNode s : doc.path("services")) {
            String id = s.path("id").asText("");
            String hook = s.path("hook").asText("");
            String versions = s.path("versions").asText("active");
            if (!id.matches("[A-Za-z0-9._-]+")) throw new IllegalStateException(RESOURCE + ": service id '" + id + "' is not a URL segment");
            if (!HOOKS.contains(hook)) throw new IllegalStateException(RESOURCE + ": service " + id + ": unsupported hook '" + hook + "'");
            if (!VERSION_CHOICES.contains(versions)) {
                throw new IllegalStateException(RESOURCE + ": service " + id + ": versions must be one of " + VERSION_CHOICES);
            }
            Map<String, String> prefetch = new LinkedHashMap<>();
            s.path("prefetch").properties().forEach(e -> prefetch.put(e.getKey(), e.getValue().asText()));
            JsonNode p = s.get("population");
            CdsService.Population population = p == null ? null : new CdsService.Population(p.path("attribute").asText(), p.path("equals").asBoolean());
            if (out.put(id, new CdsService(id, hook, s.path("title").asText(null), s.path("description").asText(""), prefetch, versions, population)) != null) {
                throw new IllegalStateException(RESOURCE + ": service id '" + id + "' is given twice");
            }
        }
        return new CdsServiceCatalog(out);
    }

    public List<CdsService> all() {
        return new ArrayList<>(services.values());
    }

    /** The service of that id; 404 when there is none. */
    public CdsService require(String id) {
        CdsService s = services.get(id);
        if (s == null) throw new NotFoundException("no CDS service '" + id + "'; GET /cds-services lists them: " + String.join(", ", services.keySet()));
        return s;
    }
}
