using ScottPlot;
using ScottPlot.Plottables;

namespace ScalingFit.Plotting;

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

/// <summary>Draws a <see cref="Histogram"/> as ScottPlot bars: one bar per non-empty bin, one legend entry.</summary>
internal static class HistogramBars
{
    /// <summary>
    /// Bars from 0 to each bin's count, <paramref name="gap"/> (a fraction of the bin width) apart; empty bins draw nothing.
    /// </summary>
    public static BarPlot Add(Panel panel, Histogram histogram, Color color, string legend, double gap = 0.08)
    {
        gap = double.IsFinite(gap) ? Math.Clamp(gap, 0, 0.9) : 0.08;
        var bars = new List<Bar>();
        for (int k = 0; k < histogram.Counts.Count; k++)
        {
            if (histogram.Counts[k] == 0)
                continue;
            double left = histogram.Edges[k], right = histogram.Edges[k + 1];
            bars.Add(new Bar
            {
                Position = (left + right) / 2,
                Value = histogram.Counts[k],
                Size = (right - left) * (1 - gap),
                FillColor = color.WithAlpha(0.55),
                LineColor = color,
                LineWidth = 1,
            });
        }
        BarPlot plot = panel.Plot.Add.Bars(bars);
        plot.LegendText = legend;
        panel.AddLegend(plot, legend);
        return plot;
    }
}
