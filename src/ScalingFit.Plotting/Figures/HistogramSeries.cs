namespace ScalingFit.Plotting.Figures;

/// <summary>Counts of values in contiguous bins.</summary>
/// <param name="Edges">Bin edges, strictly increasing; bin k is [Edges[k], Edges[k+1]) (the last bin includes its right edge).</param>
/// <param name="Counts">The number of values in each bin (one fewer than the edges).</param>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>The number of values counted.</summary>
    public int Total => Counts.Sum();

    /// <summary>
    /// Bins the finite values of <paramref name="values"/> into <paramref name="bins"/> equal-width bins over their range
    /// (0 picks √n, clamped to 8–40). When every value is equal, the single value sits in the middle bin of a range
    /// ±0.1% of it (±0.001 around zero). No values: no bins.
    /// </summary>
    public static Histogram Of(IEnumerable<double> values, int bins = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length == 0)
            return new Histogram([], []);
        if (bins <= 0)
            bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(finite.Length)), 8, 40);
        double lo = finite.Min(), hi = finite.Max();
        if (!(hi > lo))
        {
            double half = lo == 0 ? 1e-3 : Math.Abs(lo) * 1e-3;
            bins = bins % 2 == 0 ? bins + 1 : bins;
            (lo, hi) = (lo - half, hi + half);
        }
        double width = (hi - lo) / bins;
        var edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++)
            edges[k] = lo + (k * width);
        edges[^1] = hi;
        var counts = new int[bins];
        foreach (double v in finite)
            counts[Math.Clamp((int)Math.Floor((v - lo) / width), 0, bins - 1)]++;
        return new Histogram(edges, counts);
    }
}

/// <summary>
/// Draws a <see cref="Histogram"/> as bars with the chart engine's <see cref="BandSeries"/> (one band, broken between bars,
/// so it is one series with one legend entry).
/// </summary>
public static class HistogramSeries
{
    /// <summary>
    /// Bars from 0 to each bin's count, <paramref name="gap"/> (a fraction of the bin width) apart; empty bins draw nothing.
    /// </summary>
    /// <param name="histogram">The counts.</param>
    /// <param name="color">The fill colour; null takes the chart palette's next colour.</param>
    /// <param name="gap">Space between neighbouring bars as a fraction of the bin width, in [0, 0.9]. Default 0.08.</param>
    public static BandSeries Create(Histogram histogram, RgbColor? color = null, double gap = 0.08)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        gap = double.IsFinite(gap) ? Math.Clamp(gap, 0, 0.9) : 0.08;
        var x = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        for (int k = 0; k < histogram.Counts.Count; k++)
        {
            if (histogram.Counts[k] == 0)
                continue;
            double left = histogram.Edges[k], right = histogram.Edges[k + 1], inset = (right - left) * gap / 2;
            if (x.Count > 0)
            {
                x.Add(double.NaN);
                low.Add(double.NaN);
                high.Add(double.NaN);
            }
            x.AddRange([left + inset, right - inset]);
            low.AddRange([0, 0]);
            high.AddRange([histogram.Counts[k], histogram.Counts[k]]);
        }
        return new BandSeries(x, low, high) { Color = color, Opacity = 0.55, ShowEdges = true };
    }
}
