using ScalingFit.Core;
using ScalingFit.Core.Statistics;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Backtest;
using ScalingFit.Fitting.Comparison;
using ScalingFit.Fitting.Prediction;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// The figures of predict, backtest and compare: the loss frontier L*(C) with its band, the points it was fitted to and
/// held-out points; predicted against observed losses of a backtest; and the two frontiers of a comparison with the
/// effective compute multiplier annotated.
/// </summary>
public static class PredictionFigures
{
    /// <summary>
    /// L*(C) of each frontier with its pointwise bootstrap band (the level's percentiles of the resamples' L*), the
    /// frontier points it was fitted to, and optional held-out points drawn as open squares.
    /// </summary>
    /// <param name="frontiers">Fitted frontiers (unfitted ones are left out and named in the title).</param>
    /// <param name="heldOut">Observed (C, L) points that were not fitted, e.g. a backtest's targets; may be empty.</param>
    /// <param name="maxFlops">Draw the frontiers up to this C (default: 100× the largest C in the data).</param>
    public static Chart Frontier(IEnumerable<LossFrontier> frontiers, IReadOnlyList<DataPoint>? heldOut = null, double? maxFlops = null)
    {
        ArgumentNullException.ThrowIfNull(frontiers);
        var fitted = frontiers.Where(f => f.Succeeded).OrderBy(f => ApproachOrder(f.Approach)).ToArray();
        if (fitted.Length == 0)
            return Empty("Loss frontier: nothing fitted", Axis.Log(FlopsLabel, TickFormat.Scientific), Axis.Log(LossLabel));
        double cMin = fitted.Min(f => f.DataFlops.Min) / 2, cMax = maxFlops ?? fitted.Max(f => f.DataFlops.Max) * 100;
        var series = new List<Series>();
        foreach (var f in fitted)
            AddFrontier(series, f, cMin, cMax, ApproachColor(f.Approach), f.Approach.LegendName());
        if (heldOut is { Count: > 0 })
            series.Add(new ScatterSeries(heldOut) { Label = "Held out", Color = RgbColor.White, EdgeColor = NeutralColor, Shape = MarkerShape.Square, MarkerSize = 7, Opacity = 1 });
        return new Chart
        {
            Title = $"Compute-optimal loss L*(C), {LevelPercent(fitted[0].Level)} bands",
            XAxis = Axis.Log(FlopsLabel, TickFormat.Scientific),
            YAxis = Axis.Log(LossLabel),
            Series = series,
            Legend = LegendPlacement.Below,
        };
    }

    /// <summary>Predicted against observed held-out losses of a backtest, one colour per approach, with the line y = x.</summary>
    public static Chart PredictedAgainstObserved(IEnumerable<BacktestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = results.ToArray();
        var targets = all.SelectMany(r => r.Cutoffs.SelectMany(c => c.Targets)).ToArray();
        if (targets.Length == 0)
            return Empty("Backtest: no held-out values", Axis.Linear("Observed loss"), Axis.Linear("Predicted loss"));
        double lo = targets.Min(t => Math.Min(t.ObservedLoss, t.PredictedLoss.Value)), hi = targets.Max(t => Math.Max(t.ObservedLoss, t.PredictedLoss.Value));
        var series = new List<Series>
        {
            new LineSeries([new DataPoint(lo, lo), new DataPoint(hi, hi)]) { Label = "predicted = observed", Color = NeutralColor, Width = 1, Dash = LineDash.Dashed },
        };
        foreach (var r in all.OrderBy(r => ApproachOrder(r.Approach)))
        {
            var points = r.Cutoffs.SelectMany(c => c.Targets).Select(t => new DataPoint(t.ObservedLoss, t.PredictedLoss.Value)).ToArray();
            if (points.Length > 0)
                series.Add(new ScatterSeries(points) { Label = r.Approach.LegendName(), Color = ApproachColor(r.Approach), MarkerSize = 6 });
        }
        return new Chart
        {
            Title = "Backtest: predicted against observed held-out losses",
            XAxis = Axis.Linear("Observed loss"),
            YAxis = Axis.Linear("Predicted loss"),
            Series = series,
            Legend = LegendPlacement.Below,
        };
    }

    /// <summary>The base and variant frontiers of a comparison with their bands and k(C) annotated at each budget.</summary>
    public static Chart Comparison(FrontierComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        double cMin = Math.Min(comparison.Base.DataFlops.Min, comparison.Variant.DataFlops.Min) / 2;
        double cMax = Math.Max(Math.Max(comparison.Base.DataFlops.Max, comparison.Variant.DataFlops.Max) * 10, comparison.Points.Select(p => p.Flops).DefaultIfEmpty(0).Max() * 2);
        var series = new List<Series>();
        AddFrontier(series, comparison.Base, cMin, cMax, EnvelopeColor, "Base");
        AddFrontier(series, comparison.Variant, cMin, cMax, IsoFlopColor, "Variant");
        foreach (var p in comparison.Points.Where(p => double.IsFinite(p.Multiplier.Value)))
            series.Add(new MarkerAnnotation(new DataPoint(p.Flops, p.VariantLoss), "k = " + F(p.Multiplier.Value, "0.00") + "×") { MarkerSize = 9 });
        return new Chart
        {
            Title = $"{comparison.Approach.LegendName()}: effective compute multiplier k(C) of the variant",
            XAxis = Axis.Log(FlopsLabel, TickFormat.Scientific),
            YAxis = Axis.Log(LossLabel),
            Series = series,
            Legend = LegendPlacement.Below,
        };
    }

    private static void AddFrontier(List<Series> series, LossFrontier f, double cMin, double cMax, RgbColor color, string label)
    {
        var curve = f.Curve!;
        double[] flops = LogSpace(cMin, cMax, 61);
        if (f.Resamples.Count > 0)
        {
            double tail = (1 - f.Level) / 2;
            var low = new double[flops.Length];
            var high = new double[flops.Length];
            for (int i = 0; i < flops.Length; i++)
            {
                var values = f.Resamples.Select(r => r.Loss(flops[i])).Where(Positive).Order().ToArray();
                low[i] = values.Length > 0 ? Percentile.OfSorted(values, tail) : curve.Loss(flops[i]);
                high[i] = values.Length > 0 ? Percentile.OfSorted(values, 1 - tail) : curve.Loss(flops[i]);
            }
            series.Add(new BandSeries(flops, low, high) { Color = color });
        }
        series.Add(new LineSeries(Curve(flops, curve.Loss)) { Label = label + (f.LossFit is { } fit ? $": L* = {F(fit.Law.E, "0.00")} + {Numbers.ShortScientific(fit.Law.A)}·C^−{F(fit.Law.Gamma, "0.000")}" : ""), Color = color, Width = 2.2 });
        if (f.Observations.Count > 0)
            series.Add(new ScatterSeries(Thin(f.Observations, 200).Select(o => new DataPoint(o.Flops, o.Loss)).ToArray()) { Label = label + ": fitted points", Color = color, MarkerSize = 5 });
    }
}
