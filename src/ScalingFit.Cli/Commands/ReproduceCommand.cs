using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO.Results;
using ScalingFit.Plotting.Report;

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
            ResultOutput.Check(result.GetValue(output));
            var fits = sample ? SampleData.Fit(context, approachOptions) : FitRunner.Run(context, InputLoader.LoadRuns(context, input.Read(result)), approachOptions.ToFitAll(paperBudgetsFirst: true));
            if (!fits.Succeeded)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");

            var tables = ReportWriter.Tables(fits.Fits, PublishedFigures.Load());
            context.Out.WriteLine();
            foreach (var (_, table) in tables)
                TableView.Write(context, table);
            if (sample)
                ReportTruth(context, fits.Fits);
            string data = sample
                ? "The project's sample sweeps, simulated from the paper's law (true a = 0.452, b = 0.548); see data/README.md."
                : $"Data: {string.Join(", ", new[] { result.GetValue(input.Input)?.FullName, result.GetValue(input.Curves)?.FullName }.OfType<string>())}.";
            var report = new ReportOptions("Reproducing Hoffmann et al. 2022 (Chinchilla), Table 2 and Table 3", data, Formats: formats);
            ResultOutput.Write(context, fits, result.GetValue(output), result.GetValue(json), report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void ReportTruth(CliContext context, IReadOnlyList<IAllocationFit> fits)
    {
        double truth = SampleData.TrueLaw.ExponentA;
        context.Out.WriteLine($"The samples were simulated from the paper's law (E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28): true a = {Numbers.Format(truth, "F3")}, b = {Numbers.Format(1 - truth, "F3")}.");
        foreach (var fit in fits)
        {
            string verdict = fit.ExponentA.Interval is { } i
                ? (i.Contains(truth) ? "contains" : "MISSES") + $" the true a ({Numbers.Format(i.Level * 100, "0.#")}% interval {Numbers.Format(i.Low, "F3")}–{Numbers.Format(i.High, "F3")})"
                : "has no interval (" + (fit.ExponentA.MissingIntervalReason ?? "not computed") + ")";
            context.Out.WriteLine($"  {fit.Approach.Label()}: a = {Numbers.Format(fit.ExponentA.Value, "F3")}; the interval {verdict}.");
        }
    }
}
