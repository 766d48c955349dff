using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The one contract every Chinchilla approach follows (Hoffmann et al. 2022, Table 2): which approach, whether it
/// succeeded, the exponents of N_opt ∝ C^a and D_opt ∝ C^b with intervals (or why there is none), the frontier
/// N_opt(C), D_opt(C) with bootstrap bands, diagnostics from <see cref="DiagnosticCodes"/>, and a fixed-section report.
/// Implemented by the envelope (Approach 1), IsoFLOP (Approach 2) and parametric (Approach 3) results; tables, JSON,
/// figures and the HTML report take this interface and never switch on the concrete result type.
/// </summary>
public interface IAllocationFit
{
    /// <summary>The approach; <see cref="Approaches.Name"/> gives its JSON name (<c>envelope</c>, <c>isoflop</c>, <c>parametric</c>).</summary>
    Approach Approach { get; }

    /// <summary>
    /// True when a and b were fitted and no diagnostic is an <see cref="Severity.Error"/>. When false, a diagnostic with
    /// <see cref="Severity.Error"/> says why and the numbers must not be used (they may be NaN).
    /// </summary>
    bool Succeeded { get; }

    /// <summary>a in N_opt ∝ C^a, with its interval when one was computed (else <see cref="Estimate.MissingIntervalReason"/> says why).</summary>
    Estimate ExponentA { get; }

    /// <summary>b in D_opt ∝ C^b, with its interval when one was computed (else <see cref="Estimate.MissingIntervalReason"/> says why).</summary>
    Estimate ExponentB { get; }

    /// <summary>How many data points (runs, or frontier points) the fit used.</summary>
    int PointCount { get; }

    /// <summary>The bootstrap behind the intervals, or null when none was run.</summary>
    BootstrapResult? Bootstrap { get; }

    /// <summary>Warnings and notes: points left out, failed starts, edge minima; codes from <see cref="DiagnosticCodes"/>.</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The compute-optimal parameter count the fit projects for a FLOP budget (NaN when nothing was fitted).</summary>
    double OptimalParameterCount(double flops);

    /// <summary>The compute-optimal token count the fit projects for a FLOP budget (NaN when nothing was fitted).</summary>
    double OptimalTokenCount(double flops);

    /// <summary>
    /// N_opt(C) and D_opt(C) at <paramref name="flops"/> with pointwise bootstrap bands: the percentile interval of the
    /// same projection made by every bootstrap resample's fit.
    /// </summary>
    FrontierPoint OptimalAllocation(double flops);

    /// <summary>A fixed-section, human-readable report: Data, Coefficients, Intervals, Convergence, Diagnostics.</summary>
    string ToReport();
}
