package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.guidelinekb.cli.Main;
import org.junit.jupiter.api.Test;

/** Exit codes mean something: 0 ok, 1 usage, 2 failure with a one-line reason. */
class TestCli {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test void help_everywhere_exits_0() {
        java.util.List<String[]> calls = new java.util.ArrayList<>();
        calls.add(new String[] {"--help"});
        for (String command : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            if (!command.equals("help")) calls.add(new String[] {command, "--help"});
        }
        assertTrue(calls.size() > 10, "every command");
        for (String[] args : calls) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: gkb" + (args.length > 1 ? " " + args[0] : "")), r.out());
        }
    }

    @Test void usage_errors_exit_1() {
        assertEquals(1, run().code());
        assertEquals(1, run("no-such-command").code());
        assertEquals(1, run("serve", "--port", "not-a-number").code());
        assertEquals(1, run("load").code());
    }

    @Test void failures_exit_2_with_one_line_and_no_stack_trace() {
        Result r = run("validate", "no/such/file.ttl");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Result verbose = run("validate", "--verbose", "no/such/file.ttl");
        assertEquals(2, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    }
}
