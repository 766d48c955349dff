using ScalingFit.Core;
using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

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
        var paperData = new Option<bool>("--paper-data") { Description = "Fit the paper's own Figure-4 points (Epoch AI's extraction of 245 runs, embedded) with Epoch AI's drop of the 5 highest losses" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when any warning is raised (data checks, fit diagnostics, plausibility checks)" };
        var command = new Command("reproduce", "Reproduce the paper's Table 2 and Table 3 with all three approaches (on the sample sweeps, or on --input/--curves)");
        input.AddTo(command, inputRequired: false);
        options.AddTo(command);
        command.Add(json);
        command.Add(output);
        format.AddTo(command);
        command.Add(paperData);
        command.Add(strict);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var formats = format.Read(result);
            OutputPaths.CheckFile(result.GetValue(json), "--json");
            OutputPaths.CheckFolder(result.GetValue(output), "--out");
            bool paper = result.GetValue(paperData);
            bool userData = result.GetValue(input.Input) is not null || result.GetValue(input.Curves) is not null;
            if (paper && userData)
                throw new UsageException("--paper-data fits the embedded Figure-4 points; give either --paper-data or --input/--curves, not both.");
            bool sample = !paper && !userData;
            var audit = new ResultAudit();
            if (paper && result.GetResult(options.Statistics.DropHighest) is null or { Implicit: true })
            {
                // The paper-data mode reproduces Epoch AI's refit, which dropped the 5 highest losses; a user's own file
                // (--input) keeps every run unless --drop-highest says otherwise, as --help states.
                approachOptions = approachOptions with
                {
                    IsoFlop = approachOptions.IsoFlop with { DropHighest = EpochDropHighest },
                    Parametric = approachOptions.Parametric with { DropHighest = EpochDropHighest },
                };
                string note = $"--paper-data: dropping the {EpochDropHighest} runs with the highest loss, as Epoch AI's replication did (Besiroglu et al. 2024); pass --drop-highest 0 to keep all 245.";
                audit.Notes.Add(note);
                context.Note(note);
            }
            var fits = sample ? SampleData.Fit(context, approachOptions, audit)
                : FitRunner.Run(context, paper ? SampleData.LoadPaper(context, audit) : InputLoader.LoadRuns(context, input.Read(result), audit), approachOptions.ToFitAll(paperBudgetsFirst: true));
            if (!fits.Succeeded)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");
            foreach (var problem in DataChecks.Check(fits.Runs))
                audit.DataProblems.Add(problem);
            audit.Record(fits);

            var tables = ReportWriter.Tables(fits.Fits, PublishedFigures.Load());
            context.Out.WriteLine();
            foreach (var (_, table) in tables)
                TableView.Write(context, table);
            if (sample)
                ReportTruth(context, fits.Fits);
            audit.Summarise(context, fits.Fits);
            string data = sample
                ? "The project's sample sweeps, simulated from the paper's law (true a = 0.452, b = 0.548); see data/README.md."
                : paper ? "The paper's Figure-4 points as extracted by Epoch AI (245 runs, the 5 highest losses dropped); see data/README.md."
                : $"Data: {string.Join(", ", new[] { result.GetValue(input.Input)?.FullName, result.GetValue(input.Curves)?.FullName }.OfType<string>())}.";
            var frontiers = result.GetValue(json) is not null || result.GetValue(output) is not null ? FrontierRunner.Run(context, fits) : null;
            var report = new ReportOptions("Reproducing Hoffmann et al. 2022 (Chinchilla), Table 2 and Table 3", data, Formats: formats) { Frontiers = frontiers };
            ResultOutput.Write(context, fits, result.GetValue(output), result.GetValue(json), report, audit.Json(fits.Fits, result, "reproduce", frontiers));
            audit.ThrowIfStrict(result.GetValue(strict), fits.Fits);
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
