using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit compare BASE VARIANT</c>: the effective compute multiplier of one recipe over another.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var baseFile = new Argument<FileInfo>("BASE") { Description = "The base sweep (.csv, .jsonl, .json)" };
        var variantFile = new Argument<FileInfo>("VARIANT") { Description = "The variant sweep, of the same kind" };
        var input = new InputOptions();
        var options = new FitOptionSet();
        var frontier = new FrontierOptionSet();
        var budget = new Option<string?>("--budget") { Description = "FLOP budgets to compare at, comma-separated (default: five across the FLOP range both sweeps share)" };
        var extrapolate = new Option<bool>("--extrapolate") { Description = "Allow budgets outside the FLOP range of both sweeps" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the comparison as JSON" };
        var figures = new Option<DirectoryInfo?>("--figures") { Description = "Write the two frontiers with k(C) annotated (compare-APPROACH.svg) into this folder" };
        var command = new Command("compare", "Compare two sweeps fitted the same way: the effective compute multiplier k(C) of VARIANT over BASE with intervals, the loss gap, and where the frontiers cross")
        {
            baseFile, variantFile,
        };
        input.AddTo(command, withInput: false);
        options.AddTo(command);
        frontier.AddTo(command);
        command.Add(budget);
        command.Add(extrapolate);
        command.Add(json);
        command.Add(figures);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var frontierOptions = frontier.Read(result, approachOptions);
            var approaches = frontier.Approaches(result);
            var budgets = result.GetValue(budget) is { } b ? Parse.PositiveList("--budget", b) : null;
            var jsonFile = result.GetValue(json);
            OutputPaths.Check(jsonFile);
            if (result.GetValue(input.Curves) is not null)
                throw new UsageException("compare reads each sweep's training curves from BASE and VARIANT themselves (files with several rows per run); --curves would give both sweeps the same curves. Leave it out.");
            CommonInput Files(FileInfo file) => new(file, null, result.GetValue(input.Column) ?? [], result.GetValue(input.SkipBadRows), result.GetValue(input.FlopFactor));
            var baseRuns = InputLoader.LoadRuns(context, Files(result.GetValue(baseFile)!));
            var variantRuns = InputLoader.LoadRuns(context, Files(result.GetValue(variantFile)!));

            bool skip = approaches.Length > 1;
            var baseFrontiers = Predictions.Fit(context, baseRuns, approaches, approachOptions, frontierOptions, skip, "base");
            var variantOptions = frontierOptions with { Bootstrap = FrontierComparer.VariantBootstrap(frontierOptions.EffectiveBootstrap) };
            var variantFrontiers = Predictions.Fit(context, variantRuns, approaches, approachOptions, variantOptions, skip, "variant");
            var comparisons = new List<FrontierComparison>();
            foreach (var bf in baseFrontiers)
            {
                if (variantFrontiers.FirstOrDefault(v => v.Approach == bf.Approach) is not { } vf)
                {
                    context.Note($"{bf.Approach.Name()}: fitted for the base sweep only; not compared.");
                    continue;
                }
                var at = budgets ?? FrontierComparer.DefaultBudgets(bf, vf);
                var outside = FrontierComparer.OutsideBothSweeps(bf, vf, at);
                if (outside.Length > 0 && !result.GetValue(extrapolate))
                    throw new UsageException($"{bf.Approach.Name()}: the budget(s) {string.Join(", ", outside.Select(Format.Sci))} lie outside the FLOP range of both sweeps "
                        + $"(base {Format.Sci(bf.DataFlops.Min)}–{Format.Sci(bf.DataFlops.Max)}, variant {Format.Sci(vf.DataFlops.Min)}–{Format.Sci(vf.DataFlops.Max)}); "
                        + "choose budgets inside one of them, or pass --extrapolate to compare the fitted frontiers there anyway.");
                var comparison = FrontierComparer.Compare(bf, vf, at);
                comparisons.Add(comparison);
                foreach (var d in comparison.Diagnostics.DistinctBy(d => d.Message))
                    context.Note($"{bf.Approach.Name()}: {d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
                foreach (var p in comparison.Points.Where(p => p.Problem is not null))
                    context.Note($"{bf.Approach.Name()}: {p.Problem}.");
            }
            if (comparisons.Count == 0)
                throw new FitFailedException("no approach was fitted to both sweeps; nothing to compare.");
            TableView.Write(context, ComparisonOutput.Table(comparisons));
            if (jsonFile is not null)
                OutputFiles.WriteText(jsonFile.FullName, ComparisonOutput.Json(comparisons));
            FigureFiles.Write(result.GetValue(figures), [.. comparisons.Select(c => ($"compare-{c.Approach.Name()}", ScalingFit.Plotting.PredictionFigures.Comparison(c)))]);
            if (!comparisons.Any(c => c.HasMultiplier))
                throw new FitFailedException("the two frontiers never reach the same loss at the budgets asked (see above): no multiplier can be given.");
            return ExitCodes.Success;
        });
        return command;
    }
}
