namespace ScalingFit.Fitting;

/// <summary>A curve ready for the envelope: sorted by tokens, smoothed, in ln tokens.</summary>
internal sealed record PreparedCurve(string RunId, double ParameterCount, double[] LnTokens, double[] Loss)
{
    public double LnParameterCount { get; } = Math.Log(ParameterCount);
}

/// <summary>A frontier candidate: at ln C, curve <see cref="Curve"/> has the least loss.</summary>
internal readonly record struct FrontierHit(double LnFlops, int Curve, double Loss);

/// <summary>The three envelope constructions on a set of distinct curves (pure, allocation-light, thread-safe).</summary>
internal static class EnvelopeEngine
{
    /// <summary>The centred moving average of width <paramref name="width"/> (half-width width/2), shrinking at the ends.</summary>
    public static double[] Smooth(double[] y, int width)
    {
        var result = (double[])y.Clone();
        SmoothInPlace(result, width);
        return result;
    }

    /// <summary>
    /// <see cref="Smooth"/> in place, keeping only the half-width's originals aside: each window is summed from its first
    /// point to its last, as <see cref="Smooth"/> always did, so the results are the same to the bit.
    /// </summary>
    public static void SmoothInPlace(double[] y, int width)
    {
        if (width <= 1 || y.Length < 2)
            return;
        int k = width / 2;
        var before = new double[k]; // the original of point j lives at j % k while the window may still need it
        for (int i = 0; i < y.Length; i++)
        {
            int lo = Math.Max(0, i - k), hi = Math.Min(y.Length - 1, i + k);
            double sum = 0;
            for (int j = lo; j < i; j++)
                sum += before[j % k];
            for (int j = i; j <= hi; j++)
                sum += y[j];
            before[i % k] = y[i];
            y[i] = sum / (hi - lo + 1);
        }
    }

    public static List<FrontierHit> Build(EnvelopeMethod method, PreparedCurve[] curves, int[] set, double lnFactor, EnvelopeFitOptions options) =>
        method switch
        {
            EnvelopeMethod.Hull => Hull(curves, set, lnFactor),
            EnvelopeMethod.Bins => Bins(curves, set, lnFactor, options.Bins),
            _ => Paper(curves, set, lnFactor, options.FlopPoints),
        };

