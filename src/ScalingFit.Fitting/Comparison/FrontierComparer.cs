using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>The comparison of two frontiers at one FLOP budget.</summary>
/// <param name="Flops">C.</param>
/// <param name="BaseLoss">L*_base(C).</param>
/// <param name="VariantLoss">L*_variant(C).</param>
/// <param name="Multiplier">k(C) = C_base(L*_variant(C)) / C, with its bootstrap interval; NaN when the base never
/// reaches the variant's loss. An interval bound of +∞ means that in more than the tail's share of resamples the base
/// never reached it.</param>
/// <param name="LossGap">L*_base(C) − L*_variant(C) (positive: the variant is better), with its interval.</param>
/// <param name="Problem">Why there is no multiplier, or null.</param>
public sealed record MultiplierAt(double Flops, double BaseLoss, double VariantLoss, Estimate Multiplier, Estimate LossGap, string? Problem);

/// <summary>Where the two frontiers cross.</summary>
/// <param name="Flops">The C at which L*_base = L*_variant.</param>
/// <param name="InsideData">True when C lies inside the FLOP range of either sweep.</param>
public sealed record FrontierCrossing(double Flops, bool InsideData);

/// <summary>Two sweeps' frontiers compared: the effective compute multiplier and the loss gap at budgets, and crossings.</summary>
/// <param name="Approach">The approach both sweeps were fitted with.</param>
/// <param name="Base">The base sweep's frontier.</param>
/// <param name="Variant">The variant sweep's frontier.</param>
/// <param name="Points">One comparison per budget.</param>
/// <param name="Crossings">Where the frontiers cross between 10^15 and 10^30 FLOPs (empty when they do not).</param>
/// <param name="Diagnostics">Notes and warnings.</param>
public sealed record FrontierComparison(Approach Approach, LossFrontier Base, LossFrontier Variant, IReadOnlyList<MultiplierAt> Points,
    IReadOnlyList<FrontierCrossing> Crossings, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when at least one budget has a finite multiplier.</summary>
    public bool HasMultiplier => Points.Any(p => double.IsFinite(p.Multiplier.Value));
}

/// <summary>
/// The effective compute multiplier of a variant recipe over a base recipe (as in the "effective compute" comparisons of
/// scaling-law papers): k(C) = C_base(L*_variant(C)) / C, the compute the base needs to reach the loss the variant reaches
/// with C. k &gt; 1: the variant is worth k× compute. The interval pairs the two sweeps' bootstrap frontiers resample by
/// resample (the sweeps are independent, so each is resampled on its own), and the crossings of the frontiers are found
/// on a log grid and refined by bisection.
/// </summary>
public static class FrontierComparer
{
    /// <summary>The search range for crossings: 10^15 to 10^30 FLOPs.</summary>
    public const double CrossingSearchMin = 1e15, CrossingSearchMax = 1e30;

    /// <summary>
    /// The bootstrap of the variant sweep given the base's: another seed (seed + 1), so the two independent sweeps are
    /// not resampled with the same index draws.
    /// </summary>
    public static BootstrapOptions VariantBootstrap(BootstrapOptions baseBootstrap) =>
        baseBootstrap with { Seed = unchecked(baseBootstrap.Seed + 1) };

