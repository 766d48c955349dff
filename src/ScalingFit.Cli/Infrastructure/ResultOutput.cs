using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>The <c>--out DIR</c> and <c>--json PATH</c> outputs of <c>fit</c>, <c>report</c> and <c>reproduce</c>: the library writes, the CLI guards.</summary>
internal static class ResultOutput
{
    /// <summary>Creates the output folder before the long work starts, or says why it cannot (exit 2).</summary>
    public static void Check(DirectoryInfo? folder)
    {
        if (folder is not null)
            OutputFiles.Folder(folder.FullName);
    }

    /// <summary>Writes the report folder (<see cref="ReportWriter"/>) and the JSON when asked, each file complete or absent.</summary>
    public static void Write(CliContext context, FitAllResult results, DirectoryInfo? folder, FileInfo? json, ReportOptions report, string? jsonText = null)
    {
        if (folder is not null)
        {
            // The report's loss-frontier and backtest figures: computed here, under progress bars, unless the command already did.
            report = report with
            {
                Frontiers = report.Frontiers ?? FrontierRunner.Run(context, results),
                Backtest = report.Backtest ?? ProgressBar.Run(context, sink => SweepBacktester.Run(results, null, sink.Fits(), context.Cancellation)),
            };
            var footer = $"Made by scalingfit {typeof(ResultOutput).Assembly.GetName().Version?.ToString(3)}.";
            ReportFiles? files = null;
            OutputFiles.Guard(folder.FullName, () => files = ReportWriter.Write(results, folder.FullName, report with { Footer = footer, ResultsJson = jsonText }, context.Cancellation));
            context.Note(files!.ToString());
        }
        if (json is not null)
            OutputFiles.WriteText(json.FullName, jsonText ?? FitResultJson.Write(results.Fits));
    }
}
