using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit fit envelope|isoflop|parametric|all</c>: fit the approaches and report a and b with intervals.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var fit = new Command("fit", "Fit the compute-optimal exponents a (N_opt ∝ C^a) and b (D_opt ∝ C^b)");
        fit.Add(Sub(context, "envelope", "Approach 1: the envelope of training curves (least loss per FLOP)", [Approach.Envelope]));
        fit.Add(Sub(context, "isoflop", "Approach 2: IsoFLOP valleys (a parabola per FLOP budget)", [Approach.IsoFlop]));
        fit.Add(Sub(context, "parametric", "Approach 3: L(N, D) = E + A/N^α + B/D^β with a Huber loss, L-BFGS from 4,500 starts", [Approach.Parametric]));
        fit.Add(Sub(context, "all", "Every approach the data supports, side by side", [.. Approaches.All]));
        return fit;
    }

    private static Command Sub(CliContext context, string name, string description, Approach[] approaches)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON (cli-contract.md)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the JSON, the tables (Markdown, CSV), the figures and index.html into this folder" };
        var format = new FigureFormatOption();
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when any warning is raised (data checks, fit diagnostics, plausibility checks), for scripted pipelines" };
        var command = new Command(name, description);
        input.AddTo(command);
        options.AddTo(command, approaches.Contains(Approach.Parametric), approaches.Contains(Approach.IsoFlop), approaches.Contains(Approach.Envelope));
        command.Add(json);
        command.Add(output);
        format.AddTo(command);
        command.Add(strict);
        command.SetAction(result =>
        {
            var fitOptions = options.Read(result).ToFitAll(approaches);
            var formats = format.Read(result);
            var files = input.Read(result);
            OutputPaths.CheckFile(result.GetValue(json), "--json");
            OutputPaths.CheckFolder(result.GetValue(output), "--out");
            var audit = new ResultAudit();
            var import = InputLoader.LoadImport(context, files, audit);
            if (import.Groups.Count > 0)
                return GroupedFit.Run(context, import, fitOptions, result.GetValue(json), result.GetValue(output), $"scalingfit fit {name}", formats);
            var runs = import.RunSet;
            // Mistakes that parse cleanly (N and D swapped, C in PF-days, duplicates) mislead every approach: say so first.
            foreach (var problem in DataChecks.Check(runs))
            {
                audit.DataProblems.Add(problem);
                context.Note($"{problem.Severity.ToString().ToLowerInvariant()}: {problem.Message}");
            }

            bool all = approaches.Length > 1;
            var fits = all ? FitRunner.Run(context, runs, fitOptions) : FitAllResult.Of(FitRunner.RunOne(context, runs, fitOptions), runs);
            if (!fits.Succeeded)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");
            audit.Record(fits);
            foreach (var fit in fits.Fits)
                context.Result(audit.Report(fit));
            if (all)
            {
                TableView.Write(context, audit.WithChecks(ResultTables.Exponents(fits.Fits), fits.Fits));
                audit.Summarise(context, fits.Fits);
            }

            // The loss frontier L*(C) of each fit goes into the JSON (for 'predict --fit') and the report's figures.
            var frontiers = result.GetValue(json) is not null || result.GetValue(output) is not null ? FrontierRunner.Run(context, fits) : null;
            var report = new ReportOptions($"scalingfit fit {name}", $"Data: {files.Input.FullName}.", CompareWithPublished: false, Formats: formats) { Frontiers = frontiers };
            ResultOutput.Write(context, fits, result.GetValue(output), result.GetValue(json), report, audit.Json(fits.Fits, result, $"fit {name}", frontiers));
            audit.ThrowIfStrict(result.GetValue(strict), fits.Fits);
            return ExitCodes.Success;
        });
        return command;
    }
}
