using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;
using ScalingFit.Core.Diagnostics;
using ScalingFit.IO.Results;

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
        fit.Add(Sub(context, "all", "Every approach the data supports, side by side", [Approach.Envelope, Approach.IsoFlop, Approach.Parametric]));
        return fit;
    }

    private static Command Sub(CliContext context, string name, string description, Approach[] approaches)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON (cli-contract.md)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the JSON, the tables (Markdown, CSV), the figures and index.html into this folder" };
        var format = new FigureFormatOption();
        var command = new Command(name, description);
        input.AddTo(command);
        options.AddTo(command, approaches.Contains(Approach.Parametric), approaches.Contains(Approach.IsoFlop), approaches.Contains(Approach.Envelope));
        command.Add(json);
        command.Add(output);
        format.AddTo(command);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var formats = format.Read(result);
            var import = InputLoader.LoadImport(context, input.Read(result));
            if (import.Groups.Count > 0)
                return GroupedFit.Run(context, import, approaches, approachOptions, result.GetValue(json), result.GetValue(output), $"scalingfit fit {name}", formats);
            var runs = import.RunSet;
            // Mistakes that parse cleanly (N and D swapped, C in PF-days, duplicates) mislead every approach: say so first.
            foreach (var problem in DataChecks.Check(runs))
                context.Note($"{problem.Severity.ToString().ToLowerInvariant()}: {problem.Message}");
            bool all = approaches.Length > 1;
            var outcome = FitRunner.Run(context, runs, approaches, approachOptions, skipUnsupported: all);
            foreach (var (approach, reason) in outcome.Skipped)
                context.Note($"skipped {FitRunner.Name(approach)}: {reason}");
            if (outcome.Fits.Count == 0)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");

            foreach (var f in outcome.Fits)
            {
                context.Out.WriteLine(f.ToReport());
                if (!all && FitRunner.Failed(f) is { } why)
                    throw new FitFailedException($"{FitRunner.Name(approaches[0])}: {why}");
            }
            var table = ResultTables.Exponents(outcome.Fits);
            if (all)
                TableView.Write(context, table);

            string text = FitResultJson.Write(outcome.Fits);
            if (result.GetValue(output) is { } folder)
                ReproductionOutput.Write(context, folder, $"scalingfit fit {name}", $"Data: {input.Read(result).Input.FullName}.", runs, outcome.Fits, [("exponents", table)], text, formats);
            if (result.GetValue(json) is { } file)
                OutputFiles.WriteText(file.FullName, text);
            return ExitCodes.Success;
        });
        return command;
    }
}
