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

            var runs = InputLoader.LoadRuns(context, input.Read(result));
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
            var backtestOptions = new BacktestOptions(approachOptions.Envelope, approachOptions.IsoFlop, approachOptions.Parametric, frontierOptions);
            var names = approaches;
            if (approaches.Length > 1 && !runs.HasCurves)
            {
                context.Note("skipped envelope (Approach 1): needs training curves (several rows per run); give curves with --curves FILE.");
                names = names.Where(n => n != Approach.Envelope).ToArray();
            }
            var results = ProgressBar.Run(context, sink =>
            {
                var progress = sink.Stage("backtest", names.Length * cutoffs.Length);
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
            TableView.Write(context, BacktestOutput.Summary(results));
            if (result.GetValue(targets))
                TableView.Write(context, BacktestOutput.Targets(results));
            if (jsonFile is not null)
                OutputFiles.WriteText(jsonFile.FullName, BacktestOutput.Json(results));
            var charts = new List<(string, ScalingFit.Plotting.Figure)> { ("backtest", ScalingFit.Plotting.PredictionFigures.PredictedAgainstObserved(results)) };
            foreach (var r in results)
                if (r.Cutoffs.FirstOrDefault(c => c.Frontier is { Succeeded: true }) is { } first)
                    charts.Add(($"backtest-{r.Approach.Name()}", ScalingFit.Plotting.PredictionFigures.Frontier([first.Frontier!],
                        [.. first.Targets.Select(t => (t.Flops, t.ObservedLoss))])));
            FigureFiles.Write(result.GetValue(figures), [.. charts]);
            var failures = results.SelectMany(r => r.Cutoffs.Where(c => c.Failure is not null).Select(c => (r.Approach, c))).ToArray();
            foreach (var (approach, c) in failures)
                context.Note($"{approach.Name()}: cutoff {Format.Sci(c.CutoffFlops)}: {c.Failure}");
            if (failures.Length == results.Sum(r => r.Cutoffs.Count))
                throw new FitFailedException("no cutoff gave predictions (see the reasons above): hold out fewer budgets or move the cutoff up.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static int[] Counts(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, out int k) && k >= 1 ? k : throw new UsageException($"--holdout: '{part}' is not a count of budgets ≥ 1; write e.g. --holdout 1,2,3.")).ToArray();
}
