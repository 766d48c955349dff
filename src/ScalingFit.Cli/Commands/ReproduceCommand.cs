using System.CommandLine;
using ScalingFit.Cli.Infrastructure;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit reproduce</c>: the paper's Table 2 and Table 3 from the sample data or the user's.</summary>
internal static class ReproduceCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("reproduce", "Reproduce the paper's Table 2 and Table 3 with all three approaches");
        command.SetAction(new Func<ParseResult, int>(_ => throw new FitFailedException("reproduce is not available in this build yet.")));
        return command;
    }
}
