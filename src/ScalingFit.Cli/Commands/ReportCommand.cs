using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Plotting;

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
            var fitOptions = options.Read(result).ToFitAll();
            var formats = format.Read(result);
            var files = input.Read(result);
            OutputPaths.CheckFolder(result.GetValue(output), "--out");
            var audit = new ResultAudit();
            var import = InputLoader.LoadImport(context, files, audit);
            if (import.Groups.Count > 0)
                return GroupedFit.Run(context, import, fitOptions, null, result.GetValue(output), "Scaling-law fit report", formats);
            var runs = import.RunSet;
            var fits = FitRunner.Run(context, runs, fitOptions);
            if (!fits.Succeeded)
                throw new FitFailedException("no approach could be fitted to this data (see the reasons above).");
            audit.Record(fits);
            string sources = string.Join(", ", new[] { files.Input.FullName, files.Curves?.FullName }.OfType<string>());
            var report = new ReportOptions("Scaling-law fit report", $"Data: {sources}.", Formats: formats) { Frontiers = FrontierRunner.Run(context, fits) };
            TableView.Write(context, ReportWriter.Tables(fits.Fits, IO.PublishedFigures.Load())[0].Table);
            audit.Summarise(context, fits.Fits);
            ResultOutput.Write(context, fits, result.GetValue(output), null, report);
            return ExitCodes.Success;
        });
        return command;
    }
}
