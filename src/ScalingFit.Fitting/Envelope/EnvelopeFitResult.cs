using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The training-curve envelope fit (Hoffmann et al. 2022, §3.1, Approach 1, Figure 2): the frontier of least loss per
/// FLOP over all training curves, and the power laws N_opt = k_N·C^a and D_opt = k_D·C^b fitted to its interior points
/// by <see cref="PowerLawRegression"/> (ln N_opt = ln k_N + a·ln C; D_opt = C/(kN_opt) so b = 1 − a exactly).
/// <para>
/// The frontier points are not independent (neighbouring FLOP values share curves), so the regressions' t-intervals
/// are not valid intervals; <see cref="ExponentA"/> and <see cref="ExponentB"/> carry only the bootstrap's percentile
/// interval over whole curves, and none ("bootstrap off") when no bootstrap was run.
/// </para>
/// <para>
/// When nothing could be fitted (no curves, a single model size, every frontier point pinned by the sweep's edge or won by one size),
/// <see cref="Succeeded"/> is false, <see cref="Diagnostics"/> holds an <see cref="Severity.Error"/> saying why, the
/// exponents are NaN with a missing-interval reason, and <see cref="PowerLawFrontierFit.OptimalParameterCount"/> and
/// <see cref="PowerLawFrontierFit.OptimalTokenCount"/> return NaN. When it succeeded, every number is finite.
/// </para>
/// </summary>
/// <param name="Succeeded">True when a and b were fitted.</param>
/// <param name="Method">The envelope construction used.</param>
/// <param name="SmoothingWidth">The moving-average width actually applied (1 = none).</param>
/// <param name="ExponentA">a in N_opt ∝ C^a, with the bootstrap interval when one was run.</param>
/// <param name="ExponentB">b in D_opt ∝ C^b, with the bootstrap interval when one was run.</param>
/// <param name="ParameterFit">The regression of N_opt on C over the used frontier points (null when not fitted).
/// Its t-interval treats the points as independent and is shown only as a diagnostic.</param>
/// <param name="TokenFit">The regression of D_opt on C over the used frontier points (null when not fitted).</param>
/// <param name="Frontier">Every frontier point in increasing C, with whether it was used and why not.</param>
/// <param name="CurveCount">Curves that entered the envelope.</param>
/// <param name="CheckpointCount">Their checkpoints.</param>
/// <param name="SizeCount">Distinct model sizes among them.</param>
/// <param name="Bootstrap">The bootstrap over whole curves, or null when none was run.</param>
/// <param name="Diagnostics">What was left out and why, warnings and errors.</param>
/// <param name="Options">The options of the fit.</param>
public sealed record EnvelopeFitResult(
    bool Succeeded,
    EnvelopeMethod Method,
    int SmoothingWidth,
    Estimate ExponentA,
    Estimate ExponentB,
    PowerLawFit? ParameterFit,
    PowerLawFit? TokenFit,
    IReadOnlyList<EnvelopePoint> Frontier,
    int CurveCount,
    int CheckpointCount,
    int SizeCount,
    BootstrapResult? Bootstrap,
    IReadOnlyList<Diagnostic> Diagnostics,
    EnvelopeFitOptions Options) : PowerLawFrontierFit(ParameterFit, TokenFit, Bootstrap), IAllocationFit
{
    /// <summary><see cref="Fitting.Approach.Envelope"/>.</summary>
    public Approach Approach => Approach.Envelope;

    /// <summary>The number of frontier points used in the regressions.</summary>
    public int PointCount => Frontier.Count(p => p.Used);

    /// <summary>The nominal coverage of the intervals (the bootstrap's level).</summary>
    public double Level => Options.EffectiveBootstrap.Level;

    /// <summary>The report: Data, Coefficients, Intervals, Convergence, Diagnostics.</summary>
    public string ToReport()
    {
        var report = new FitReport("Approach 1: training-curve envelope (Hoffmann et al. 2022, §3.1)");
        report.Section("Data")
            .Line("curves", $"{CurveCount} ({CheckpointCount} checkpoints, {SizeCount} model sizes)")
            .Line("smoothing", SmoothingWidth > 1 ? $"centred moving average, width {SmoothingWidth}" : "off")
            .Line("envelope", Method switch
            {
                EnvelopeMethod.Hull => "lower convex hull of (ln C, loss)",
                EnvelopeMethod.Bins => $"least loss in each of {Options.Bins} log-spaced FLOP bins",
                _ => $"least interpolated loss at {Options.FlopPoints} log-spaced FLOP values (paper)",
            })
            .Line("frontier points", $"{Frontier.Count}, {PointCount} used"
                + Options.EdgeExclusion switch
                {
                    EdgeExclusion.Points => " (those won by the smallest or largest size left out)",
                    EdgeExclusion.Ranges => " (the FLOP ranges the smallest and largest sizes reach left out)",
                    _ => " (edge sizes kept)",
                });
        if (Frontier.Count > 0)
            report.Line("FLOP range", $"{FitReport.Number(Frontier[0].Flops, "0.###e+0")} – {FitReport.Number(Frontier[^1].Flops, "0.###e+0")}");

        report.FrontierCoefficients(Succeeded, ExponentA, ExponentB, ParameterFit, TokenFit);

        report.Section("Intervals")
            .Estimate("a", ExponentA)
            .Estimate("b", ExponentB);
        if (ParameterFit?.ExponentInterval is { } naive)
            report.Text($"(the regression's t-interval for a, ({FitReport.Number(naive.Low, "0.0000")}, {FitReport.Number(naive.High, "0.0000")}), "
                + "treats the frontier points as independent and is not a valid interval)");

        report.Section("Convergence")
            .Line("fit", Succeeded ? "succeeded" : "failed")
            .BootstrapSummary(Bootstrap, "whole curves");
        report.Diagnostics(Diagnostics);
        return report.ToString();
    }
}
