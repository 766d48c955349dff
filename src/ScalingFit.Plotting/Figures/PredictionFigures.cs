using ScalingFit.Core;
using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

/// <summary>
/// The figures of predict, backtest and compare: the loss frontier L*(C) with its band, the points it was fitted to and
/// held-out points; predicted against observed losses of a backtest; and the two frontiers of a comparison with the
/// effective compute multiplier annotated.
/// </summary>
public static class PredictionFigures
{
    private const int Width = 640, Height = 480;

    /// <summary>
    /// L*(C) of each frontier with its pointwise bootstrap band (<see cref="LossFrontier.LossInterval"/>: the level's percentiles of the resamples' L*, reflected for the envelope), the
    /// frontier points it was fitted to, and optional held-out points drawn as open squares.
    /// </summary>
    /// <param name="frontiers">Fitted frontiers (unfitted ones are left out).</param>
    /// <param name="heldOut">Observed (C, L) points that were not fitted, e.g. a backtest's targets; may be empty.</param>
    /// <param name="maxFlops">Draw the frontiers up to this C (default: 100× the largest C in the data).</param>
    /// <param name="title">The panel's title (default: "Compute-optimal loss L*(C), 95% bands").</param>
    /// <remarks>The curves start at half the least C a frontier was fitted to (its frontier points; the runs' C for the
    /// parametric law), not at the first checkpoint of the smallest curve, so the region that matters fills the panel.</remarks>
    public static Figure Frontier(IEnumerable<LossFrontier> frontiers, IReadOnlyList<(double Flops, double Loss)>? heldOut = null, double? maxFlops = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(frontiers);
        var fitted = frontiers.Where(f => f.Succeeded).OrderBy(f => ApproachOrder(f.Approach)).ToArray();
        if (fitted.Length == 0)
            return Figure.Single(Empty("Loss frontier: nothing fitted", FlopsLabel, AxisKind.LogScientific, LossLabel, AxisKind.LogCount), Width, Height);
        double cMin = fitted.Min(f => f.Observations.Count > 0 ? f.Observations.Min(o => o.Flops) : f.DataFlops.Min) / 2;
        double cMax = maxFlops ?? fitted.Max(f => f.DataFlops.Max) * 100;
        var panel = new Panel(title ?? $"Compute-optimal loss L*(C), {LevelPercent(fitted[0].Level)} bands", FlopsLabel, AxisKind.LogScientific, LossLabel, AxisKind.Linear);
        foreach (var f in fitted)
            AddFrontier(panel, f, cMin, cMax, ApproachColor(f.Approach), f.Approach.LegendName());
        if (heldOut is { Count: > 0 })
            panel.Markers(heldOut.Select(p => (p.Flops, p.Loss)), Colors.White, 8, "Held out", MarkerShape.FilledSquare, edge: NeutralColor, opacity: 1);
        return Figure.Single(panel.Finish(LegendAt.Below), Width, Height);
    }

    /// <summary>Predicted against observed held-out losses of a backtest, one colour per approach, with the line y = x.</summary>
    public static Figure PredictedAgainstObserved(IEnumerable<BacktestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = results.ToArray();
        var targets = all.SelectMany(r => r.Cutoffs.SelectMany(c => c.Targets)).ToArray();
        if (targets.Length == 0)
            return Figure.Single(Empty("Backtest: no held-out values", "Observed loss", AxisKind.Linear, "Predicted loss", AxisKind.Linear), Width, Height);
        double lo = targets.Min(t => Math.Min(t.ObservedLoss, t.PredictedLoss.Value)), hi = targets.Max(t => Math.Max(t.ObservedLoss, t.PredictedLoss.Value));
        var panel = new Panel("Backtest: predicted against observed held-out losses", "Observed loss", AxisKind.Linear, "Predicted loss", AxisKind.Linear);
        panel.Line([(lo, lo), (hi, hi)], NeutralColor, 1, "predicted = observed", LinePattern.Dashed);
        foreach (var r in all.OrderBy(r => ApproachOrder(r.Approach)))
        {
            var points = r.Cutoffs.SelectMany(c => c.Targets).Select(t => (t.ObservedLoss, t.PredictedLoss.Value)).ToArray();
            if (points.Length > 0)
                panel.Markers(points, ApproachColor(r.Approach), 7, r.Approach.LegendName());
        }
        return Figure.Single(panel.Finish(LegendAt.Below), Width, Height);
    }

    /// <summary>The base and variant frontiers of a comparison with their bands and k(C) annotated at each budget.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="baseName">The base's name in the legend (e.g. its group, <c>recipe=baseline</c>).</param>
    /// <param name="variantName">The variant's name in the legend.</param>
    public static Figure Comparison(FrontierComparison comparison, string baseName = "Base", string variantName = "Variant")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        double cMin = Math.Min(comparison.Base.DataFlops.Min, comparison.Variant.DataFlops.Min) / 2;
        double cMax = Math.Max(Math.Max(comparison.Base.DataFlops.Max, comparison.Variant.DataFlops.Max) * 10, comparison.Points.Select(p => p.Flops).DefaultIfEmpty(0).Max() * 2);
        var panel = new Panel($"{comparison.Approach.LegendName()}: effective compute multiplier k(C)", FlopsLabel, AxisKind.LogScientific, LossLabel, AxisKind.Linear);
        AddFrontier(panel, comparison.Base, cMin, cMax, EnvelopeColor, baseName);
        AddFrontier(panel, comparison.Variant, cMin, cMax, IsoFlopColor, variantName);
        foreach (var p in comparison.Points.Where(p => double.IsFinite(p.Multiplier.Value)))
            panel.Star(p.Flops, p.VariantLoss, "k = " + F(p.Multiplier.Value, "0.00") + "×", TextSide.Above, Ink, 11);
        return Figure.Single(panel.Finish(LegendAt.Below), Width, Height);
    }

    private static void AddFrontier(Panel panel, LossFrontier f, double cMin, double cMax, Color color, string label)
    {
        var curve = f.Curve!;
        double[] flops = LogSpace(cMin, cMax, 61);
        if (f.Resamples.Count > 0)
        {
            var low = new double[flops.Length];
            var high = new double[flops.Length];
            for (int i = 0; i < flops.Length; i++)
            {
                var interval = f.LossInterval(flops[i]);
                low[i] = interval?.Low ?? curve.Loss(flops[i]);
                high[i] = interval?.High ?? curve.Loss(flops[i]);
            }
            panel.Band(flops, low, high, color);
        }
        string law = f.LossFit is { } fit ? $": L* = {F(fit.Law.E, "0.00")} + {Numbers.ShortScientific(fit.Law.A)}·C^−{F(fit.Law.Gamma, "0.000")}" : "";
        panel.Line(Curve(flops, curve.Loss), color, 2.2f, label + law);
        if (f.Observations.Count > 0)
            panel.Markers(Thin(f.Observations, 200).Select(o => (o.Flops, o.Loss)), color, 6, label + ": fitted points");
    }
}
