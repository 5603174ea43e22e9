package org.guidelinekb.cli;

import java.io.PrintWriter;

import org.guidelinekb.api.ApiErrors;
import org.guidelinekb.error.GkbException;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.ValidationException;
import org.guidelinekb.sparql.QueryFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code gkb} command. Exit codes: 0 ok, 1 usage error, 2 failure (one line saying why; the stack trace only
 * with {@code --verbose}). This class is the CLI's one edge: domain exceptions become exit codes here.
 */
@Command(name = "gkb", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "guideline-kb: a versioned clinical-guideline knowledge-base server.",
        subcommands = {ServeCommand.class, LoadCommand.class, ValidateCommand.class, EvaluateCommand.class, DiffCommand.class,
                ExportFhirCommand.class, ImportFhirCommand.class, GenerateCommand.class, BackupCommand.class, RestoreCommand.class, WarmUpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int FAILURE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces on failure.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (tests call this directly). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("gkb: " + ex.getMessage());
            err.println("Try 'gkb " + (ex.getCommandLine().getCommandName().equals("gkb") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            boolean verbose = parseResult.matchedOption("--verbose") != null
                    || parseResult.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
            err.println("gkb: " + oneLine(ex));
            if (ex instanceof ValidationException ve) {
                for (var v : ve.violations()) err.println("  " + v);
            }
            if (ex instanceof InvalidInputException ie) {
                for (var f : ie.errors()) err.println("  " + f.field() + ": " + f.message());
            }
            if (verbose) writeTrace(ex, err);
            return FAILURE;
        });
        return cl.execute(args);
    }

    /** The stack trace, cause by cause, for --verbose. */
    static void writeTrace(Throwable ex, PrintWriter err) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            err.println((t == ex ? "" : "Caused by: ") + t);
            for (StackTraceElement e : t.getStackTrace()) err.println("\tat " + e);
        }
    }

    static String oneLine(Throwable ex) {
        if (ex instanceof GkbException g) return g.getMessage() + " (" + ApiErrors.status(g) + " " + g.slug() + ")";
        if (ex instanceof QueryFileException) return ex.getMessage();
        String msg = ex.getMessage();
        return (msg == null ? ex.getClass().getSimpleName() : msg).lines().findFirst().orElse("");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gkb " + org.guidelinekb.util.ServerVersion.get()};
        }
    }
}
