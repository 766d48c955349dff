using ScalingFit.Core.Domain;

namespace ScalingFit.Fitting.Planning;

/// <summary>
/// Options of <see cref="SweepPlanner.Plan"/>: the FLOP budgets of an IsoFLOP sweep and how the model sizes at each are
/// spread around the prior law's compute-optimal size. Immutable; change with <c>with { … }</c>.
/// </summary>
/// <param name="Budgets">The FLOP budgets C, in any order (each must be finite and positive).</param>
/// <param name="SizesPerBudget">Model sizes per budget before bounds are applied (default 9, as in the paper's Figure 3; at least 3, the fewest a parabola needs).</param>
/// <param name="Span">The ratio of the largest to the smallest size at a budget (default 16: a factor 4 either side of
/// N_opt); must exceed 1.</param>
/// <param name="MinParameterCount">Sizes below this are dropped with a note (default null: no bound).</param>
/// <param name="MaxParameterCount">Sizes above this are dropped with a note (default null: no bound).</param>
/// <param name="FlopRule">C = k·N·D (default k = 6).</param>
public sealed record SweepPlanOptions(
    IReadOnlyList<double> Budgets,
    int SizesPerBudget = 9,
    double Span = 16,
    double? MinParameterCount = null,
    double? MaxParameterCount = null,
    FlopRule? FlopRule = null)
{
    /// <summary>The paper's nine IsoFLOP budgets (6e18 … 3e21), 9 sizes per budget over a span of 16, no bounds, C = 6ND.</summary>
    public static SweepPlanOptions Default { get; } = new(Core.Simulation.SweepSimulator.PaperBudgets);

    /// <summary>The FLOP rule in force (C = 6ND unless set).</summary>
    public FlopRule Rule => FlopRule ?? Core.Domain.FlopRule.Default;

    /// <summary>
    /// <paramref name="count"/> budgets spaced geometrically from <paramref name="low"/> to <paramref name="high"/>
    /// inclusive: C_i = low·(high/low)^(i/(count − 1)).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite and positive, high &lt; low, or count &lt; 1.</exception>
    public static double[] GeometricBudgets(double low, double high, int count)
    {
        if (!(low > 0) || double.IsInfinity(low) || !(high >= low) || double.IsInfinity(high))
            throw new ArgumentOutOfRangeException(nameof(high), $"The budget range {low:G3} to {high:G3} must be finite and positive, low ≤ high.");
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count == 1)
            return [low];
        return Enumerable.Range(0, count)
            .Select(i => i == count - 1 ? high : low * Math.Pow(high / low, (double)i / (count - 1)))
            .ToArray();
    }
}
