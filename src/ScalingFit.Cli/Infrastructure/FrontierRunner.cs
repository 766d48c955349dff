using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Calls the library's <see cref="ScalingLaws.LossFrontiers"/> under a progress bar, for the JSON and report of <c>fit</c>, <c>reproduce</c> and <c>report</c>.</summary>
internal static class FrontierRunner
{
    /// <summary>
    /// The loss frontier of every fit, each with the fit's own bootstrap options (what <c>predict</c> uses by default);
    /// a frontier that could not be fitted is noted on stderr and kept as a failed result.
    /// </summary>
    public static IReadOnlyList<LossFrontier> Run(CliContext context, FitAllResult fits)
    {
        var frontiers = ProgressBar.Run(context, sink => ScalingLaws.LossFrontiers(fits, null, sink.Fits(), context.Cancellation));
        foreach (var f in frontiers.Where(f => !f.Succeeded))
            context.Note($"{f.Approach.Name()}: no loss frontier L*(C): {f.FailureReason}");
        return frontiers;
    }
}