    /// <summary>
    /// Interpolates every curve (linearly in ln tokens) at <paramref name="count"/> log-spaced FLOP values spanning all
    /// curves; at each value the least loss wins (ties to the smaller N), as approach1.py does.
    /// </summary>
    public static List<FrontierHit> Paper(PreparedCurve[] curves, int[] set, double lnFactor, int count)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (int c in set)
        {
            var cv = curves[c];
            lo = Math.Min(lo, lnFactor + cv.LnParameterCount + cv.LnTokens[0]);
            hi = Math.Max(hi, lnFactor + cv.LnParameterCount + cv.LnTokens[^1]);
        }
        if (!(hi > lo))
            return [];
        double step = (hi - lo) / (count - 1);
        var best = new double[count];
        var bestCurve = new int[count];
        Array.Fill(best, double.PositiveInfinity);
        Array.Fill(bestCurve, -1);
        const double slack = 1e-12;
        foreach (int c in set)
        {
            var cv = curves[c];
            var t = cv.LnTokens;
            var y = cv.Loss;
            double offset = lnFactor + cv.LnParameterCount;
            int jLo = Math.Max(0, (int)Math.Ceiling((offset + t[0] - lo) / step - 1e-9));
            int jHi = Math.Min(count - 1, (int)Math.Floor((offset + t[^1] - lo) / step + 1e-9));
            int s = 0;
            for (int j = jLo; j <= jHi; j++)
            {
                double lt = lo + step * j - offset;
                if (lt < t[0] - slack || lt > t[^1] + slack)
                    continue;
                lt = Math.Clamp(lt, t[0], t[^1]);
                while (s < t.Length - 2 && t[s + 1] < lt)
                    s++;
                double v;
                if (t.Length == 1)
                    v = y[0];
                else
                {
                    double dx = t[s + 1] - t[s];
                    v = dx > 0 ? y[s] + (y[s + 1] - y[s]) * ((lt - t[s]) / dx) : y[s + 1];
                }
                int b = bestCurve[j];
                if (v < best[j] || (v == best[j] && b >= 0 && cv.ParameterCount < curves[b].ParameterCount))
                {
                    best[j] = v;
                    bestCurve[j] = c;
                }
            }
        }
        var hits = new List<FrontierHit>(count);
        for (int j = 0; j < count; j++)
            if (bestCurve[j] >= 0)
                hits.Add(new FrontierHit(lo + step * j, bestCurve[j], best[j]));
        return hits;
    }

    /// <summary>
    /// The lower convex hull of (ln C, loss) over every checkpoint (Andrew's monotone chain), cut at the least loss so
    /// only the falling part of the frontier remains.
    /// </summary>
    public static List<FrontierHit> Hull(PreparedCurve[] curves, int[] set, double lnFactor)
    {
        var points = AllCheckpoints(curves, set, lnFactor);
        points.Sort((p, q) =>
        {
            int byC = p.LnFlops.CompareTo(q.LnFlops);
            if (byC != 0)
                return byC;
            int byLoss = p.Loss.CompareTo(q.Loss);
            return byLoss != 0 ? byLoss : curves[p.Curve].ParameterCount.CompareTo(curves[q.Curve].ParameterCount);
        });
        var hull = new List<FrontierHit>();
        foreach (var p in points)
        {
            if (hull.Count > 0 && hull[^1].LnFlops == p.LnFlops)
                continue; // same C, higher (or equal) loss: never on the lower hull
            while (hull.Count >= 2 && Cross(hull[^2], hull[^1], p) <= 0)
                hull.RemoveAt(hull.Count - 1);
            hull.Add(p);
        }
        int argmin = 0;
        for (int i = 1; i < hull.Count; i++)
            if (hull[i].Loss < hull[argmin].Loss)
                argmin = i;
        return hull.GetRange(0, Math.Min(hull.Count, argmin + 1));
    }

    /// <summary>The least-loss checkpoint in each of <paramref name="binCount"/> log-spaced FLOP bins spanning every checkpoint.</summary>
    public static List<FrontierHit> Bins(PreparedCurve[] curves, int[] set, double lnFactor, int binCount)
    {
        var points = AllCheckpoints(curves, set, lnFactor);
        if (points.Count == 0)
            return [];
        double lo = points.Min(p => p.LnFlops), hi = points.Max(p => p.LnFlops);
        double width = (hi - lo) / binCount;
        var best = new FrontierHit?[binCount];
        foreach (var p in points)
        {
            int bin = width > 0 ? Math.Clamp((int)((p.LnFlops - lo) / width), 0, binCount - 1) : 0;
            if (best[bin] is not { } b || p.Loss < b.Loss
                || (p.Loss == b.Loss && curves[p.Curve].ParameterCount < curves[b.Curve].ParameterCount))
                best[bin] = p;
        }
        return best.Where(b => b is not null).Select(b => b!.Value).ToList();
    }

    private static List<FrontierHit> AllCheckpoints(PreparedCurve[] curves, int[] set, double lnFactor)
    {
        var points = new List<FrontierHit>();
        foreach (int c in set)
        {
            var cv = curves[c];
            double offset = lnFactor + cv.LnParameterCount;
            for (int i = 0; i < cv.LnTokens.Length; i++)
                points.Add(new FrontierHit(offset + cv.LnTokens[i], c, cv.Loss[i]));
        }
        return points;
    }

    private static double Cross(FrontierHit o, FrontierHit a, FrontierHit b) =>
        (a.LnFlops - o.LnFlops) * (b.Loss - o.Loss) - (a.Loss - o.Loss) * (b.LnFlops - o.LnFlops);
}
