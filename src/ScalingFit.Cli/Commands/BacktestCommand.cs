using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit backtest</c>: hold out the top of the sweep, fit the rest, predict what was held out.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var frontier = new FrontierOptionSet();
        var holdout = new Option<string?>("--holdout") { Description = "Hold out the largest K FLOP budgets; several K comma-separated give error against extrapolation distance (default 1). Without budgets, K half-decades of C." };
        var cutoff = new Option<string?>("--cutoff") { Description = "Hold out everything above these FLOP cutoffs instead, comma-separated" };
        var targets = new Option<bool>("--targets") { Description = "Also print every held-out value with its prediction" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the backtest as JSON" };
        var figures = new Option<DirectoryInfo?>("--figures") { Description = "Write predicted-against-observed (backtest.svg) and, per approach, the frontier fitted below the first cutoff with the held-out points (backtest-APPROACH.svg) into this folder" };
        var command = new Command("backtest", "Hold out the largest budgets (or everything above a FLOP cutoff), fit the rest, and check the predictions of each approach");
        input.AddTo(command);
        options.AddTo(command);
        frontier.AddTo(command);
        command.Add(holdout);
        command.Add(cutoff);
        command.Add(targets);
        command.Add(json);
        command.Add(figures);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var frontierOptions = frontier.Read(result, approachOptions);
            var approaches = frontier.Approaches(result);
            if (result.GetValue(holdout) is not null && result.GetValue(cutoff) is not null)
                throw new UsageException("give --holdout K or --cutoff C, not both.");
            int[] counts = result.GetValue(holdout) is { } h ? Counts(h) : [];
            double[] cutoffs = result.GetValue(cutoff) is { } cutText ? Parse.PositiveList("--cutoff", cutText) : [];
            if (counts.Length == 0 && cutoffs.Length == 0)
                counts = [1];
            var jsonFile = result.GetValue(json);
            OutputPaths.Check(jsonFile);
            OutputPaths.CheckFolder(result.GetValue(figures), "--figures");

            var import = InputLoader.LoadImport(context, input.Read(result));
            var backtestOptions = new BacktestOptions(approachOptions.Envelope, approachOptions.IsoFlop, approachOptions.Parametric, frontierOptions);
            var figureFolder = result.GetValue(figures);
            bool showTargets = result.GetValue(targets);
            if (import.Groups.Count == 0)
            {
                var single = Run(context, import.RunSet, approaches, counts, cutoffs, approachOptions, backtestOptions, null);
                Write(context, single, showTargets, figureFolder);
                if (jsonFile is not null)
                    OutputFiles.WriteText(jsonFile.FullName, BacktestOutput.Json(single));
                if (NoCutoffPredicted(single))
                    throw new FitFailedException(NoPredictions);
                return ExitCodes.Success;
            }

            // --group-by: each group backtested on its own; a group that cannot be is a note and a "problem" in the JSON.
            var documents = new List<GroupedDocument>();
            foreach (var group in import.Groups)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                string? problem = null;
                IReadOnlyList<BacktestResult>? results = null;
                if (!group.Import.Succeeded)
                    problem = "import failed: " + group.Import.Errors[0];
                else
                {
                    try
                    {
                        results = Run(context, group.Import.RunSet, approaches, counts, cutoffs, approachOptions, backtestOptions, group.Name);
                        if (NoCutoffPredicted(results))
                            (results, problem) = (null, NoPredictions);
                    }
                    catch (UsageException ex)
                    {
                        problem = ex.Message;
                    }
                }
                if (results is null)
                {
                    context.Note($"{group.Name}: not backtested: {problem}");
                    documents.Add(new GroupedDocument(group.Name, null, problem));
                    continue;
                }
                Write(context, results, showTargets, figureFolder is null ? null : new DirectoryInfo(Path.Combine(figureFolder.FullName, GroupedFit.FolderName(group.Name))), group.Name);
                documents.Add(new GroupedDocument(group.Name, BacktestOutput.Json(results), null));
            }
            if (jsonFile is not null)
                OutputFiles.WriteText(jsonFile.FullName, GroupedOutput.Json(documents));
            if (documents.All(d => d.Json is null))
                throw new FitFailedException($"no group could be backtested ({documents.Count} groups; see the reasons above).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Backtests one sweep, noting each cutoff that failed; --holdout asking more budgets than the sweep has throws (exit 2).</summary>
    private static IReadOnlyList<BacktestResult> Run(CliContext context, Core.RunSet runs, Approach[] approaches, int[] counts, double[] cutoffs,
        ApproachOptions approachOptions, BacktestOptions backtestOptions, string? group)
    {
        string prefix = group is null ? "" : group + ": ";
        if (counts.Length > 0)
        {
            try
            {
                cutoffs = Backtester.CutoffsForHeldOutBudgets(runs, counts, approachOptions.IsoFlop);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--holdout: {ex.Message.Split(" (Parameter")[0]}");
            }
        }
        var names = approaches;
        if (approaches.Length > 1 && !runs.HasCurves)
        {
            context.Note($"{prefix}skipped envelope (Approach 1): needs training curves (several rows per run); give curves with --curves FILE.");
            names = names.Where(n => n != Approach.Envelope).ToArray();
        }
        var results = ProgressBar.Run(context, sink =>
        {
            var progress = sink.Stage($"{prefix}backtest", names.Length * cutoffs.Length);
            var list = new List<BacktestResult>();
            int done = 0;
            foreach (var name in names)
                foreach (var cut in cutoffs)
                {
                    var one = Backtester.Run(runs, name, [cut], backtestOptions, context.Cancellation);
                    list.Add(one);
                    progress.Report(++done);
                }
            return list.GroupBy(r => r.Approach).Select(g => new BacktestResult(g.Key, g.SelectMany(r => r.Cutoffs).ToArray(), g.SelectMany(r => r.Diagnostics).ToArray())).ToList();
        });
        var failures = results.SelectMany(r => r.Cutoffs.Where(c => c.Failure is not null).Select(c => (r.Approach, c))).ToArray();
        foreach (var (approach, c) in failures)
            context.Note($"{prefix}{approach.Name()}: cutoff {Format.Sci(c.CutoffFlops)}: {c.Failure}");
        return results;
    }

    private const string NoPredictions = "no cutoff gave predictions (see the reasons above): hold out fewer budgets or move the cutoff up.";

    private static bool NoCutoffPredicted(IReadOnlyList<BacktestResult> results) => results.All(r => r.Cutoffs.All(c => c.Failure is not null));

    /// <summary>The tables (captions prefixed by the group, when there is one) and the figures.</summary>
    private static void Write(CliContext context, IReadOnlyList<BacktestResult> results, bool targets, DirectoryInfo? figures, string? group = null)
    {
        TextTable Named(TextTable table) => group is null ? table : GroupedOutput.ForGroup(group, table);
        TableView.Write(context, Named(BacktestOutput.Summary(results)));
        if (targets)
            TableView.Write(context, Named(BacktestOutput.Targets(results)));
        var charts = new List<(string, ScalingFit.Plotting.Figure)> { ("backtest", ScalingFit.Plotting.PredictionFigures.PredictedAgainstObserved(results)) };
        foreach (var r in results)
            if (r.Cutoffs.FirstOrDefault(c => c.Frontier is { Succeeded: true }) is { } first)
                charts.Add(($"backtest-{r.Approach.Name()}", ScalingFit.Plotting.PredictionFigures.Frontier([first.Frontier!],
                    [.. first.Targets.Select(t => (t.Flops, t.ObservedLoss))])));
        FigureFiles.Write(figures, [.. charts]);
    }

    private static int[] Counts(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, out int k) && k >= 1 ? k : throw new UsageException($"--holdout: '{part}' is not a count of budgets ≥ 1; write e.g. --holdout 1,2,3.")).ToArray();
}
