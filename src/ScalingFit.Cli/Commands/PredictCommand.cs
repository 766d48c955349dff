using System.CommandLine;
using System.Globalization;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit predict</c>: the loss at FLOP budgets on the compute-optimal frontier, or at (N, D), with intervals.</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var frontier = new FrontierOptionSet();
        var budget = new Option<string?>("--budget") { Description = "FLOP budget(s) C on the compute-optimal frontier, comma-separated (e.g. 1e22,1e23)" };
        var at = new Option<string?>("--at") { Description = "Parametric: (N, D) pairs written N:D, comma-separated (e.g. 7e10:1.4e12)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the predictions as JSON" };
        var figures = new Option<DirectoryInfo?>("--figures") { Description = "Write the L*(C) frontier figure (frontier.svg) into this folder" };
        var fitFile = new Option<FileInfo?>("--fit") { Description = "Predict from the loss frontiers stored in a 'scalingfit fit --json' file (or a report folder's results.json, or 'predict --json'), without the data and without refitting; instead of --input" };
        var command = new Command("predict", "Predict the loss at a compute budget (every approach) or at (N, D) (parametric), with intervals and the extrapolation factor");
        input.AddTo(command, inputRequired: false);
        options.AddTo(command);
        frontier.AddTo(command);
        command.Add(budget);
        command.Add(at);
        command.Add(json);
        command.Add(figures);
        command.Add(fitFile);
        var outputs = new HashSet<Option>([frontier.Approach, budget, at, json, figures, fitFile]);
        command.SetAction(result =>
        {
            var stored = result.GetValue(fitFile);
            if (stored is not null)
            {
                // A stored frontier was fitted with the options of its 'fit' run: data and fit options cannot change it.
                var clash = command.Options.FirstOrDefault(o => !outputs.Contains(o) && result.GetResult(o) is { Implicit: false });
                if (clash is not null)
                    throw new UsageException($"--fit {stored.Name} predicts from stored frontiers; {clash.Name} belongs to fitting from data. Drop {clash.Name}, or predict from the data with --input FILE instead of --fit.");
            }
            else if (result.GetValue(input.Input) is null)
            {
                throw new UsageException("give --input FILE (fit the data now) or --fit RESULT.json (the --json output of 'scalingfit fit').");
            }
            var approaches = frontier.Approaches(result);
            var budgets = result.GetValue(budget) is { } b ? Parse.PositiveList("--budget", b) : [];
            var pairs = result.GetValue(at) is { } a ? Pairs(a) : [];
            if (budgets.Length == 0 && pairs.Length == 0)
                throw new UsageException("give --budget C (loss on the compute-optimal frontier) or --at N:D (loss of the parametric law), or both.");
            if (pairs.Length > 0 && !approaches.Contains(Approach.Parametric))
                throw new UsageException("--at N:D needs the parametric law; use --approach parametric or all.");
            var jsonFile = result.GetValue(json);
            OutputPaths.Check(jsonFile);

            IReadOnlyList<LossFrontier> predictions;
            if (stored is not null)
            {
                predictions = Stored(context, stored, approaches.Length == 1 ? approaches[0] : null);
                if (pairs.Length > 0 && !predictions.Any(f => f.Curve is LawFrontierCurve))
                    throw new UsageException($"--at N:D needs the parametric law; {stored.FullName} holds no parametric loss frontier. Use --budget, or fit with 'scalingfit fit parametric ... --json FILE'.");
            }
            else
            {
                var approachOptions = options.Read(result);
                var frontierOptions = frontier.Read(result, approachOptions);
                var import = InputLoader.LoadImport(context, input.Read(result));
                if (import.Groups.Count > 0)
                    return GroupedPredict.Run(context, import, approaches, approachOptions, frontierOptions, budgets, pairs, jsonFile, result.GetValue(figures));
                predictions = Predictions.Fit(context, import.RunSet, approaches, approachOptions, frontierOptions, skip: approaches.Length > 1);
            }
            var made = predictions.Select(f => ApproachPredictions.Make(f, budgets, pairs)).ToList();
            foreach (var m in made)
                foreach (var d in m.Warnings)
                    context.Note($"{m.Frontier.Approach.Name()}: {d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
            if (budgets.Length > 0)
                TableView.Write(context, PredictionOutput.BudgetTable(made));
            if (pairs.Length > 0)
                TableView.Write(context, PredictionOutput.AllocationTable(made));
            if (jsonFile is not null)
                OutputFiles.WriteText(jsonFile.FullName, PredictionOutput.Json(made));
            FigureFiles.Write(result.GetValue(figures), ("frontier", ScalingFit.Plotting.PredictionFigures.Frontier(predictions,
                maxFlops: budgets.Length > 0 ? Math.Max(budgets.Max() * 2, predictions.Max(f => f.DataFlops.Max) * 10) : null)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The fitted frontiers stored in <paramref name="file"/> (of <paramref name="approach"/> when given); a bad file is exit 2.</summary>
    private static IReadOnlyList<LossFrontier> Stored(CliContext context, FileInfo file, Approach? approach)
    {
        if (!file.Exists)
            throw new UsageException($"{file.FullName}: file not found; give the --json output of 'scalingfit fit all --input DATA --json FILE' (or a report folder's results.json).");
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{file.FullName}: cannot be read ({ex.Message}).");
        }
        var (frontiers, problem) = LossFrontierJson.Read(text, approach);
        if (frontiers is null)
            throw new UsageException($"{file.FullName}: {problem}.");
        foreach (var f in frontiers.Where(f => !f.Succeeded))
            context.Note($"skipped {f.Approach.Name()}: its stored loss frontier was not fitted: {f.FailureReason}");
        var fitted = frontiers.Where(f => f.Succeeded).ToArray();
        if (fitted.Length == 0)
            throw new FitFailedException($"{file.FullName}: no stored loss frontier was fitted (see the reasons above).");
        return fitted;
    }

    private static (double N, double D)[] Pairs(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var nd = part.Split(':');
            if (nd.Length != 2)
                throw new UsageException($"--at: '{part}' is not N:D; write a model size and a token count, e.g. --at 7e10:1.4e12.");
            return (Parse.Positive("--at", nd[0]), Parse.Positive("--at", nd[1]));
        }).ToArray();
}

/// <summary>Fits the approaches and their loss frontiers, with progress bars; shared by predict, backtest and compare.</summary>
internal static class Predictions
{
    public static IReadOnlyList<LossFrontier> Fit(CliContext context, Core.RunSet runs, Approach[] approaches,
        ApproachOptions options, LossFrontierOptions frontierOptions, bool skip, string? label = null)
    {
        var outcome = FitRunner.Run(context, runs, options.ToFitAll(approaches), reportSkipped: false);
        string prefix = label is null ? "" : label + ": ";
        foreach (var skipped in outcome.Skipped)
        {
            if (!skip)
                throw new FitFailedException($"{prefix}{(skipped.Fit is null ? FitRunner.Name(skipped.Approach) : skipped.Approach.Name())}: {skipped.Reason}");
            context.Note($"{prefix}skipped {FitRunner.Name(skipped.Approach)}: {skipped.Reason}");
        }
        if (outcome.Fits.Count == 0)
            throw new FitFailedException($"{prefix}no approach could be fitted to this data (see the reasons above).");
        var frontiers = new List<LossFrontier>();
        foreach (var fit in outcome.Fits)
        {
            var frontier = ProgressBar.Run(context, sink => LossFrontierFitter.Fit(fit, runs, frontierOptions, sink.Fits(), context.Cancellation));
            if (!frontier.Succeeded)
            {
                if (!skip)
                    throw new FitFailedException($"{prefix}{fit.Approach.Name()}: {frontier.FailureReason}");
                context.Note($"{prefix}skipped {fit.Approach.Name()}: {frontier.FailureReason}");
                continue;
            }
            frontiers.Add(frontier);
        }
        if (frontiers.Count == 0)
            throw new FitFailedException($"{prefix}no loss frontier could be fitted (see the reasons above).");
        return frontiers;
    }
}
/// <summary>Writes figures as SVG files into a folder.</summary>
internal static class FigureFiles
{
    public static void Write(DirectoryInfo? folder, params (string Name, ScalingFit.Plotting.Figure Figure)[] figures)
    {
        if (folder is null)
            return;
        var dir = OutputFiles.Folder(folder.FullName);
        foreach (var (name, figure) in figures)
            OutputFiles.WriteText(Path.Combine(dir.FullName, name + ".svg"), figure.ToSvg());
    }
}
