using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The compute-optimal loss as a function of compute, L*(C) = E + A·C^(−γ): a power law in C that levels off at the
/// irreducible loss E (the form of Hoffmann et al. 2022, eq. 2, along the efficient frontier; Kaplan et al. 2020, eq. 1.4,
/// with E = 0).
/// </summary>
/// <param name="E">The asymptote (irreducible loss), ≥ 0.</param>
/// <param name="A">The coefficient A &gt; 0.</param>
/// <param name="Gamma">The exponent γ &gt; 0 for a loss that falls with compute.</param>
public sealed record SaturatingPowerLaw(double E, double A, double Gamma)
{
    /// <summary>L*(C) = E + A·C^(−γ), computed in logs.</summary>
    public double Loss(double flops) => E + Math.Exp(Math.Log(A) - Gamma * Math.Log(flops));

    /// <summary>The compute at which L*(C) = <paramref name="loss"/>: C = ((L − E)/A)^(−1/γ); NaN when L ≤ E or γ ≤ 0.</summary>
    public double FlopsForLoss(double loss) =>
        loss > E && Gamma > 0 ? Math.Exp(-(Math.Log(loss - E) - Math.Log(A)) / Gamma) : double.NaN;
}

/// <summary>A fitted <see cref="SaturatingPowerLaw"/> and its residual scatter.</summary>
/// <param name="Law">The fitted law.</param>
/// <param name="ResidualStandardDeviation">s = √(Σ r² / (n − p)) of the residuals r = ln L − ln L̂ (p = 3 with E free, 2 with E pinned);
/// NaN when n = p.</param>
/// <param name="Count">n, the number of (C, L) points.</param>
/// <param name="EPinned">True when E was given, not fitted.</param>
/// <param name="EAtBound">True when the fitted E sits at a bound of its search range (0, or just below the least loss).</param>
public sealed record SaturatingPowerLawFit(SaturatingPowerLaw Law, double ResidualStandardDeviation, int Count, bool EPinned, bool EAtBound)
{
    /// <summary>The residual degrees of freedom n − p.</summary>
    public int DegreesOfFreedom => Count - (EPinned ? 2 : 3);
}

/// <summary>
/// Fits L*(C) = E + A·C^(−γ) to (C, L) points. For a given E the model is the shared log–log regression
/// (<see cref="PowerLawRegression"/>) of L − E on C, so A and γ follow in closed form; E is then chosen to minimise the
/// squared residuals in ln L (a profile over E, by golden-section search on a bracket found on a grid over [0, min L)).
/// With E pinned only the regression runs.
/// </summary>
public static class SaturatingPowerLawRegression
{
    /// <summary>Grid points that bracket the profile minimum before golden-section refinement.</summary>
    private const int GridPoints = 32;

