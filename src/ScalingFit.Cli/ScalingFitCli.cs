using System.CommandLine;
using ScalingFit.Cli.Commands;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;

namespace ScalingFit.Cli;

/// <summary>
/// The <c>scalingfit</c> command line (cli-contract.md): parses, dispatches to a command, and maps failures to
/// exit codes — 0 success, 1 the data could not be fitted, 2 bad input or usage — with one <c>error:</c> line, never a stack trace.
/// </summary>
public static class ScalingFitCli
{
    /// <summary>Runs the command line with the given writers; returns the exit code. Used by Program and by tests.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellation = default)
    {
        var context = new CliContext(output, error, interactive, cancellation);
        var root = new RootCommand("scalingfit: fit scaling laws of language models (the three Chinchilla approaches, with bootstrap intervals)")
        {
            InspectCommand.Create(context),
            FitCommand.Create(context),
            ReproduceCommand.Create(context),
            AllocateCommand.Create(context),
            SimulateCommand.Create(context),
            ReportCommand.Create(context),
            PlanCommand.Create(context),
            PredictCommand.Create(context),
            BacktestCommand.Create(context),
            CompareCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'scalingfit --help' (or 'scalingfit COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {LibraryWords.ToCli(ex.Message)}");
            foreach (var line in ex.Details)
                error.WriteLine(LibraryWords.ToCli(line));
            return ExitCodes.BadInput;
        }
        catch (InvalidRunException ex)
        {
            // The importers reject such values first; this catches data built by other means (e.g. a notebook's run set).
            error.WriteLine($"error: {LibraryWords.ToCli(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (FitFailedException ex)
        {
            error.WriteLine($"error: {LibraryWords.ToCli(ex.Message)}");
            return ExitCodes.FitFailed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: interrupted; no output file was written or changed.");
            return ExitCodes.Interrupted;
        }
    }
}
