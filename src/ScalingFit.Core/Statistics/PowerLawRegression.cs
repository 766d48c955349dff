using MathNet.Numerics.Distributions;

namespace ScalingFit.Core;

/// <summary>
/// The result of fitting y = k·x^a by least squares in log–log space: ln y = ln k + a·ln x.
/// This is the one regression all three Chinchilla approaches end in (Hoffmann et al. 2022, §3: N_opt ∝ C^a, D_opt ∝ C^b).
/// </summary>
/// <param name="Exponent">a, the slope in log–log space.</param>
/// <param name="LnCoefficient">ln k, the intercept in log–log space.</param>
/// <param name="RSquared">The coefficient of determination of the log–log fit.</param>
/// <param name="ResidualStandardError">s = √(Σw·r² / (n − 2)) in natural-log units; NaN when n = 2.</param>
/// <param name="ExponentStandardError">s / √(Σw·(ln x − mean)²); NaN when n = 2.</param>
/// <param name="ExponentInterval">a ± t(n−2, (1+level)/2)·SE, or null when n = 2 (no degrees of freedom).</param>
/// <param name="Count">n, the number of (x, y) pairs.</param>
public sealed record PowerLawFit(
    double Exponent,
    double LnCoefficient,
    double RSquared,
    double ResidualStandardError,
    double ExponentStandardError,
    Interval? ExponentInterval,
    int Count)
{
    /// <summary>k in y = k·x^a.</summary>
    public double Coefficient => Math.Exp(LnCoefficient);

    /// <summary>The fitted y at <paramref name="x"/>: k·x^a, computed in logs.</summary>
    public double Predict(double x) => Math.Exp(LnCoefficient + Exponent * Math.Log(x));
}

/// <summary>
/// Least-squares power law y = k·x^a fitted as a straight line in (ln x, ln y), optionally weighted,
/// with the classical t-based interval of the slope.
/// </summary>
public static class PowerLawRegression
{
    /// <summary>Fits y = k·x^a. All x and y must be finite and positive; weights (optional) finite and non-negative.</summary>
    /// <param name="x">The regressor, e.g. FLOPs C.</param>
    /// <param name="y">The response, e.g. N_opt or D_opt.</param>
    /// <param name="weights">Optional weights, one per pair.</param>
    /// <param name="level">Confidence level of <see cref="PowerLawFit.ExponentInterval"/>.</param>
    /// <exception cref="ArgumentException">Fewer than two pairs, lengths differ, a non-positive or non-finite input,
    /// or all x equal. The message names the offending index.</exception>
    public static PowerLawFit Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights = default, double level = 0.95)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"x has {x.Length} values but y has {y.Length}; a power law needs pairs.", nameof(y));
        if (!weights.IsEmpty && weights.Length != x.Length)
            throw new ArgumentException($"There are {weights.Length} weights for {x.Length} pairs.", nameof(weights));
        if (x.Length < 2)
            throw new ArgumentException($"A power law needs at least two (x, y) pairs; got {x.Length}.", nameof(x));
        if (level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");

        int n = x.Length;
        Span<double> lx = n <= 512 ? stackalloc double[n] : new double[n];
        Span<double> ly = n <= 512 ? stackalloc double[n] : new double[n];
        double sw = 0, mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(x[i] > 0) || double.IsInfinity(x[i]))
                throw new ArgumentException($"x[{i}] = {x[i]}: a power law in log–log space needs finite, positive x.", nameof(x));
            if (!(y[i] > 0) || double.IsInfinity(y[i]))
                throw new ArgumentException($"y[{i}] = {y[i]}: a power law in log–log space needs finite, positive y.", nameof(y));
            double w = weights.IsEmpty ? 1.0 : weights[i];
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException($"weight[{i}] = {w}: weights must be finite and non-negative.", nameof(weights));
            lx[i] = Math.Log(x[i]);
            ly[i] = Math.Log(y[i]);
            sw += w;
            mx += w * lx[i];
            my += w * ly[i];
        }
        if (!(sw > 0))
            throw new ArgumentException("All weights are zero.", nameof(weights));
        mx /= sw;
        my /= sw;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            double dx = lx[i] - mx, dy = ly[i] - my;
            sxx += w * dx * dx;
            sxy += w * dx * dy;
            syy += w * dy * dy;
        }
        if (!(sxx > 0))
            throw new ArgumentException("All x are equal: the slope of a power law is undefined.", nameof(x));

        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssr = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            double r = ly[i] - intercept - slope * lx[i];
            ssr += w * r * r;
        }
        double r2 = syy > 0 ? 1 - ssr / syy : 1.0;
        int df = n - 2;
        if (df == 0)
            return new PowerLawFit(slope, intercept, r2, double.NaN, double.NaN, null, n);

        double s = Math.Sqrt(ssr / df);
        double se = s / Math.Sqrt(sxx);
        double t = StudentT.InvCDF(0, 1, df, 0.5 + level / 2);
        return new PowerLawFit(slope, intercept, r2, s, se, new Interval(slope - t * se, slope + t * se, level), n);
    }
}
