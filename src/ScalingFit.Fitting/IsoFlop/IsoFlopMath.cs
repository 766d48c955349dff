namespace ScalingFit.Fitting;

/// <summary>The outcome of fitting one profile: its parabola (if any) and its valley (if any).</summary>
internal readonly record struct ProfileFit(IsoFlopParabola? Parabola, double LnVertex, bool HasValley, string? Failure);

/// <summary>Least-squares parabolas and the FLOP grouping rules of Approach 2.</summary>
internal static class IsoFlopMath
{
    /// <summary>
    /// Fits L = c0 + c1·x + c2·x² (x = ln N) by least squares on centred, scaled x (for conditioning) and checks for a
    /// valley: c2 &gt; 0 and the vertex strictly inside the sampled range of x, as approach2.py does.
    /// </summary>
    public static ProfileFit Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, mean = 0;
        for (int i = 0; i < n; i++)
        {
            min = Math.Min(min, x[i]);
            max = Math.Max(max, x[i]);
            mean += x[i];
        }
        if (n < 3 || !(max > min))
            return new ProfileFit(null, 0, false, "fewer than 3 distinct model sizes");
        mean /= n;
        double scale = (max - min) / 2;
        // Normal equations in z = (x − mean)/scale: [S0 S1 S2; S1 S2 S3; S2 S3 S4]·p = [T0; T1; T2].
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        Span<double> distinct = stackalloc double[3];
        int distinctCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (distinctCount < 3)
            {
                bool seen = false;
                for (int k = 0; k < distinctCount; k++)
                    seen |= distinct[k] == x[i];
                if (!seen)
                    distinct[distinctCount++] = x[i];
            }
            double z = (x[i] - mean) / scale, z2 = z * z;
            s1 += z;
            s2 += z2;
            s3 += z2 * z;
            s4 += z2 * z2;
            t0 += y[i];
            t1 += z * y[i];
            t2 += z2 * y[i];
        }
        if (distinctCount < 3)
            return new ProfileFit(null, 0, false, "fewer than 3 distinct model sizes");
        if (!Solve3(n, s1, s2, s3, s4, t0, t1, t2, out double p0, out double p1, out double p2))
            return new ProfileFit(null, 0, false, "the parabola is singular");

        // Back to x: L = p0 + p1·z + p2·z², z = (x − m)/s.
        double c2 = p2 / (scale * scale);
        double c1 = p1 / scale - 2 * p2 * mean / (scale * scale);
        double c0 = p0 - p1 * mean / scale + p2 * mean * mean / (scale * scale);
        var parabola = new IsoFlopParabola(c0, c1, c2);
        if (!(p2 > 0))
            return new ProfileFit(parabola, 0, false, "no valley: the parabola opens downwards");
        double vertex = mean + scale * (-p1 / (2 * p2));
        if (!(vertex > min && vertex < max))
            return new ProfileFit(parabola, vertex, false, "no valley: the vertex lies outside the sampled model sizes");
        return new ProfileFit(parabola, vertex, true, null);
    }

    private static bool Solve3(double s0, double s1, double s2, double s3, double s4, double t0, double t1, double t2,
        out double p0, out double p1, out double p2)
    {
        // Cramer's rule on the symmetric 3×3 system; well conditioned because z ∈ [−1, 1].
        double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
        double scale = Math.Abs(s0 * s2 * s4) + 1e-300;
        if (!(Math.Abs(det) > 1e-12 * scale))
        {
            p0 = p1 = p2 = 0;
            return false;
        }
        p0 = (t0 * (s2 * s4 - s3 * s3) - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det;
        p1 = (s0 * (t1 * s4 - t2 * s3) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det;
        p2 = (s0 * (s2 * t2 - s3 * t1) - s1 * (s1 * t2 - t1 * s2) + t0 * (s1 * s3 - s2 * s2)) / det;
        return true;
    }

    /// <summary>
    /// Automatic grouping: indices (into <paramref name="log10Flops"/>) sorted by C, cut at gaps &gt; <paramref name="gap"/>,
    /// then any group wider than <paramref name="maxWidth"/> split at its largest internal gap until none is.
    /// </summary>
    public static List<int[]> GroupByGaps(IReadOnlyList<double> log10Flops, double gap, double maxWidth)
    {
        var order = Enumerable.Range(0, log10Flops.Count).OrderBy(i => log10Flops[i]).ThenBy(i => i).ToArray();
        var groups = new List<int[]>();
        int start = 0;
        for (int i = 1; i <= order.Length; i++)
        {
            if (i == order.Length || log10Flops[order[i]] - log10Flops[order[i - 1]] > gap)
            {
                if (i > start)
                    SplitWide(order[start..i], log10Flops, maxWidth, groups);
                start = i;
            }
        }
        return groups;
    }

    private static void SplitWide(int[] group, IReadOnlyList<double> lc, double maxWidth, List<int[]> output)
    {
        if (group.Length < 2 || lc[group[^1]] - lc[group[0]] <= maxWidth)
        {
            output.Add(group);
            return;
        }
        int cut = 1;
        double widest = double.NegativeInfinity;
        for (int i = 1; i < group.Length; i++)
        {
            double g = lc[group[i]] - lc[group[i - 1]];
            if (g > widest)
            {
                widest = g;
                cut = i;
            }
        }
        SplitWide(group[..cut], lc, maxWidth, output);
        SplitWide(group[cut..], lc, maxWidth, output);
    }

    /// <summary>The median (mean of the middle two for an even count), as numpy computes it.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
