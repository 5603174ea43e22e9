package org.guidelinekb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: CPU, cores, memory, disk, OS, JDK and library versions. */
public final class Machine {
    private Machine() {}

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_gib", Math.round(memTotalKb() / 1024.0 / 1024.0 * 10) / 10.0);
        m.put("disk", disk());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        Map<String, Object> libs = new LinkedHashMap<>();
        libs.put("jena", version(org.apache.jena.Jena.class, "org.apache.jena", "jena-core"));
        libs.put("javalin", version(io.javalin.Javalin.class, "io.javalin", "javalin"));
        libs.put("jetty", org.eclipse.jetty.util.Jetty.VERSION);
        libs.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        libs.put("jmh", version(org.openjdk.jmh.runner.Runner.class, "org.openjdk.jmh", "jmh-core"));
        libs.put("hdrhistogram", version(org.HdrHistogram.Histogram.class, "org.hdrhistogram", "HdrHistogram"));
        m.put("libraries", libs);
        return m;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).strip();
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return "unknown";
    }

    private static long memTotalKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return Runtime.getRuntime().maxMemory() / 1024;
        }
        return 0;
    }

    /** "ssd" / "hdd" from /sys/block/<dev>/queue/rotational of the first block device, else "unknown". */
    private static String disk() {
        try (var s = Files.list(Path.of("/sys/block"))) {
            for (Path dev : s.sorted().toList()) {
                String name = dev.getFileName().toString();
                if (name.startsWith("loop") || name.startsWith("ram")) continue;
                Path rot = dev.resolve("queue/rotational");
                if (Files.exists(rot)) return name + ": " + (Files.readString(rot).strip().equals("0") ? "ssd (non-rotational)" : "hdd (rotational)");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** The Maven version of a library, from its jar's pom.properties or manifest. */
    private static String version(Class<?> c, String group, String artifact) {
        try (var in = c.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in != null) {
                var p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version");
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = c.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
