namespace ScalingFit.Fitting;

/// <summary>
/// The thresholds of <see cref="PlausibilityChecks"/>. Every default is stated here with its reason; callers change them
/// with <c>with { … }</c>.
/// </summary>
/// <param name="MinTokensPerParameter">Lowest plausible D_opt/N_opt at the data's budgets (default 1: fewer tokens than
/// parameters has never been compute-optimal in a published sweep; Hoffmann et al. 2022 find about 20).</param>
/// <param name="MaxTokensPerParameter">Highest plausible D_opt/N_opt at the data's budgets (default 1000, 50× the Chinchilla ratio).</param>
/// <param name="MinExponent">Lowest plausible a and b (default 0.2; published values run from Kaplan et al.'s b = 0.27 to 0.73).</param>
/// <param name="MaxExponent">Highest plausible a and b (default 0.8).</param>
/// <param name="MaxExtrapolation">How far past the largest budget in the data a projection may go before it is flagged (default 100×).</param>
/// <param name="OutlierZ">Robust z-score above which a run's residual is flagged: |r − median| / (1.4826·MAD) (default 5;
/// under normal noise a z above 5 has probability 6e-7 per run).</param>
/// <param name="MinResidualScale">Floor of the robust scale in ln-loss units (default 1e-4, 0.01% of the loss), so that a
/// noise-free simulation, whose residuals are rounding errors, does not flag its rounding errors.</param>
/// <param name="LoneSizeGapDecades">A model size at either end of the sweep held by a single run is flagged when the
/// next size is at least this many decades away (default 1, a factor of 10; sweeps step sizes by 1.2–3×).</param>
/// <param name="BoundFraction">An interval of a positive coefficient (E, A, B, α, β) "reaches zero" when its lower end is
/// below this fraction of the point value (default 0.01).</param>
/// <param name="ProjectionBudgets">FLOP budgets the caller will show as advice (e.g. <c>allocate --budget</c>); one past
/// <see cref="MaxExtrapolation"/> is a warning. Empty by default.</param>
/// <param name="ComparisonBudgets">The fixed budgets every report and JSON projects to for comparison with the paper's
/// Table 3 (default 1e21, 5.76e23, 1e24, 1e25). They are printed whatever the data, so one past
/// <see cref="MaxExtrapolation"/> is an <see cref="Core.Severity.Info"/> saying how far, not a warning.</param>
public sealed record PlausibilityOptions(
    double MinTokensPerParameter = 1,
    double MaxTokensPerParameter = 1000,
    double MinExponent = 0.2,
    double MaxExponent = 0.8,
    double MaxExtrapolation = 100,
    double OutlierZ = 5,
    double MinResidualScale = 1e-4,
    double LoneSizeGapDecades = 1,
    double BoundFraction = 0.01,
    IReadOnlyList<double>? ProjectionBudgets = null,
    IReadOnlyList<double>? ComparisonBudgets = null)
{
    /// <summary>The defaults above.</summary>
    public static PlausibilityOptions Default { get; } = new();

    /// <summary>The comparison budgets in force: <see cref="ComparisonBudgets"/>, or 1e21, Gopher's 5.76e23, 1e24 and 1e25.</summary>
    public IReadOnlyList<double> EffectiveComparisonBudgets => ComparisonBudgets ?? [1e21, 5.76e23, 1e24, 1e25];
}
