using MathNet.Numerics.Interpolation;

namespace ScalingFit.Fitting;

/// <summary>The least loss of one IsoFLOP profile, or why there is none.</summary>
/// <param name="Found">True when the profile has an interior minimum.</param>
/// <param name="LnParameterCount">ln N at the minimum (NaN when none).</param>
/// <param name="Loss">The loss at the minimum (NaN when none).</param>
/// <param name="Failure">Why there is no minimum (null when found).</param>
public readonly record struct ValleyMinimum(bool Found, double LnParameterCount, double Loss, string? Failure)
{
    /// <summary>No minimum, for the stated reason.</summary>
    public static ValleyMinimum None(string reason) => new(false, double.NaN, double.NaN, reason);
}

/// <summary>
/// Finds the minimum of an IsoFLOP profile, loss against x = ln N at a fixed FLOP budget, by a least-squares parabola
/// (Hoffmann et al. 2022, §3.2) or an Akima spline (Porian et al. 2024). Either way a minimum at the edge of the sampled
/// sizes is rejected: the true optimum may lie beyond the sweep.
/// </summary>
public static class IsoFlopValley
{
    /// <summary>
    /// The pooled residual standard deviation of the profiles' least-squares parabolas, √(Σ r² / Σ (n_k − 3)) over the
    /// profiles with more than 3 runs: the σ of the noise bootstrap when none is given. NaN when no profile has a residual.
    /// </summary>
    public static double PooledParabolaScatter(IEnumerable<(double[] LnParameterCount, double[] Loss)> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        double ss = 0;
        int df = 0;
        foreach (var (x, y) in profiles)
        {
            var fit = IsoFlopMath.Fit(x, y);
            if (fit.Parabola is null || x.Length <= 3)
                continue;
            for (int i = 0; i < x.Length; i++)
                ss += Math.Pow(y[i] - fit.Parabola.Loss(Math.Exp(x[i])), 2);
            df += x.Length - 3;
        }
        return df > 0 ? Math.Sqrt(ss / df) : double.NaN;
    }

    /// <summary>The minimum by <paramref name="method"/>.</summary>
    /// <param name="method">Parabola or Akima.</param>
    /// <param name="lnParameterCount">x = ln N of each run.</param>
    /// <param name="loss">The final loss of each run.</param>
    public static ValleyMinimum Find(ValleyMethod method, ReadOnlySpan<double> lnParameterCount, ReadOnlySpan<double> loss)
    {
        if (lnParameterCount.Length != loss.Length)
            throw new ArgumentException($"{lnParameterCount.Length} sizes but {loss.Length} losses.", nameof(loss));
        if (method == ValleyMethod.Parabola)
        {
            var fit = IsoFlopMath.Fit(lnParameterCount, loss);
            return fit.HasValley
                ? new ValleyMinimum(true, fit.LnVertex, fit.Parabola!.Loss(Math.Exp(fit.LnVertex)), null)
                : ValleyMinimum.None(fit.Failure ?? "no valley");
        }
        return Akima(lnParameterCount, loss);
    }

    /// <summary>
    /// The Akima spline's least value over the sampled range: losses at a repeated size are averaged, the spline
    /// (MathNet's <see cref="CubicSpline.InterpolateAkimaSorted"/>) is built through the distinct sizes, and its
    /// minimum is found among the knots and the stationary points of every segment. A minimum at the smallest or
    /// largest size sampled is an edge minimum and rejected.
    /// </summary>
    public static ValleyMinimum Akima(ReadOnlySpan<double> lnParameterCount, ReadOnlySpan<double> loss)
    {
        var groups = new SortedDictionary<double, (double Sum, int Count)>();
        for (int i = 0; i < lnParameterCount.Length; i++)
        {
            if (!double.IsFinite(lnParameterCount[i]) || !double.IsFinite(loss[i]))
                return ValleyMinimum.None($"run {i} has a non-finite size or loss");
            groups[lnParameterCount[i]] = groups.TryGetValue(lnParameterCount[i], out var g) ? (g.Sum + loss[i], g.Count + 1) : (loss[i], 1);
        }
        if (groups.Count < 5)
            return ValleyMinimum.None($"{groups.Count} distinct model sizes; an Akima spline needs at least 5");
        var x = groups.Keys.ToArray();
        var y = groups.Values.Select(v => v.Sum / v.Count).ToArray();
        var spline = CubicSpline.InterpolateAkimaSorted(x, y);
        double bestX = x[0], bestY = y[0];
        void Consider(double t)
        {
            if (!(t >= x[0] && t <= x[^1]))
                return;
            double v = spline.Interpolate(t);
            if (v < bestY)
            {
                bestY = v;
                bestX = t;
            }
        }
        foreach (var t in x)
            Consider(t);
        foreach (var t in spline.StationaryPoints())
            Consider(t);
        if (bestX <= x[0] || bestX >= x[^1])
        {
            return ValleyMinimum.None(bestX <= x[0]
                ? "no valley: the spline's least loss is at the smallest size sampled (edge minimum)"
                : "no valley: the spline's least loss is at the largest size sampled (edge minimum)");
        }
        return new ValleyMinimum(true, bestX, bestY, null);
    }
}
