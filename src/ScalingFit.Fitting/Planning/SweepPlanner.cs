using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// A plan that cannot be made from the options given (a span ≤ 1, a budget below the smallest possible run, bounds
/// that leave fewer than 3 sizes at a budget, a target no grid within the compute cap reaches). The message names the
/// option and what to do.
/// </summary>
public sealed class PlanningException : ArgumentException
{
    /// <summary>A planning error with its message.</summary>
    public PlanningException(string message) : base(message) { }

    /// <summary>A planning error with its message and cause.</summary>
    public PlanningException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>An empty planning error (for serialisers).</summary>
    public PlanningException() { }
}

/// <summary>
/// Plans an IsoFLOP sweep from a prior law (<see cref="Plan"/>); <see cref="SweepPrecision"/> estimates the precision
/// it buys and <see cref="SweepSearch"/> the cheapest grid that reaches a target.
/// </summary>
public static class SweepPlanner
{
    /// <summary>
    /// The grid: for each budget C, <see cref="SweepPlanOptions.SizesPerBudget"/> sizes
    /// N_j = N_opt(C)·Span^(j/(m−1) − 1/2) centred geometrically on the prior's N_opt(C) = G·(C/k)^a (Hoffmann et al.
    /// 2022, Appendix D.2), D_j = C/(k·N_j), the predicted loss L̂(N_j, D_j); sizes outside the bounds dropped with a note.
    /// </summary>
    /// <param name="prior">The law to centre on (its coefficients must be finite and positive).</param>
    /// <param name="options">Budgets, sizes, span, bounds and FLOP rule.</param>
    /// <exception cref="PlanningException">Span ≤ 1, fewer than 3 sizes per budget, no budgets, a budget that is not a
    /// finite positive number or lies below the smallest possible run (a model of <see cref="SweepPlanOptions.MinParameterCount"/>
    /// parameters, or of 1, trained on one token per parameter), or bounds that leave fewer than 3 sizes at a budget.</exception>
    public static SweepPlan Plan(ParametricLaw prior, SweepPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(options);
        Validate(prior, options);
        var rule = options.Rule;
        double min = options.MinParameterCount ?? 0, max = options.MaxParameterCount ?? double.PositiveInfinity;
        int m = options.SizesPerBudget;
        var diagnostics = new List<Diagnostic>();
        var budgets = new List<PlannedBudget>();
        foreach (double c in options.Budgets.Distinct().Order())
        {
            double centre = prior.OptimalParameterCount(c, rule);
            var runs = new List<Run>(m);
            var dropped = new List<double>();
            for (int j = 0; j < m; j++)
            {
                double n = centre * Math.Pow(options.Span, (double)j / (m - 1) - 0.5);
                if (n < min || n > max)
                {
                    dropped.Add(n);
                    continue;
                }
                double d = rule.TokenCount(c, n);
                runs.Add(new Run(RunId(c, n), n, d, c, prior.Loss(n, d), c));
            }
            if (runs.Count < 3)
            {
                throw new PlanningException(Invariant(
                    $"At budget C = {c:0.###e+0} the bounds (MinParameterCount {Show(options.MinParameterCount)}, MaxParameterCount {Show(options.MaxParameterCount)}) leave {runs.Count} of the {m} sizes from {centre / Math.Sqrt(options.Span):0.###e+0} to {centre * Math.Sqrt(options.Span):0.###e+0} parameters; a parabola needs at least 3. Widen the bounds, change the Span or drop this budget."));
            }
            if (dropped.Count > 0)
            {
                double gm = Math.Exp(runs.Average(r => r.LnParameterCount));
                diagnostics.Add(DiagnosticCodes.PlanSizesDropped.With(Invariant(
                    $"At C = {c:0.###e+0}, {dropped.Count} of {m} sizes ({string.Join(", ", dropped.Select(v => v.ToString("0.###e+0", CultureInfo.InvariantCulture)))}) fell outside the bounds and were dropped; the {runs.Count} left are centred on {gm:0.###e+0}, {gm / centre:0.##}× the prior's N_opt.")));
            }
            budgets.Add(new PlannedBudget(c, centre, runs, dropped));
        }
        return new SweepPlan(prior, options, budgets, diagnostics);
    }

    /// <summary>
    /// The law whose N_opt(C) is <paramref name="factor"/> times the prior's at every budget: A multiplied by
    /// factor^(α+β), since G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, Appendix D.2). A grid centred on the prior
    /// is then off-centre by that factor everywhere.
    /// </summary>
    public static ParametricLaw ShiftOptimum(ParametricLaw prior, double factor)
    {
        ArgumentNullException.ThrowIfNull(prior);
        return prior with { A = prior.A * Math.Pow(factor, prior.Alpha + prior.Beta) };
    }

    /// <summary>
    /// The law whose N_opt(C) agrees with the prior's at <paramref name="lowFlops"/> and is <paramref name="factor"/> times
    /// the prior's at <paramref name="highFlops"/>: the offset drifts with compute, a' = a + ln(factor)/ln(C_high/C_low).
    /// α is kept and β' = a'·α/(1 − a'); B' keeps the data term at the prior's optimum of the geometric-mean budget
    /// C_mid unchanged, B'/D_mid^β' = B/D_mid^β, so the valleys stay as deep as the prior's; and
    /// A' = G'^(α+β')·β'B'/(α) with G' = N_opt(C_low)/(C_low/k)^a' puts the optimum where it should be.
    /// Off-centre sampling that drifts with compute is what biases Approach 2 (Open-Athena 2026).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budgets are not increasing, or the drifted a' leaves (0, 1).</exception>
    public static ParametricLaw DriftOptimum(ParametricLaw prior, double factor, double lowFlops, double highFlops, FlopRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        if (!(highFlops > lowFlops) || !(lowFlops > 0))
            throw new ArgumentOutOfRangeException(nameof(highFlops), "The drift needs two increasing, positive budgets.");
        rule ??= FlopRule.Default;
        double a = prior.ExponentA + Math.Log(factor) / Math.Log(highFlops / lowFlops);
        if (!(a > 0 && a < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), a, "The drifted exponent must lie in (0, 1); use a wider budget range or a smaller factor.");
        double beta = a * prior.Alpha / (1 - a);
        double dMid = prior.OptimalTokenCount(Math.Sqrt(lowFlops * highFlops), rule);
        double b = prior.B * Math.Pow(dMid, beta - prior.Beta);
        double g = prior.OptimalParameterCount(lowFlops, rule) / Math.Pow(lowFlops / rule.Factor, a);
        double aCoefficient = Math.Pow(g, prior.Alpha + beta) * beta * b / prior.Alpha;
        return prior with { A = aCoefficient, B = b, Beta = beta };
    }

    private static void Validate(ParametricLaw prior, SweepPlanOptions o)
    {
        if (!prior.IsValid)
            throw new PlanningException("The prior law needs finite, positive E, A, B, alpha and beta.");
        o.Validate();
    }

    private static string RunId(double c, double n) => Invariant($"C{c:0.###e+0}-N{n:0.###e+0}");

    private static string Show(double? v) => v is { } x ? x.ToString("0.###e+0", CultureInfo.InvariantCulture) : "none";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
