using ScalingFit.Core.Domain;
using ScalingFit.Core.Statistics;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Envelope;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// The training-curve envelope of Hoffmann et al. 2022, Figure 2 (Approach 1): (a) every training curve, loss against
/// FLOPs C = k·N·D, coloured by model size, with the envelope's points; (b) N_opt against C with the fitted power law
/// and its projection; (c) the same for D_opt.
/// </summary>
public static class EnvelopeFigure
{
    /// <summary>Builds the three panels.</summary>
    /// <param name="fit">The envelope fit.</param>
    /// <param name="curves">The data the fit was made from (its <see cref="RunSet.Curves"/> are drawn); null draws panel (a) from the frontier only.</param>
    /// <param name="options">Sizes and limits; <see cref="FigureOptions.Default"/> when null.</param>
    public static FigureGrid Build(EnvelopeFitResult fit, RunSet? curves, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        return new FigureGrid([CurvesPanel(fit, curves, options), AllocationPanel(fit, tokens: false, options), AllocationPanel(fit, tokens: true, options)])
        {
            PanelWidth = options.PanelWidth,
            PanelHeight = options.PanelHeight,
        };
    }

    private static Chart CurvesPanel(EnvelopeFitResult fit, RunSet? runs, FigureOptions options)
    {
        double factor = (runs?.FlopRule ?? FlopRule.Default).Factor;
        TrainingCurve[] curves = [.. (runs?.Curves ?? []).Where(c => Positive(c.ParameterCount) && c.Points.Count > 0)];
        var xAxis = Axis.Log(FlopsLabel, TickFormat.Scientific);
        var yAxis = Axis.Linear("Training loss");
        if (curves.Length == 0 && fit.Frontier.Count == 0)
            return Empty("Training curves (none given)", xAxis, yAxis);

        double nMin = curves.Length > 0 ? curves.Min(c => c.ParameterCount) : fit.Frontier.Min(p => p.ParameterCount);
        double nMax = curves.Length > 0 ? curves.Max(c => c.ParameterCount) : fit.Frontier.Max(p => p.ParameterCount);
        var series = new List<Series>();
        var losses = new List<double>();
        foreach (TrainingCurve curve in curves.OrderBy(c => c.ParameterCount))
        {
            List<CurvePoint> points = Thin(curve.Points, options.MaxPointsPerCurve);
            DataPoint[] line = [.. points.Where(p => Positive(p.TokenCount) && double.IsFinite(p.Loss))
                .Select(p => new DataPoint(factor * curve.ParameterCount * p.TokenCount, p.Loss))];
            losses.AddRange(line.Select(p => p.Y));
            series.Add(new LineSeries(line) { Color = LogColor(curve.ParameterCount, nMin, nMax), Width = 1.3, Opacity = 0.9 });
        }
        AddFrontierMarkers(series, fit, options, p => p.Loss);
        losses.AddRange(fit.Frontier.Select(p => p.Loss));

        // Early checkpoints sit far above the envelope; show the losses the fitted part of the envelope moves through (and
        // as much again above it), as the paper's Figure 2 does, rather than every curve's first steps.
        double[] finite = [.. losses.Where(double.IsFinite)];
        if (finite.Length > 0)
        {
            double lo = finite.Min();
            double[] fitted = [.. fit.Frontier.Where(p => p.Used && double.IsFinite(p.Loss)).Select(p => p.Loss)];
            double reference = fitted.Length > 0 ? fitted.Max() : Quantile(finite, 0.5);
            double hi = Math.Min(finite.Max(), lo + ((reference - lo) * 2));
            if (hi > lo)
                yAxis = yAxis.WithRange(lo - ((hi - lo) * 0.04), hi + ((hi - lo) * 0.04));
        }

        return new Chart
        {
            Title = curves.Length > 0 ? $"{curves.Length} training curves" : "Envelope (no curves given)",
            XAxis = xAxis,
            YAxis = yAxis,
            Series = series,
            ColorBar = LogBar(ParametersLabel, nMin, nMax, TickFormat.Si),
            Legend = LegendPlacement.TopRight,
        };
    }

    private static void AddFrontierMarkers(List<Series> series, EnvelopeFitResult fit, FigureOptions options, Func<EnvelopePoint, double> y)
    {
        List<EnvelopePoint> shown = Thin(fit.Frontier, options.MaxFrontierMarkers);
        DataPoint[] used = [.. shown.Where(p => p.Used).Select(p => new DataPoint(p.Flops, y(p)))];
        DataPoint[] left = [.. shown.Where(p => !p.Used).Select(p => new DataPoint(p.Flops, y(p)))];
        if (left.Length > 0)
            series.Add(new ScatterSeries(left) { Label = "Envelope, left out (edge)", Color = ExcludedColor, MarkerSize = 4.5, Opacity = 1 });
        if (used.Length > 0)
            series.Add(new ScatterSeries(used) { Label = "Envelope, fitted", Color = RgbColor.FromRgb(0x111111), MarkerSize = 4.5, Opacity = 1 });
    }

    private static Chart AllocationPanel(EnvelopeFitResult fit, bool tokens, FigureOptions options)
    {
        string quantity = tokens ? "D_opt" : "N_opt";
        var xAxis = Axis.Log(FlopsLabel, TickFormat.Scientific);
        var yAxis = Axis.Log(tokens ? TokensLabel : ParametersLabel, TickFormat.Si);
        if (fit.Frontier.Count == 0)
            return Empty($"{quantity} (no envelope)", xAxis, yAxis);

        var series = new List<Series>();
        AddFrontierMarkers(series, fit, options, p => tokens ? p.TokenCount : p.ParameterCount);
        string title = $"{quantity} against compute";
        PowerLawFit? regression = tokens ? fit.TokenFit : fit.ParameterFit;
        double cLo = DecadeBelow(fit.Frontier.Min(p => p.Flops) / 1.5);
        double cHi = fit.Frontier.Max(p => p.Flops);
        if (fit.Succeeded && regression is not null)
        {
            double projection = options.ProjectionFlops;
            cHi = DecadeAbove(Positive(projection) ? Math.Max(cHi, projection) * 1.5 : cHi);
            AddPowerLawFit(series, fit, regression, tokens, quantity, LogSpace(cLo, cHi, 60), EnvelopeColor, options);
        }
        else
        {
            cHi = DecadeAbove(cHi * 1.5);
            title = $"{quantity} (not fitted)";
        }

        return new Chart
        {
            Title = title,
            XAxis = xAxis.WithRange(cLo, cHi),
            YAxis = yAxis,
            Series = series,
            Legend = LegendPlacement.BottomRight,
        };
    }

    private static double Quantile(double[] values, double q)
    {
        double[] sorted = [.. values.Order()];
        return Percentile.OfSorted(sorted, q);
    }
}
