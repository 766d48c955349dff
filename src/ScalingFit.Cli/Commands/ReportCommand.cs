using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Fitting;
using ScalingFit.IO.Results;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit report</c>: every approach the data supports, written as a self-contained HTML report with SVG figures.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var input = new InputOptions();
        var options = new FitOptionSet();
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write index.html, the figures (PNG and SVG), the tables and the JSON into", Required = true };
        var format = new FigureFormatOption();
        var command = new Command("report", "Fit every approach the data supports and write a self-contained HTML report with tables and figures (PNG and SVG files, SVG in the page)");
        input.AddTo(command);
        options.AddTo(command);
        command.Add(output);
        format.AddTo(command);
        command.SetAction(result =>
        {
            var approachOptions = options.Read(result);
            var formats = format.Read(result);
            var files = input.Read(result);
            var import = InputLoader.LoadImport(context, files);
            if (import.Groups.Count > 0)
                return GroupedFit.Run(context, import, [Approach.Envelope, Approach.IsoFlop, Approach.Parametric], approachOptions, null, result.GetValue(output), "Scaling-law fit report", formats);
            var runs = import.RunSet;
            var outcome = FitRunner.Run(context, runs, [Approach.Envelope, Approach.IsoFlop, Approach.Parametric], approachOptions, skipUnsupported: true);
            foreach (var (approach, reason) in outcome.Skipped)
                context.Note($"skipped {FitRunner.Name(approach)}: {reason}");
            if (outcome.Fits.Count == 0)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");
            var published = PublishedFigures.Load();
            var exponents = ResultTables.Exponents(outcome.Fits, published);
            TableView.Write(context, exponents);
            string sources = string.Join(", ", new[] { files.Input.FullName, files.Curves?.FullName }.OfType<string>());
            ReproductionOutput.Write(context, result.GetValue(output)!, "Scaling-law fit report", $"Data: {sources}.", runs, outcome.Fits,
                [("table2", exponents), ("table3", ResultTables.Projections(outcome.Fits, published))], FitResultJson.Write(outcome.Fits), formats);
            return ExitCodes.Success;
        });
        return command;
    }
}