    /// <summary>
    /// Budgets to compare at when none are given: five log-spaced budgets over the FLOP range the sweeps share (or, when
    /// they do not overlap, from the least to the largest C of both).
    /// </summary>
    public static double[] DefaultBudgets(LossFrontier baseFrontier, LossFrontier variant)
    {
        double lo = Math.Max(baseFrontier.DataFlops.Min, variant.DataFlops.Min), hi = Math.Min(baseFrontier.DataFlops.Max, variant.DataFlops.Max);
        if (!(hi > lo))
            (lo, hi) = (Math.Min(baseFrontier.DataFlops.Min, variant.DataFlops.Min), Math.Max(baseFrontier.DataFlops.Max, variant.DataFlops.Max));
        // The ends exactly lo and hi: exp(ln lo) can round past the data's range and then count as outside both sweeps.
        return Enumerable.Range(0, 5).Select(i => i == 0 ? lo : i == 4 ? hi : Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * i / 4)).ToArray();
    }

    /// <summary>
    /// The budgets that lie outside the FLOP range of both sweeps (neither sweep reaches or brackets them).
    /// </summary>
    public static double[] OutsideBothSweeps(LossFrontier baseFrontier, LossFrontier variant, IEnumerable<double> flops) =>
        flops.Where(c => !Inside(baseFrontier, c) && !Inside(variant, c)).ToArray();

    /// <summary>Compares the two frontiers at <paramref name="flops"/>.</summary>
    /// <exception cref="ArgumentException">A frontier was not fitted, or a budget is not finite and positive.</exception>
    public static FrontierComparison Compare(LossFrontier baseFrontier, LossFrontier variant, IReadOnlyList<double> flops)
    {
        ArgumentNullException.ThrowIfNull(baseFrontier);
        ArgumentNullException.ThrowIfNull(variant);
        var b = baseFrontier.Curve ?? throw new ArgumentException("The base frontier was not fitted: " + baseFrontier.FailureReason, nameof(baseFrontier));
        var v = variant.Curve ?? throw new ArgumentException("The variant frontier was not fitted: " + variant.FailureReason, nameof(variant));
        double level = baseFrontier.Level, tail = (1 - level) / 2;
        int pairs = Math.Min(baseFrontier.Resamples.Count, variant.Resamples.Count);
        var diagnostics = new List<Diagnostic>();
        var points = new List<MultiplierAt>();
        foreach (double c in flops)
        {
            if (!(c > 0) || !double.IsFinite(c))
                throw new ArgumentException($"The budget {c} is not a finite, positive FLOP count.", nameof(flops));
            double lb = b.Loss(c), lv = v.Loss(c);
            double k = b.FlopsForLoss(lv) / c;
            string? problem = double.IsFinite(k) ? null : string.Create(CultureInfo.InvariantCulture,
                $"the base frontier never reaches the variant's L* = {lv:0.####} at C = {c:0.##e+0}: its asymptote E = {b.Asymptote:0.####} lies {(lv <= b.Asymptote ? "above it" : "below it, but beyond 1e60 FLOPs")}");
            Estimate multiplier, gap;
            if (pairs == 0)
            {
                multiplier = Estimate.Point(double.IsFinite(k) ? k : double.NaN, "bootstrap off");
                gap = Estimate.Point(lb - lv, "bootstrap off");
            }
            else
            {
                var ks = new double[pairs];
                var gaps = new double[pairs];
                for (int j = 0; j < pairs; j++)
                {
                    var bj = baseFrontier.Resamples[j];
                    var vj = variant.Resamples[j];
                    double lvj = vj.Loss(c);
                    double kj = bj.FlopsForLoss(lvj) / c;
                    ks[j] = double.IsFinite(kj) ? kj : double.MaxValue;
                    gaps[j] = bj.Loss(c) - lvj;
                }
                Array.Sort(ks);
                Array.Sort(gaps);
                double low = Unbounded(Percentile.OfSorted(ks, tail)), high = Unbounded(Percentile.OfSorted(ks, 1 - tail));
                multiplier = new Estimate(double.IsFinite(k) ? k : double.NaN, new Interval(low, high, level));
                gap = new Estimate(lb - lv, new Interval(Percentile.OfSorted(gaps, tail), Percentile.OfSorted(gaps, 1 - tail), level));
                int unreachable = ks.Count(x => x == double.MaxValue);
                if (unreachable > 0)
                    diagnostics.Add(DiagnosticCodes.MultiplierUnbounded.With(Severity.Warning, string.Create(CultureInfo.InvariantCulture,
                        $"At C = {c:0.##e+0} the base frontier never reached the variant's loss in {unreachable} of {pairs} resamples{(double.IsInfinity(high) ? ", so the interval has no upper bound" : "")}.")));
            }
            points.Add(new MultiplierAt(c, lb, lv, multiplier, gap, problem));
        }
        var crossings = Crossings(b, v, baseFrontier, variant);
        if (crossings.Count == 0)
        {
            double d = b.Loss(1e21) - v.Loss(1e21);
            diagnostics.Add(DiagnosticCodes.NoCrossing.With(Severity.Info, $"The frontiers do not cross between 1e15 and 1e30 FLOPs: the {(d > 0 ? "variant" : "base")} has the lower loss throughout."));
        }
        foreach (var x in crossings)
        {
            // Two frontiers whose difference is within noise of zero cross by chance: say so rather than rank the recipes.
            bool distinct = GapExcludesZero(baseFrontier, variant, pairs, tail, x.Flops * 0.5) || GapExcludesZero(baseFrontier, variant, pairs, tail, x.Flops * 2);
            string where = x.InsideData ? "inside the data" : "beyond the data (an extrapolated crossing, as uncertain as the fits' asymptotes)";
            diagnostics.Add(x.InsideData && distinct
                ? DiagnosticCodes.FrontiersCross.With(Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"The frontiers cross at C ≈ {x.Flops:0.##e+0}, {where}: which recipe is better depends on the budget."))
                : DiagnosticCodes.FrontiersCross.With(Severity.Info, string.Create(CultureInfo.InvariantCulture, $"The fitted frontiers cross at C ≈ {x.Flops:0.##e+0}, {where}{(distinct ? "." : "; near it the loss gap's interval contains 0, so the two are not distinguishable there.")}")));
        }
        return new FrontierComparison(baseFrontier.Approach, baseFrontier, variant, points, crossings, diagnostics);
    }

    private static bool GapExcludesZero(LossFrontier b, LossFrontier v, int pairs, double tail, double c)
    {
        if (pairs == 0)
            return false;
        var gaps = new double[pairs];
        for (int j = 0; j < pairs; j++)
            gaps[j] = b.Resamples[j].Loss(c) - v.Resamples[j].Loss(c);
        Array.Sort(gaps);
        double low = Percentile.OfSorted(gaps, tail), high = Percentile.OfSorted(gaps, 1 - tail);
        return low > 0 || high < 0;
    }

    private static double Unbounded(double v) => v >= 1e300 ? double.PositiveInfinity : v;

    private static bool Inside(LossFrontier f, double c) => c >= f.DataFlops.Min && c <= f.DataFlops.Max;

    private static List<FrontierCrossing> Crossings(FrontierCurve b, FrontierCurve v, LossFrontier bf, LossFrontier vf)
    {
        const int Steps = 600;
        double lo = Math.Log(CrossingSearchMin), hi = Math.Log(CrossingSearchMax);
        double D(double lnC) => b.Loss(Math.Exp(lnC)) - v.Loss(Math.Exp(lnC));
        var result = new List<FrontierCrossing>();
        double prevX = lo, prev = D(lo);
        for (int i = 1; i <= Steps; i++)
        {
            double x = lo + (hi - lo) * i / Steps, d = D(x);
            if (double.IsFinite(prev) && double.IsFinite(d) && Math.Sign(prev) != Math.Sign(d) && prev != 0)
            {
                double a = prevX, z = x, fa = prev;
                for (int k = 0; k < 100 && z - a > 1e-12; k++)
                {
                    double m = 0.5 * (a + z), fm = D(m);
                    if (Math.Sign(fm) == Math.Sign(fa))
                    {
                        a = m;
                        fa = fm;
                    }
                    else
                    {
                        z = m;
                    }
                }
                double c = Math.Exp(0.5 * (a + z));
                result.Add(new FrontierCrossing(c, Inside(bf, c) || Inside(vf, c)));
            }
            prevX = x;
            prev = d;
        }
        return result;
    }
}
