using ScalingFit.Core.Diagnostics;
using ScalingFit.Core.Domain;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Envelope;
using ScalingFit.Fitting.IsoFlop;
using ScalingFit.Fitting.Parametric;
using ScalingFit.Cli.Commands;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>What running the approaches gave: the fits, and the approaches skipped with the reason.</summary>
internal sealed record FitOutcome(IReadOnlyList<IAllocationFit> Fits, IReadOnlyList<(Approach Approach, string Reason)> Skipped);

/// <summary>Calls the library's fitters with progress bars; decides which approaches the data supports.</summary>
internal static class FitRunner
{
    public static FitOutcome Run(CliContext context, RunSet runs, IReadOnlyList<Approach> approaches, ApproachOptions options, bool skipUnsupported)
    {
        var fits = new List<IAllocationFit>();
        var skipped = new List<(Approach, string)>();
        ProgressBar.Run(context, sink =>
        {
            foreach (var approach in approaches)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                string? unsupported = Unsupported(approach, runs);
                if (unsupported is not null)
                {
                    if (!skipUnsupported)
                        throw new FitFailedException($"{Name(approach)}: {unsupported}");
                    skipped.Add((approach, unsupported));
                    continue;
                }
                var fit = RunOne(context, sink, approach, runs, options);
                if (skipUnsupported && Failed(fit) is { } why)
                {
                    skipped.Add((approach, why));
                    continue;
                }
                fits.Add(fit);
            }
            return 0;
        });
        return new FitOutcome(fits, skipped);
    }

    public static string Name(Approach approach) => approach switch
    {
        Approach.Envelope => "envelope (Approach 1)",
        Approach.IsoFlop => "isoflop (Approach 2)",
        _ => "parametric (Approach 3)",
    };

    /// <summary>
    /// Why the fit gave no usable exponent (every error diagnostic), or null when it did. An error diagnostic fails the fit
    /// even when a number came out (e.g. a parametric fit to one model size, whose a the fitter says is not determined).
    /// </summary>
    public static string? Failed(IAllocationFit fit)
    {
        var errors = fit.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Message).ToArray();
        if (errors.Length == 0)
            return double.IsFinite(fit.ExponentA.Value) ? null : "no exponent could be fitted.";
        return string.Join(" ", errors);
    }

    private static string? Unsupported(Approach approach, RunSet runs) => approach switch
    {
        Approach.Envelope when !runs.HasCurves => "needs training curves (several rows per run); this data holds final losses only. Give curves with --curves FILE.",
        Approach.IsoFlop when runs.Runs.Count < 6 => $"needs several runs at each of at least two FLOP budgets; the data has {runs.Runs.Count} runs.",
        Approach.Parametric when runs.Runs.Count < 6 => $"needs at least 6 runs to fit 5 coefficients; the data has {runs.Runs.Count}.",
        _ => null,
    };

    private static IAllocationFit RunOne(CliContext context, IProgressSink sink, Approach approach, RunSet runs, ApproachOptions options)
    {
        var progress = sink.Fits();
        return approach switch
        {
            Approach.Envelope => EnvelopeFitter.Fit(runs, options.Envelope, progress, context.Cancellation),
            Approach.IsoFlop => IsoFlopFitter.Fit(runs, options.IsoFlop, progress, context.Cancellation),
            _ => ParametricFitter.Fit(runs, options.Parametric, progress, context.Cancellation),
        };
    }
}
