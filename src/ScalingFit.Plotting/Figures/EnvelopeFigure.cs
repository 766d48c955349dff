using ScalingFit.Core;
using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

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
    public static Figure Build(EnvelopeFitResult fit, RunSet? curves, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        return new Figure([CurvesPanel(fit, curves, options), AllocationPanel(fit, tokens: false, options), AllocationPanel(fit, tokens: true, options)])
        {
            PanelWidth = (int)options.PanelWidth,
            PanelHeight = (int)options.PanelHeight,
        };
    }

    private static Plot CurvesPanel(EnvelopeFitResult fit, RunSet? runs, FigureOptions options)
    {
        double factor = (runs?.FlopRule ?? FlopRule.Default).Factor;
        TrainingCurve[] curves = [.. (runs?.Curves ?? []).Where(c => Positive(c.ParameterCount) && c.Points.Count > 0)];
        if (curves.Length == 0 && fit.Frontier.Count == 0)
            return Empty("Training curves (none given)", FlopsLabel, AxisKind.LogScientific, "Training loss", AxisKind.Linear);

        var panel = new Panel(curves.Length > 0 ? $"{curves.Length} training curves" : "Envelope (no curves given)",
            FlopsLabel, AxisKind.LogScientific, "Training loss", AxisKind.Linear);
        double nMin = curves.Length > 0 ? curves.Min(c => c.ParameterCount) : fit.Frontier.Min(p => p.ParameterCount);
        double nMax = curves.Length > 0 ? curves.Max(c => c.ParameterCount) : fit.Frontier.Max(p => p.ParameterCount);
        ColorAxis sizes = panel.ColorBar(ParametersLabel, nMin, nMax, AxisKind.LogCount);
        var losses = new List<double>();
        foreach (TrainingCurve curve in curves.OrderBy(c => c.ParameterCount))
        {
            List<CurvePoint> points = Thin(curve.Points, options.MaxPointsPerCurve);
            (double X, double Y)[] line = [.. points.Where(p => Positive(p.TokenCount) && double.IsFinite(p.Loss))
                .Select(p => (factor * curve.ParameterCount * p.TokenCount, p.Loss))];
            losses.AddRange(line.Select(p => p.Y));
            panel.Line(line, sizes.Map(curve.ParameterCount), 1.3f, opacity: 0.9);
        }
        AddFrontierMarkers(panel, fit, options, p => p.Loss);
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
                panel.YRange(lo - ((hi - lo) * 0.04), hi + ((hi - lo) * 0.04));
        }
        double[] cs = [.. curves.SelectMany(c => new[] { factor * c.ParameterCount * c.Points[0].TokenCount, factor * c.ParameterCount * c.Points[^1].TokenCount })
            .Concat(fit.Frontier.Select(p => p.Flops)).Where(Positive)];
        if (cs.Length > 0)
            panel.XRange(DecadeBelow(cs.Min()), DecadeAbove(cs.Max()));
        return panel.Finish(LegendAt.TopRight);
    }

    private static void AddFrontierMarkers(Panel panel, EnvelopeFitResult fit, FigureOptions options, Func<EnvelopePoint, double> y)
    {
        List<EnvelopePoint> shown = Thin(fit.Frontier, options.MaxFrontierMarkers);
        (double, double)[] used = [.. shown.Where(p => p.Used).Select(p => (p.Flops, y(p)))];
        (double, double)[] left = [.. shown.Where(p => !p.Used).Select(p => (p.Flops, y(p)))];
        if (left.Length > 0)
            panel.Markers(left, ExcludedColor, 5, "Envelope, left out (edge)", edge: Colors.Transparent, opacity: 1);
        if (used.Length > 0)
            panel.Markers(used, Ink, 5, "Envelope, fitted", edge: Colors.Transparent, opacity: 1);
    }

    private static Plot AllocationPanel(EnvelopeFitResult fit, bool tokens, FigureOptions options)
    {
        string quantity = tokens ? "D_opt" : "N_opt";
        string yLabel = tokens ? TokensLabel : ParametersLabel;
        if (fit.Frontier.Count == 0)
            return Empty($"{quantity} (no envelope)", FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.LogCount);

        string title = $"{quantity} against compute";
        PowerLawFit? regression = tokens ? fit.TokenFit : fit.ParameterFit;
        bool fitted = fit.Succeeded && regression is not null;
        if (!fitted)
            title = $"{quantity} (not fitted)";
        var panel = new Panel(title, FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.LogCount);
        double cLo = DecadeBelow(fit.Frontier.Min(p => p.Flops) / 1.5);
        double cHi = fit.Frontier.Max(p => p.Flops);
        double projection = options.ProjectionFlops;
        cHi = DecadeAbove(fitted && Positive(projection) ? Math.Max(cHi, projection) * 1.5 : cHi * 1.5);
        if (fitted)
            AddPowerLawFit(panel, fit, regression!, tokens, quantity, LogSpace(cLo, cHi, 60), EnvelopeColor, options);
        AddFrontierMarkers(panel, fit, options, p => tokens ? p.TokenCount : p.ParameterCount);
        panel.XRange(cLo, cHi);
        double[] ys = [.. fit.Frontier.Select(p => tokens ? p.TokenCount : p.ParameterCount).Where(Positive)];
        if (fitted && Positive(projection))
            ys = [.. ys, regression!.Predict(projection), regression.Predict(cLo)];
        ys = [.. ys.Where(Positive)];
        if (ys.Length > 0)
            panel.YRange(ys.Min() / 2, ys.Max() * 2.5);
        return panel.Finish(LegendAt.BottomRight);
    }

    private static double Quantile(double[] values, double q)
    {
        double[] sorted = [.. values.Order()];
        return Percentile.OfSorted(sorted, q);
    }
}
