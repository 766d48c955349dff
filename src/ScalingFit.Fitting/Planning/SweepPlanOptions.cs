using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

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
    public static SweepPlanOptions Default { get; } = new(Core.SweepSimulator.PaperBudgets);

    /// <summary>The FLOP rule in force (C = 6ND unless set).</summary>
    public FlopRule Rule => FlopRule ?? Core.FlopRule.Default;

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

    /// <summary>
    /// Throws <see cref="PlanningException"/> naming the first problem: Span ≤ 1, fewer than 3 sizes per budget, no
    /// budgets, a non-positive FLOP factor or bound, bounds the wrong way round, or a budget that is not a finite positive
    /// number or lies below the smallest possible run (a model of <see cref="MinParameterCount"/> parameters, or of 1,
    /// trained on one token per parameter: C &lt; k·N_min²).
    /// </summary>
    public void Validate()
    {
        var o = this;
        if (!(o.Span > 1) || double.IsInfinity(o.Span))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Span = {o.Span}: the span is the ratio of the largest to the smallest size at a budget and must be a finite number above 1, e.g. 16 (a factor 4 either side of N_opt)."));
        if (o.SizesPerBudget < 3)
            throw new PlanningException($"SizesPerBudget = {o.SizesPerBudget}: a parabola through a budget's losses needs at least 3 sizes; 9 is the paper's choice.");
        if (o.Budgets is null || o.Budgets.Count == 0)
            throw new PlanningException("Give at least one FLOP budget (Budgets).");
        double k = o.Rule.Factor;
        if (!(k > 0) || double.IsInfinity(k))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"FlopRule factor k = {k}: C = k·N·D needs a finite, positive k (6 for dense transformers)."));
        if (o.MinParameterCount is { } lo && (!(lo > 0) || double.IsInfinity(lo)))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"MinParameterCount = {lo}: give a finite, positive number of parameters."));
        if (o.MaxParameterCount is { } hi && (!(hi > 0) || double.IsInfinity(hi)))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"MaxParameterCount = {hi}: give a finite, positive number of parameters."));
        if (o.MinParameterCount is { } l && o.MaxParameterCount is { } h && l > h)
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"MinParameterCount = {l:0.###e+0} exceeds MaxParameterCount = {h:0.###e+0}."));
        double smallest = o.MinParameterCount ?? 1;
        double smallestRun = k * smallest * smallest;
        foreach (double c in o.Budgets)
        {
            if (!(c > 0) || double.IsInfinity(c))
                throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Budget {c}: a FLOP budget must be a finite, positive number such as 6e18."));
            if (c < smallestRun)
            {
                throw new PlanningException(string.Create(CultureInfo.InvariantCulture,
                    $"Budget C = {c:0.###e+0} is below the smallest possible run: a model of {smallest:0.###e+0} parameters (MinParameterCount) trained on one token per parameter already costs k·N² = {smallestRun:0.###e+0} FLOPs. Raise the budget to at least that or lower MinParameterCount."));
            }
        }
    }
}
