package org.guidelinekb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one run and how they were obtained; written as {@code report.json} (every key of {@link Target#ALL}
 * at the top level, null when a figure could not be measured, with the reason in {@code notes}) and
 * {@code report.md} (a table with targets, then the details and the machine).
 */
public final class Report {
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> sections = new LinkedHashMap<>();

    public Report header(String key, Object value) {
        header.put(key, value);
        return this;
    }

    public Report figure(String key, double value) {
        figures.put(key, Double.isNaN(value) || Double.isInfinite(value) ? null : round(value));
        return this;
    }

    public Report detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public Report note(String text) {
        notes.add(text);
        return this;
    }

    /** A section of report.md (Markdown under a heading), after the figures; report.json has its figures and details. */
    public Report section(String title, String markdown) {
        sections.put(title, markdown);
        return this;
    }

    public Double figure(String key) {
        return figures.get(key);
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>(header);
        for (Target t : Target.ALL) out.put(t.key(), figures.get(t.key()));
        figures.forEach(out::putIfAbsent);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Target t : Target.ALL) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("target", t.target());
            e.put("met", t.met(figures.get(t.key())));
            targets.put(t.key(), e);
        }
        out.put("targets", targets);
        out.put("details", details);
        out.put("notes", notes);
        return out;
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), json());
            Files.writeString(dir.resolve("report.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("# guideline-kb benchmark report (" + header.get("mode") + " run)\n\n");
        b.append("Date: ").append(header.get("date")).append(". Machine: ").append(machineLine()).append(".\n\n");
        b.append("| figure | value | target | met | what |\n|---|---|---|---|---|\n");
        for (Target t : Target.ALL) {
            Double v = figures.get(t.key());
            Boolean met = t.met(v);
            b.append("| `").append(t.key()).append("` | ").append(v == null ? "n/a" : fmt(v) + " " + t.unit()).append(" | ")
                    .append(t.target()).append(" | ").append(met == null ? "n/a" : met ? "yes" : "**no**").append(" | ")
                    .append(t.what()).append(" |\n");
        }
        b.append("\n## Other figures\n\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> {
            if (Target.ALL.stream().noneMatch(t -> t.key().equals(k))) b.append("| `").append(k).append("` | ").append(v == null ? "n/a" : fmt(v)).append(" |\n");
        });
        sections.forEach((title, text) -> b.append("\n## ").append(title).append("\n\n").append(text.strip()).append('\n'));
        b.append("\n## Notes\n\n");
        for (String n : notes) b.append("- ").append(n).append('\n');
        b.append("\n## Details\n\n```json\n").append(pretty(details)).append("\n```\n");
        b.append("\n## Machine\n\n```json\n").append(pretty(header.get("machine"))).append("\n```\n");
        return b.toString();
    }

    private String machineLine() {
        Object m = header.get("machine");
        if (!(m instanceof Map<?, ?> map)) return "unknown";
        return map.get("cpu") + ", " + map.get("cores") + " cores, " + map.get("memory_gib") + " GiB, " + map.get("jdk");
    }

    private static String pretty(Object o) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (IOException e) {
            return String.valueOf(o);
        }
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static double round(double v) {
        return Math.abs(v) >= 100 ? Math.round(v * 10) / 10.0 : Math.round(v * 1000) / 1000.0;
    }
}
