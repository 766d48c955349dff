using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Calls the library's <see cref="ScalingLaws.FitAll"/> under progress bars and prints its notes and skips.</summary>
internal static class FitRunner
{
    /// <summary>Fits what <paramref name="options"/> asks; notes (and, when <paramref name="reportSkipped"/>, skipped approaches) go to stderr.</summary>
    public static FitAllResult Run(CliContext context, RunSet runs, FitAllOptions options, bool reportSkipped = true)
    {
        var result = ProgressBar.Run(context, sink => ScalingLaws.FitAll(runs, options, sink.Fits(), context.Cancellation));
        foreach (var note in result.Notes)
            context.Note(note);
        if (reportSkipped)
            foreach (var skipped in result.Skipped)
                context.Note($"skipped {Name(skipped.Approach)}: {skipped.Reason}");
        return result;
    }

    /// <summary>Fits one approach; a skipped or failed one prints its report (when there is one) and fails the command (exit 1).</summary>
    public static IAllocationFit RunOne(CliContext context, RunSet runs, FitAllOptions options)
    {
        var result = Run(context, runs, options, reportSkipped: false);
        if (result.Skipped.FirstOrDefault() is { } failed)
        {
            if (failed.Fit is not null)
                context.Result(failed.Fit.ToReport());
            throw new FitFailedException($"{Name(failed.Approach)}: {failed.Reason}");
        }
        return result.Fits[0];
    }

    /// <summary><c>envelope (Approach 1)</c>.</summary>
    public static string Name(Approach approach) => $"{approach.Name()} (Approach {(int)approach})";
}
