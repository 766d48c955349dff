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
        var baseFile = new Argument<FileInfo?>("BASE") { Description = "The base sweep (.csv, .jsonl, .json); or use --input with --group-by and --compare-to", Arity = ArgumentArity.ZeroOrOne };
        var variantFile = new Argument<FileInfo?>("VARIANT") { Description = "The variant sweep, of the same kind", Arity = ArgumentArity.ZeroOrOne };
        var input = new InputOptions();
        var options = new FitOptionSet();
        var frontier = new FrontierOptionSet();
        var compareTo = new Option<string?>("--compare-to") { Description = "With --input and --group-by: the base group (its name, e.g. recipe=baseline, or its value, e.g. baseline); every other group is a variant" };
        var budget = new Option<string?>("--budget") { Description = "FLOP budgets to compare at, comma-separated (default: five across the FLOP range both sweeps share)" };
        var extrapolate = new Option<bool>("--extrapolate") { Description = "Allow budgets outside the FLOP range of both sweeps" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the comparison as JSON" };
        var figures = new Option<DirectoryInfo?>("--figures") { Description = "Write the two frontiers with k(C) annotated (compare-APPROACH.svg; compare-VARIANT-APPROACH.svg with groups) into this folder" };
        var command = new Command("compare", "Compare two sweeps fitted the same way: the effective compute multiplier k(C) of VARIANT over BASE with intervals, the loss gap, and where the frontiers cross. "
            + "Two files (BASE VARIANT), or the groups of one file (--input FILE --group-by COL --compare-to GROUP)")
        {
            baseFile, variantFile,
        };
        input.AddTo(command, withInput: true, inputRequired: false);
        options.AddTo(command);
        frontier.AddTo(command);
        command.Add(compareTo);
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
            OutputPaths.CheckFolder(result.GetValue(figures), "--figures");
            if (result.GetValue(input.Curves) is not null)
                throw new UsageException("compare reads each sweep's training curves from its own rows (files with several rows per run); --curves would give every sweep the same curves. Leave it out.");
            var logs = input.Logs.Read(result);
            var (first, second) = (result.GetValue(baseFile), result.GetValue(variantFile));
            var grouped = result.GetValue(input.Input) is not null || logs.GroupBy.Length > 0 || result.GetValue(compareTo) is not null;
            if (grouped && first is not null)
                throw new UsageException("compare takes either two files (compare BASE VARIANT) or one file with groups (compare --input FILE --group-by COL --compare-to GROUP), not both.");
            if (grouped)
                return CompareGroups(context, result, input, logs, result.GetValue(compareTo), approaches, approachOptions, frontierOptions, budgets, result.GetValue(extrapolate), jsonFile, result.GetValue(figures));
            if (first is null || second is null)
                throw new UsageException("compare needs two sweeps: compare BASE VARIANT (two files), or compare --input FILE --group-by COL --compare-to GROUP (the groups of one file).");

            CommonInput Files(FileInfo file) => new(file, null, result.GetValue(input.Column) ?? [], result.GetValue(input.SkipBadRows), result.GetValue(input.FlopFactor)) { Logs = logs };
            var baseRuns = InputLoader.LoadRuns(context, Files(first));
            var variantRuns = InputLoader.LoadRuns(context, Files(second));

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

    private static int CompareGroups(CliContext context, ParseResult result, InputOptions input, LogInput logs, string? compareTo, Approach[] approaches,
        ApproachOptions approachOptions, LossFrontierOptions frontierOptions, double[]? budgets, bool extrapolate, FileInfo? jsonFile, DirectoryInfo? figures)
    {
        if (result.GetValue(input.Input) is null || logs.GroupBy.Length == 0 || compareTo is null)
            throw new UsageException("compare on one file needs all three of --input FILE, --group-by COL and --compare-to GROUP (the base group); or give two files, compare BASE VARIANT.");
        var import = InputLoader.LoadImport(context, input.Read(result));
        var groups = ImportGroups.Sweeps(import);
        string list = string.Join("; ", import.Groups.Select(g => g.Name));
        if (groups.Count < 2)
            throw new UsageException($"{import.File}: --group-by {string.Join(',', logs.GroupBy)} found {groups.Count} group{(groups.Count == 1 ? $" ({list})" : "s")}; a comparison needs the base and at least one variant. Check the column (and --where).");
        if (ImportGroups.Find(import, compareTo) is not { } baseName)
            throw new UsageException($"--compare-to {compareTo}: no group of that name or value; the groups are: {list}.");
        var baseGroup = groups.First(g => g.Name == baseName);
        if (baseGroup.Runs is null)
            throw new UsageException($"--compare-to {compareTo}: the base group could not be read: {baseGroup.Problem}");

        var comparisonOptions = new GroupComparisonOptions(approachOptions.ToFitAll(approaches), frontierOptions, budgets, extrapolate);
        var outcome = ProgressBar.Run(context, sink => GroupComparer.Compare(groups, baseName, comparisonOptions, group => sink.Named(group).Fits(), context.Cancellation));
        foreach (var note in outcome.Notes)
            context.Note(note);
        foreach (var row in outcome.Rows)
        {
            if (row.Comparison is not { } c)
            {
                context.Note($"{row.Variant}: {(row.Approach is { } a ? a.Name() + ": " : "")}not compared: {row.Message}");
                continue;
            }
            foreach (var d in c.Diagnostics.DistinctBy(d => d.Message))
                context.Note($"{row.Variant}: {c.Approach.Name()}: {d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
            foreach (var p in c.Points.Where(p => p.Problem is not null))
                context.Note($"{row.Variant}: {c.Approach.Name()}: {p.Problem}.");
        }
        if (outcome.BaseFrontiers.Count == 0)
            throw new FitFailedException($"the base group {baseName} could not be fitted with any approach (see above); nothing to compare.");
        var comparisons = outcome.Comparisons;
        if (comparisons.Count == 0 && outcome.Rows.Any(r => r.Reason == NotComparedReason.BudgetsOutsideData))
            throw new UsageException("no group was compared: the budget(s) lie outside the FLOP range of both sweeps (see above); choose budgets inside the data, or pass --extrapolate.");
        TableView.Write(context, ComparisonOutput.GroupTable(outcome));
        if (jsonFile is not null)
            OutputFiles.WriteText(jsonFile.FullName, ComparisonOutput.GroupJson(outcome));
        FigureFiles.Write(figures, [.. comparisons.Select(c => ($"compare-{GroupedFit.FolderName(c.Variant)}-{c.Comparison.Approach.Name()}", ScalingFit.Plotting.PredictionFigures.Comparison(c.Comparison, $"{baseName} (base)", c.Variant)))]);
        if (comparisons.Count == 0)
            throw new FitFailedException("no group could be compared with the base (see the table above).");
        if (!outcome.HasMultiplier)
            throw new FitFailedException("no variant's frontier reaches the same loss as the base's at the budgets asked (see above): no multiplier can be given.");
        return ExitCodes.Success;
    }
}
