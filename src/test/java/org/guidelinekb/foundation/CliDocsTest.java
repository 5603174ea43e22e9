package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guidelinekb.cli.Main;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md lists exactly the settings and commands the command line has: the settings table names every
 * option of {@code gkb serve} with the environment variable it falls back to, and the command table every command.
 */
class CliDocsTest {
    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Set<String> STANDARD = Set.of("--help", "--version", "--verbose");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

    @Test
    void the_settings_table_lists_every_option_of_serve_with_its_environment_variable() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>(); // flag -> environment cell
        for (String line : Files.readString(DOC).lines().toList()) {
            Matcher m = Pattern.compile("^\\| `(--[a-z-]+)` \\|\\s*([^|]*?)\\s*\\|").matcher(line);
            if (m.find()) documented.put(m.group(1), m.group(2).strip());
        }
        CommandLine serve = new CommandLine(new Main()).getSubcommands().get("serve");
        Set<String> options = new TreeSet<>();
        for (OptionSpec o : serve.getCommandSpec().options()) {
            String name = o.longestName();
            if (STANDARD.contains(name)) continue;
            options.add(name);
            Matcher env = ENV.matcher(declaredDefault(o));
            String cell = documented.getOrDefault(name, "");
            if (env.find()) {
                assertTrue(cell.contains("`" + env.group(1) + "`"), name + " falls back to " + env.group(1) + "; the table says '" + cell + "'");
            } else {
                assertEquals("", cell, name + " reads no environment variable");
            }
        }
        assertEquals(options, new TreeSet<>(documented.keySet()), DOC + ": the flags of 'gkb serve'");
    }

    /** The default as the option declares it ({@code ${env:NAME:-value}}), before picocli resolves it. */
    private static String declaredDefault(OptionSpec o) {
        if (o.userObject() instanceof java.lang.reflect.Field f && f.isAnnotationPresent(CommandLine.Option.class)) {
            return f.getAnnotation(CommandLine.Option.class).defaultValue();
        }
        return "";
    }

    @Test
    void the_command_table_lists_every_command() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `\\./gkb ([a-z][a-z-]*)", Pattern.MULTILINE).matcher(Files.readString(DOC));
        while (m.find()) documented.add(m.group(1));
        documented.removeAll(Set.of("test", "build")); // the launcher's own commands (./gkb), not the jar's
        Set<String> commands = new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
        commands.remove("help");
        assertEquals(commands, documented, DOC + ": the commands of gkb");
    }
}
