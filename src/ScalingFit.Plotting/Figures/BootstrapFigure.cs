using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

/// <summary>
/// The bootstrap distribution of the exponent a (N_opt ∝ C^a) of each approach, one histogram panel per fit, with the
/// full-data estimate and the percentile interval marked (Hoffmann et al. 2022, Table 2 reports these intervals).
/// </summary>
public static class BootstrapFigure
{
    /// <summary>
    /// Builds one panel per fit in approach order. A fit without a bootstrap (or whose refits all failed) gets a panel that
    /// says so; no fits at all give one such panel.
    /// </summary>
    /// <param name="fits">Any subset of the approaches.</param>
    /// <param name="options">Bins and sizes; <see cref="FigureOptions.Default"/> when null.</param>
    public static Figure Build(IEnumerable<IAllocationFit?> fits, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        options ??= FigureOptions.Default;
        var panels = new List<Plot>();
        foreach (IAllocationFit fit in fits.OfType<IAllocationFit>().OrderBy(f => ApproachOrder(f.Approach)))
            panels.Add(Panel(fit, options));
        if (panels.Count == 0)
            panels.Add(Empty("Bootstrap of a (no fits)", "a", AxisKind.Linear, "Resamples", AxisKind.Linear));
        return new Figure(panels) { PanelWidth = (int)options.PanelWidth, PanelHeight = (int)options.PanelHeight };
    }

    private static Plot Panel(IAllocationFit fit, FigureOptions options)
    {
        const string xLabel = "a in N_opt ∝ C^a", yLabel = "Resamples";
        string name = ApproachName(fit.Approach);
        double[] samples = fit.Bootstrap is { } b && b.Names.Contains("a") ? [.. b.Samples("a").Where(double.IsFinite)] : [];
        if (samples.Length == 0)
        {
            string why = fit.Bootstrap is null ? "no bootstrap" : "every refit failed";
            return Empty($"{name}: {why}", xLabel, AxisKind.Linear, yLabel, AxisKind.Linear);
        }

        Color color = ApproachColor(fit.Approach);
        Histogram histogram = Histogram.Of(samples, options.HistogramBins);
        double top = histogram.Counts.Max() * 1.18;
        var panel = new Panel(name, xLabel, AxisKind.Linear, yLabel, AxisKind.Linear);
        HistogramBars.Add(panel, histogram, color, $"{samples.Length} resamples");
        if (fit.ExponentA.Interval is { } interval)
        {
            panel.Line([(interval.Low, 0), (interval.Low, top)], NeutralColor, 1.3f,
                $"{LevelPercent(interval.Level)} interval ({F(interval.Low)}, {F(interval.High)})", LinePattern.Dashed);
            panel.Line([(interval.High, 0), (interval.High, top)], NeutralColor, 1.3f, pattern: LinePattern.Dashed);
        }
        if (double.IsFinite(fit.ExponentA.Value))
            panel.Line([(fit.ExponentA.Value, 0), (fit.ExponentA.Value, top)], Ink, 2, $"Estimate {F(fit.ExponentA.Value)}");

        double lo = histogram.Edges[0], hi = histogram.Edges[^1];
        foreach (double v in new[] { fit.ExponentA.Value, fit.ExponentA.Interval?.Low ?? double.NaN, fit.ExponentA.Interval?.High ?? double.NaN })
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        double pad = (hi - lo) * 0.06;
        panel.XRange(lo - pad, hi + pad);
        panel.YRange(0, top * 1.04);
        return panel.Finish(LegendAt.Below);
    }
}
