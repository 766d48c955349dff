using ScalingFit.Core.Diagnostics;
using ScalingFit.Core.Statistics;

namespace ScalingFit.Fitting;

/// <summary>
/// What every Chinchilla approach delivers (Hoffmann et al. 2022, Table 2): the exponents of
/// N_opt ∝ C^a and D_opt ∝ C^b with intervals, the frontier they imply, and a report that explains the fit.
/// Implemented by the envelope (Approach 1), IsoFLOP (Approach 2) and parametric (Approach 3) results.
/// </summary>
public interface IAllocationFit
{
    /// <summary>The approach: <c>envelope</c>, <c>isoflop</c> or <c>parametric</c> (the JSON name of cli-contract.md).</summary>
    string Approach { get; }

    /// <summary>a in N_opt ∝ C^a, with its interval when one was computed.</summary>
    Estimate ExponentA { get; }

    /// <summary>b in D_opt ∝ C^b, with its interval when one was computed.</summary>
    Estimate ExponentB { get; }

    /// <summary>How many data points (runs, or frontier points) the fit used.</summary>
    int PointCount { get; }

    /// <summary>The bootstrap behind the intervals, or null when none was run.</summary>
    BootstrapResult? Bootstrap { get; }

    /// <summary>Warnings and notes: points left out, failed starts, edge minima.</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The compute-optimal parameter count the fit projects for a FLOP budget.</summary>
    double OptimalParameterCount(double flops);

    /// <summary>The compute-optimal token count the fit projects for a FLOP budget.</summary>
    double OptimalTokenCount(double flops);

    /// <summary>A fixed-section, human-readable report: Data, Coefficients, Intervals, Convergence, Diagnostics.</summary>
    string ToReport();
}
