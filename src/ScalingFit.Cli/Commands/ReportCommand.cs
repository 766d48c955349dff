using System.CommandLine;
using ScalingFit.Cli.Infrastructure;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit report</c>: a self-contained HTML report with the tables and SVG figures.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("report", "Write a self-contained HTML report with tables and figures");
        command.SetAction(new Func<ParseResult, int>(_ => throw new FitFailedException("report is not available in this build yet.")));
        return command;
    }
}
