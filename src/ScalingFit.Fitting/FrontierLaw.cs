using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>
/// A compute-optimal allocation at one budget from a <see cref="FrontierLaw"/>: N_opt, D_opt and C, each with the
/// bootstrap's percentile interval when the fit had one, and how far past the data the budget lies.
/// </summary>
/// <param name="Flops">C.</param>
/// <param name="ParameterCount">N_opt(C).</param>
/// <param name="TokenCount">D_opt(C) = C/(k·N_opt(C)).</param>
/// <param name="ExtrapolationFactor">C divided by the largest budget in the data, when that is known and C exceeds it; else null.</param>
public sealed record FrontierAllocation(Estimate Flops, Estimate ParameterCount, Estimate TokenCount, double? ExtrapolationFactor)
{
    /// <summary>D_opt/N_opt.</summary>
    public double TokensPerParameter => TokenCount.Value / ParameterCount.Value;
}

/// <summary>
/// The compute-optimal frontier every approach ends in (Hoffmann et al. 2022, §3): ln N_opt = ln k_N + a·ln C and
/// D_opt = C/(k·N_opt) with C = k·N·D, plus the bootstrap's (a, ln k_N) pairs, so the allocation at any budget carries a
/// percentile interval: N_opt,s(C) = exp(ln k_N,s + a_s·ln C) over resamples s (Hyndman–Fan type 7 percentiles, as the
/// fits' intervals). For Approach 3, ln k_N = ln G − a·ln k (N_opt = G·(C/k)^a, Appendix D.2).
/// </summary>
/// <param name="Approach">The approach it came from (<c>envelope</c>, <c>isoflop</c>, <c>parametric</c>).</param>
/// <param name="Exponent">a.</param>
/// <param name="LnCoefficient">ln k_N.</param>
/// <param name="FlopFactor">k in C = k·N·D.</param>
/// <param name="BootstrapExponents">a of each successful resample (empty without a bootstrap).</param>
/// <param name="BootstrapLnCoefficients">ln k_N of the same resamples, in the same order.</param>
/// <param name="Level">The nominal coverage of the intervals.</param>
/// <param name="LargestDataBudget">The largest FLOP budget in the fitted data, when known.</param>
public sealed record FrontierLaw(
    string Approach,
    double Exponent,
    double LnCoefficient,
    double FlopFactor,
    IReadOnlyList<double> BootstrapExponents,
    IReadOnlyList<double> BootstrapLnCoefficients,
    double Level,
    double? LargestDataBudget)
{
    /// <summary>The bootstrap estimate name of ln k_N in the envelope and IsoFLOP fits.</summary>
    public const string InterceptName = "lnkN";

    /// <summary>
    /// The frontier of <paramref name="fit"/> with its bootstrap pairs, or null when the fit has no finite frontier.
    /// The point law is read off the fit's own N_opt(C) and D_opt(C), so it equals them at every budget.
    /// </summary>
    public static FrontierLaw? From(IAllocationFit fit, double? largestDataBudget = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        const double C1 = 1e18, C2 = 1e24;
        double n1 = fit.OptimalParameterCount(C1), n2 = fit.OptimalParameterCount(C2), d1 = fit.OptimalTokenCount(C1);
        if (!(n1 > 0 && n2 > 0 && d1 > 0) || !double.IsFinite(n1 * n2 * d1))
            return null;
        double k = C1 / (n1 * d1);
        double rounded = Math.Round(k, 6);
        if (Math.Abs(rounded - k) <= 1e-9 * k)
            k = rounded; // C/(N·D) recovers k = 6 up to rounding in exp/log; keep the factor the data used
        // The regressions' own coefficients where there are some (bit-identical to the fit); otherwise read off N_opt(C).
        var (a, lnk) = fit switch
        {
            IsoFlopFitResult { ParameterFit: { } iso } => (iso.Exponent, iso.LnCoefficient),
            EnvelopeFitResult { ParameterFit: { } env } => (env.Exponent, env.LnCoefficient),
            ParametricFitResult p => (p.ExponentA.Value, Math.Log(p.Law.G) - p.ExponentA.Value * Math.Log(k)),
            _ => (Math.Log(n2 / n1) / Math.Log(C2 / C1), Math.Log(n1) - Math.Log(n2 / n1) / Math.Log(C2 / C1) * Math.Log(C1)),
        };

        double[] exponents = [], intercepts = [];
        if (fit.Bootstrap is { Succeeded: > 0 } bootstrap)
        {
            exponents = bootstrap.Samples("a");
            if (bootstrap.Names.Contains(InterceptName))
                intercepts = bootstrap.Samples(InterceptName);
            else if (bootstrap.Names.Contains("G"))
                intercepts = bootstrap.Samples("G").Select((g, s) => Math.Log(g) - exponents[s] * Math.Log(k)).ToArray();
            else
                exponents = [];
        }
        double level = fit.Bootstrap?.Level ?? fit.ExponentA.Interval?.Level ?? 0.95;
        return new FrontierLaw(fit.Approach.Name(), a, lnk, k, exponents, intercepts, level, largestDataBudget);
    }

    /// <summary>N_opt(C) = exp(ln k_N + a·ln C).</summary>
    public double OptimalParameterCount(double flops) => Math.Exp(LnCoefficient + Exponent * Math.Log(flops));

    /// <summary>D_opt(C) = C/(k·N_opt(C)).</summary>
    public double OptimalTokenCount(double flops) => flops / (FlopFactor * OptimalParameterCount(flops));

    /// <summary>The allocation at budget <paramref name="flops"/>, with intervals from the bootstrap pairs.</summary>
    public FrontierAllocation AtBudget(double flops)
    {
        double n = OptimalParameterCount(flops);
        var ns = PerResample((a, lnk) => Math.Exp(lnk + a * Math.Log(flops)));
        var ds = ns.Select(x => flops / (FlopFactor * x)).ToArray();
        return new FrontierAllocation(new Estimate(flops), WithInterval(n, ns), WithInterval(flops / (FlopFactor * n), ds), Beyond(flops));
    }

    /// <summary>The budget at which <paramref name="parameterCount"/> is compute-optimal, C = exp((ln N − ln k_N)/a), with intervals.</summary>
    public FrontierAllocation ForParameterCount(double parameterCount)
    {
        double lnN = Math.Log(parameterCount);
        double c = Math.Exp((lnN - LnCoefficient) / Exponent);
        var cs = PerResample((a, lnk) => Math.Exp((lnN - lnk) / a));
        var ds = cs.Select(x => x / (FlopFactor * parameterCount)).ToArray();
        return new FrontierAllocation(WithInterval(c, cs), new Estimate(parameterCount), WithInterval(c / (FlopFactor * parameterCount), ds), Beyond(c));
    }

    private double? Beyond(double flops) =>
        LargestDataBudget is { } max && max > 0 && flops > max ? flops / max : null;

    private double[] PerResample(Func<double, double, double> value)
    {
        int count = Math.Min(BootstrapExponents.Count, BootstrapLnCoefficients.Count);
        var values = new double[count];
        for (int s = 0; s < count; s++)
            values[s] = value(BootstrapExponents[s], BootstrapLnCoefficients[s]);
        return values;
    }

    private Estimate WithInterval(double value, double[] samples)
    {
        var finite = samples.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return Estimate.Point(value, BootstrapExponents.Count == 0 ? "the fit has no bootstrap (refit with Bootstrap.Resamples > 0)" : "no resample gave a finite value");
        Array.Sort(finite);
        double tail = (1 - Level) / 2;
        return new Estimate(value, new Interval(Percentile.OfSorted(finite, tail), Percentile.OfSorted(finite, 1 - tail), Level));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Approach}: N_opt = {Math.Exp(LnCoefficient):0.####e+0}·C^{Exponent:0.0000}, D_opt = C/({FlopFactor:G4}·N_opt), {BootstrapExponents.Count} bootstrap pairs");
}
