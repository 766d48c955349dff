using ScalingFit.Fitting;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

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
    public static FigureGrid Build(IEnumerable<IAllocationFit?> fits, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        options ??= FigureOptions.Default;
        var panels = new List<Chart>();
        foreach (IAllocationFit fit in fits.OfType<IAllocationFit>().OrderBy(f => ApproachOrder(f.Approach)))
            panels.Add(Panel(fit, options));
        if (panels.Count == 0)
            panels.Add(Empty("Bootstrap of a (no fits)", Axis.Linear("a"), Axis.Linear("Resamples")));
        return new FigureGrid(panels) { PanelWidth = options.PanelWidth, PanelHeight = options.PanelHeight };
    }

    private static Chart Panel(IAllocationFit fit, FigureOptions options)
    {
        var xAxis = Axis.Linear("a in N_opt ∝ C^a");
        var yAxis = Axis.Linear("Resamples");
        string name = ApproachName(fit.Approach);
        double[] samples = fit.Bootstrap is { } b && b.Names.Contains("a") ? [.. b.Samples("a").Where(double.IsFinite)] : [];
        if (samples.Length == 0)
        {
            string why = fit.Bootstrap is null ? "no bootstrap" : "every refit failed";
            return Empty($"{name}: {why}", xAxis, yAxis);
        }

        RgbColor color = ApproachColor(fit.Approach);
        Histogram histogram = Histogram.Of(samples, options.HistogramBins);
        double top = histogram.Counts.Max() * 1.18;
        var series = new List<Series>
        {
            HistogramSeries.Create(histogram, color) with { Label = $"{samples.Length} resamples" },
        };
        if (fit.ExponentA.Interval is { } interval)
        {
            series.Add(new LineSeries([new(interval.Low, 0), new(interval.Low, top), new(double.NaN, double.NaN), new(interval.High, 0), new(interval.High, top)])
            {
                Label = $"{LevelPercent(interval.Level)} interval ({F(interval.Low)}, {F(interval.High)})",
                Color = NeutralColor,
                Dash = LineDash.Dashed,
                Width = 1.3,
            });
        }
        if (double.IsFinite(fit.ExponentA.Value))
        {
            series.Add(new LineSeries([new(fit.ExponentA.Value, 0), new(fit.ExponentA.Value, top)])
            {
                Label = $"Estimate {F(fit.ExponentA.Value)}",
                Color = RgbColor.FromRgb(0x111111),
                Width = 2,
            });
        }

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
        return new Chart
        {
            Title = name,
            XAxis = xAxis.WithRange(lo - pad, hi + pad),
            YAxis = yAxis.WithRange(0, top * 1.04),
            Series = series,
            Legend = LegendPlacement.Below,
        };
    }
}
