using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The least-squares parabola of one IsoFLOP profile, L(x) = c0 + c1·x + c2·x² with x = ln N
/// (Hoffmann et al. 2022, §3.2, Figure 3). Its vertex x* = −c1/(2·c2) is the same in any log base.
/// </summary>
/// <param name="Intercept">c0.</param>
/// <param name="Slope">c1.</param>
/// <param name="Curvature">c2, the coefficient of (ln N)²; a valley needs c2 &gt; 0.</param>
public sealed record IsoFlopParabola(double Intercept, double Slope, double Curvature)
{
    /// <summary>The fitted loss at <paramref name="parameterCount"/>.</summary>
    public double Loss(double parameterCount)
    {
        double x = Math.Log(parameterCount);
        return Intercept + x * (Slope + x * Curvature);
    }
}

/// <summary>
/// One FLOP budget of an IsoFLOP fit (Hoffmann et al. 2022, §3.2): its runs, their parabola in ln N, and the vertex
/// N_opt(C), D_opt(C) = C/(k·N_opt), or why the budget was left out.
/// </summary>
/// <param name="NominalFlops">The budget's label or given value; null for an automatically found group.</param>
/// <param name="MeanFlops">C̄ = exp(mean ln C) over the budget's runs (the geometric mean; 0 when it has none).</param>
/// <param name="Flops">The C of this budget in the regressions: <see cref="MeanFlops"/>, or
/// <see cref="NominalFlops"/> with <see cref="IsoFlopFitOptions.UseNominalFlops"/>.</param>
/// <param name="Runs">The budget's runs.</param>
/// <param name="MinParameterCount">The least N sampled (null when the budget has no runs).</param>
/// <param name="MaxParameterCount">The largest N sampled (null when the budget has no runs).</param>
/// <param name="Parabola">The parabola of loss in ln N (null with fewer than 3 distinct sizes).</param>
/// <param name="OptimalParameterCount">The vertex N_opt = exp(−c1/(2c2)) when the budget has a valley, else null.</param>
/// <param name="OptimalTokenCount">D_opt = C/(k·N_opt) when the budget has a valley, else null.</param>
/// <param name="MinimumLoss">The parabola's loss at its vertex when the budget has a valley, else null.</param>
/// <param name="Kept">True when the vertex entered the regressions.</param>
/// <param name="ExclusionReason">Why the budget was left out, or null when kept.</param>
/// <param name="BootstrapDropOutRate">The fraction of bootstrap resamples in which this kept budget lost its valley and
/// dropped out of the refit; null when no bootstrap was run or the budget was not kept.</param>
public sealed record IsoFlopBudget(
    double? NominalFlops,
    double MeanFlops,
    double Flops,
    IReadOnlyList<Run> Runs,
    double? MinParameterCount,
    double? MaxParameterCount,
    IsoFlopParabola? Parabola,
    double? OptimalParameterCount,
    double? OptimalTokenCount,
    double? MinimumLoss,
    bool Kept,
    string? ExclusionReason,
    double? BootstrapDropOutRate)
{
    /// <summary>n, the number of runs in the budget.</summary>
    public int PointCount => Runs.Count;
}