    /// <summary>
    /// Fits the law, or returns null with <paramref name="failure"/> saying why (too few points, a loss at or below a
    /// pinned E, equal C everywhere, a loss that does not fall with compute).
    /// </summary>
    /// <param name="flops">C of each point (finite, positive).</param>
    /// <param name="loss">L of each point (finite, positive).</param>
    /// <param name="pinnedE">E to use instead of fitting it, or null.</param>
    /// <param name="failure">Why no law could be fitted (null on success).</param>
    public static SaturatingPowerLawFit? Fit(ReadOnlySpan<double> flops, ReadOnlySpan<double> loss, double? pinnedE, out string? failure)
    {
        failure = null;
        int n = flops.Length;
        if (loss.Length != n)
            throw new ArgumentException($"{n} FLOP values but {loss.Length} losses.", nameof(loss));
        int needed = pinnedE is null ? 4 : 3;
        if (n < needed)
        {
            failure = $"{n} points; L*(C) = E + A·C^(−γ) needs at least {needed} ({(pinnedE is null ? "E, A, γ and a residual" : "A, γ and a residual")})";
            return null;
        }
        double minLoss = double.PositiveInfinity, minC = double.PositiveInfinity, maxC = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(flops[i] > 0) || !double.IsFinite(flops[i]) || !(loss[i] > 0) || !double.IsFinite(loss[i]))
            {
                failure = $"point {i} has C = {flops[i]}, L = {loss[i]}; both must be finite and positive";
                return null;
            }
            minLoss = Math.Min(minLoss, loss[i]);
            minC = Math.Min(minC, flops[i]);
            maxC = Math.Max(maxC, flops[i]);
        }
        if (!(maxC > minC))
        {
            failure = "every point has the same C";
            return null;
        }
        var c = flops.ToArray();
        var l = loss.ToArray();
        if (pinnedE is { } e)
        {
            if (!(e < minLoss))
            {
                failure = $"the pinned E = {e:G5} is not below the least loss {minLoss:G5}; pin a smaller E";
                return null;
            }
            return Finish(c, l, e, true, false, out failure);
        }

        // Profile over E in [0, upper): a grid brackets the minimum, golden-section search refines it.
        double upper = minLoss * (1 - 1e-6);
        var profile = Profile.Of(c, l);
        double Evaluate(double candidate) => profile.SumOfSquares(candidate);
        int best = 0;
        double bestValue = double.PositiveInfinity;
        var grid = new double[GridPoints + 1];
        for (int k = 0; k <= GridPoints; k++)
        {
            // Denser near the upper end, where the profile bends sharply.
            double t = (double)k / GridPoints;
            grid[k] = upper * (1 - (1 - t) * (1 - t));
            double v = Evaluate(grid[k]);
            if (v < bestValue)
            {
                bestValue = v;
                best = k;
            }
        }
        if (!double.IsFinite(bestValue))
        {
            failure = "no asymptote E in [0, least loss) gives a finite fit";
            return null;
        }
        double lo = grid[Math.Max(0, best - 1)], hi = grid[Math.Min(GridPoints, best + 1)];
        double eHat = GoldenSection(Evaluate, lo, hi);
        if (Evaluate(eHat) > bestValue)
            eHat = grid[best];
        bool atBound = best == 0 || best == GridPoints;
        return Finish(c, l, eHat, false, atBound, out failure);
    }

    private static SaturatingPowerLawFit? Finish(double[] c, double[] l, double e, bool pinned, bool atBound, out string? failure)
    {
        failure = null;
        var excess = new double[l.Length];
        for (int i = 0; i < l.Length; i++)
            excess[i] = l[i] - e;
        var fit = PowerLawRegression.Fit(c, excess);
        double gamma = -fit.Exponent;
        if (!(gamma > 0))
        {
            failure = $"the loss above E = {e:G5} does not fall with compute (fitted γ = {gamma:G3})";
            return null;
        }
        var law = new SaturatingPowerLaw(e, fit.Coefficient, gamma);
        int df = l.Length - (pinned ? 2 : 3);
        double ss = SumOfSquares(c, l, law);
        double sd = df > 0 ? Math.Sqrt(ss / df) : double.NaN;
        return new SaturatingPowerLawFit(law, sd, l.Length, pinned, atBound);
    }

    /// <summary>
    /// The profile objective at E: the least-squares line of ln(L − E) on ln C (the same closed form as
    /// <see cref="PowerLawRegression"/>, inlined on precomputed logarithms because the profile evaluates it about a
    /// hundred times per fit), then the squared residuals in ln L.
    /// </summary>
    /// <summary>ln C and ln L computed once per fit, so each profile evaluation costs two logarithms and an exponential per point.</summary>
    private sealed class Profile
    {
        private readonly double[] _l, _lx, _ll;
        private readonly double _mx, _sxx;

        private Profile(double[] c, double[] l)
        {
            _l = l;
            _lx = c.Select(v => Math.Log(v)).ToArray();
            _ll = l.Select(v => Math.Log(v)).ToArray();
            _mx = _lx.Average();
            _sxx = _lx.Sum(x => (x - _mx) * (x - _mx));
        }

        public static Profile Of(double[] c, double[] l) => new(c, l);

        public double SumOfSquares(double e)
        {
            int n = _l.Length;
            Span<double> ly = n <= 1024 ? stackalloc double[n] : new double[n];
            double my = 0;
            for (int i = 0; i < n; i++)
            {
                double excess = _l[i] - e;
                if (!(excess > 0))
                    return double.PositiveInfinity;
                ly[i] = Math.Log(excess);
                my += ly[i];
            }
            my /= n;
            double sxy = 0;
            for (int i = 0; i < n; i++)
                sxy += (_lx[i] - _mx) * (ly[i] - my);
            double slope = sxy / _sxx, intercept = my - slope * _mx;
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double r = _ll[i] - Math.Log(e + Math.Exp(intercept + slope * _lx[i]));
                ss += r * r;
            }
            return double.IsFinite(ss) ? ss : double.PositiveInfinity;
        }
    }

    private static double SumOfSquares(double[] c, double[] l, SaturatingPowerLaw law)
    {
        double ss = 0;
        for (int i = 0; i < l.Length; i++)
        {
            double r = Math.Log(l[i]) - Math.Log(law.Loss(c[i]));
            ss += r * r;
        }
        return ss;
    }

    /// <summary>Golden-section search for a minimum of a unimodal function on [lo, hi] (Kiefer 1953), to a relative width of 1e-12.</summary>
    private static double GoldenSection(Func<double, double> f, double lo, double hi)
    {
        const double R = 0.6180339887498949;
        double x1 = hi - R * (hi - lo), x2 = lo + R * (hi - lo);
        double f1 = f(x1), f2 = f(x2);
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, Math.Abs(hi)); i++)
        {
            if (f1 <= f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - R * (hi - lo);
                f1 = f(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + R * (hi - lo);
                f2 = f(x2);
            }
        }
        return f1 <= f2 ? x1 : x2;
    }
}
