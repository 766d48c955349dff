using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core.Domain;
using ScalingFit.Core.Simulation;
using ScalingFit.Fitting;
using ScalingFit.IO.Results;

namespace ScalingFit.Cli.Commands;

/// <summary>
/// <c>scalingfit reproduce</c>: all three approaches on the sample sweeps (or the user's data), printed beside the
/// paper's Table 2 and Table 3. The README's main command.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>Besiroglu et al. 2024 dropped the 5 highest-loss points of the Figure-4 extraction before refitting.</summary>
    private const int EpochDropHighest = 5;

    public static Command Create(CliContext context)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON (cli-contract.md)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the tables (Markdown, CSV), the JSON, the reports, the figures and index.html into this folder" };
        var format = new FigureFormatOption();
        var command = new Command("reproduce", "Reproduce the paper's Table 2 and Table 3 with all three approaches (on the sample sweeps, or on --input/--curves)");
        input.AddTo(command, inputRequired: false);
        options.AddTo(command);
        command.Add(json);
        command.Add(output);
        format.AddTo(command);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var formats = format.Read(result);
            var published = PublishedFigures.Load();
            bool sample = result.GetValue(input.Input) is null && result.GetValue(input.Curves) is null;
            if (!sample && result.GetResult(options.Statistics.DropHighest) is null or { Implicit: true })
            {
                // Reproducing the published analyses means Epoch AI's filter too: their refit dropped the 5 highest losses.
                approachOptions = approachOptions with
                {
                    IsoFlop = approachOptions.IsoFlop with { DropHighest = EpochDropHighest },
                    Parametric = approachOptions.Parametric with { DropHighest = EpochDropHighest },
                };
                context.Note($"dropping the {EpochDropHighest} runs with the highest loss, as Epoch AI's replication did; pass --drop-highest 0 to keep every run.");
            }
            var samples = sample ? SampleData.LoadAll(context) : default;
            var runs = sample ? samples.All : InputLoader.LoadRuns(context, input.Read(result));
            var fits = sample ? FitSamples(context, approachOptions, samples.All, samples.IsoFlopRuns) : FitUserData(context, runs, approachOptions, result.GetValue(options.Budgets) is not null);
            if (fits.Count == 0)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");

            var exponents = ResultTables.Exponents(fits, published);
            var projections = ResultTables.Projections(fits, published);
            context.Out.WriteLine();
            TableView.Write(context, exponents);
            TableView.Write(context, projections);
            if (sample)
                ReportTruth(context, fits);

            string text = FitResultJson.Write(fits);
            if (result.GetValue(output) is { } folder)
                ReproductionOutput.Write(context, folder, "Reproducing Hoffmann et al. 2022 (Chinchilla), Table 2 and Table 3",
                    sample ? "The project's sample sweeps, simulated from the paper's law (true a = 0.452, b = 0.548); see data/README.md." : $"Data: {string.Join(", ", new[] { result.GetValue(input.Input)?.FullName, result.GetValue(input.Curves)?.FullName }.OfType<string>())}.",
                    runs, fits, [("table2", exponents), ("table3", projections)], text, formats);
            if (result.GetValue(json) is { } file)
                OutputFiles.WriteText(file.FullName, text);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<IAllocationFit> FitSamples(CliContext context, ApproachOptions options, RunSet all, RunSet isoFlopRuns)
    {
        context.Note($"sample sweeps (simulated from the paper's law, see data/README.md): {isoFlopRuns.Runs.Count} IsoFLOP runs on {SweepSimulator.PaperBudgets.Count} budgets, {all.Curves.Count} training curves");
        return Fit(context, options, (Approach.Envelope, all), (Approach.IsoFlop, isoFlopRuns), (Approach.Parametric, all));
    }

    private static IReadOnlyList<IAllocationFit> FitUserData(CliContext context, RunSet runs, ApproachOptions options, bool budgetsGiven)
    {
        bool labelled = runs.Runs.Any(r => r.FlopBudget is not null);
        if (!budgetsGiven && !labelled)
        {
            // The paper's nine budgets first (the Figure-4 points sit near them); automatic grouping if too few of them hold a valley.
            var paper = options with { IsoFlop = options.IsoFlop with { Budgets = SweepSimulator.PaperBudgets } };
            var first = Fit(context, paper, (Approach.IsoFlop, runs));
            if (first.Count == 1 && first[0] is Fitting.IsoFlop.IsoFlopFitResult { BudgetCount: >= 3 })
            {
                context.Note("isoflop: runs grouped by the paper's nine FLOP budgets (6e18 … 3e21); pass --budgets to choose others.");
                return [.. Fit(context, options, (Approach.Envelope, runs)), .. first, .. Fit(context, options, (Approach.Parametric, runs))];
            }
            context.Note("isoflop: fewer than 3 of the paper's budgets hold a valley in this data; grouping FLOPs automatically.");
        }
        return Fit(context, options, (Approach.Envelope, runs), (Approach.IsoFlop, runs), (Approach.Parametric, runs));
    }

    private static IReadOnlyList<IAllocationFit> Fit(CliContext context, ApproachOptions options, params (Approach Approach, RunSet Runs)[] plan)
    {
        var fits = new List<IAllocationFit>();
        foreach (var (approach, runs) in plan)
        {
            var outcome = FitRunner.Run(context, runs, [approach], options, skipUnsupported: true);
            foreach (var (skipped, reason) in outcome.Skipped)
                context.Note($"skipped {FitRunner.Name(skipped)}: {reason}");
            fits.AddRange(outcome.Fits);
        }
        return fits;
    }

    private static void ReportTruth(CliContext context, IReadOnlyList<IAllocationFit> fits)
    {
        double truth = SampleData.TrueLaw.ExponentA;
        context.Out.WriteLine($"The samples were simulated from the paper's law (E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28): true a = {truth:F3}, b = {1 - truth:F3}.");
        foreach (var fit in fits)
        {
            string verdict = fit.ExponentA.Interval is { } i
                ? (i.Contains(truth) ? "contains" : "MISSES") + $" the true a ({i.Level * 100:0.#}% interval {i.Low:F3}–{i.High:F3})"
                : "has no interval (" + (fit.ExponentA.MissingIntervalReason ?? "not computed") + ")";
            context.Out.WriteLine($"  {ResultTables.Label(fit.Approach)}: a = {fit.ExponentA.Value:F3}; the interval {verdict}.");
        }
    }
}
