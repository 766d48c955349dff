using ScalingFit.Core.Domain;
using ScalingFit.Fitting.Envelope;
using ScalingFit.Fitting.IsoFlop;
using ScalingFit.Fitting.Parametric;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// Residuals of each fit present, one panel per approach: the envelope's ln N_opt − ln N̂_opt(C) against C (Approach 1),
/// each IsoFLOP budget's loss − parabola against N (Approach 2), and the parametric fit's ln L − ln L̂(N, D) against N, the
/// quantity its Huber objective weighs (Approach 3).
/// </summary>
public static class ResidualsFigure
{
    /// <summary>Builds one panel per fit in <paramref name="inputs"/>; with none, one empty panel that says so.</summary>
    /// <param name="inputs">The fits and, for the parametric residuals, the runs.</param>
    /// <param name="options">Sizes; <see cref="FigureOptions.Default"/> when null.</param>
    public static FigureGrid Build(FigureInputs inputs, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= FigureOptions.Default;
        var panels = new List<Chart>();
        if (inputs.Envelope is { } envelope)
            panels.Add(Envelope(envelope));
        if (inputs.IsoFlop is { } isoFlop)
            panels.Add(IsoFlop(isoFlop));
        if (inputs.Parametric is { } parametric)
            panels.Add(Parametric(parametric, inputs.Runs));
        if (panels.Count == 0)
            panels.Add(Empty("Residuals (no fits)", Axis.Log(FlopsLabel), Axis.Linear("Residual")));
        return new FigureGrid(panels) { PanelWidth = options.PanelWidth, PanelHeight = options.PanelHeight * 0.9 };
    }

    private static LineSeries Zero(double from, double to) =>
        new([new DataPoint(from, 0), new DataPoint(to, 0)]) { Color = NeutralColor, Width = 1, Dash = LineDash.Dashed };

    private static Chart Envelope(EnvelopeFitResult fit)
    {
        var xAxis = Axis.Log(FlopsLabel, TickFormat.Scientific);
        var yAxis = Axis.Linear("ln N_opt − ln fit");
        if (!fit.Succeeded || fit.ParameterFit is not { } regression || fit.Frontier.Count == 0)
            return Empty($"{ApproachName("envelope")}: not fitted", xAxis, yAxis);
        DataPoint Residual(EnvelopePoint p) => new(p.Flops, Math.Log(p.ParameterCount) - Math.Log(regression.Predict(p.Flops)));
        List<EnvelopePoint> shown = Thin(fit.Frontier, 300);
        DataPoint[] used = [.. shown.Where(p => p.Used).Select(Residual)];
        DataPoint[] left = [.. shown.Where(p => !p.Used).Select(Residual)];
        var series = new List<Series> { Zero(fit.Frontier[0].Flops, fit.Frontier[^1].Flops) };
        if (left.Length > 0)
            series.Add(new ScatterSeries(left) { Label = "Left out (sweep edge)", Color = ExcludedColor, MarkerSize = 4.5 });
        series.Add(new ScatterSeries(used) { Label = "Fitted frontier points", Color = EnvelopeColor, MarkerSize = 4.5 });
        return new Chart
        {
            Title = ApproachName("envelope"),
            XAxis = xAxis,
            YAxis = yAxis,
            Series = series,
            Legend = LegendPlacement.Below,
        };
    }

    private static Chart IsoFlop(IsoFlopFitResult fit)
    {
        var xAxis = Axis.Log(ParametersLabel, TickFormat.Si);
        var yAxis = Axis.Linear("L − parabola");
        IsoFlopBudget[] budgets = [.. fit.Budgets.Where(b => b.Parabola is not null && b.PointCount > 0 && Positive(b.Flops))];
        if (budgets.Length == 0)
            return Empty($"{ApproachName("isoflop")}: no parabola", xAxis, yAxis);
        double cMin = budgets.Min(b => b.Flops), cMax = budgets.Max(b => b.Flops);
        var series = new List<Series>
        {
            Zero(budgets.Min(b => b.MinParameterCount ?? double.NaN), budgets.Max(b => b.MaxParameterCount ?? double.NaN)),
        };
        foreach (IsoFlopBudget b in budgets)
        {
            series.Add(new ScatterSeries([.. b.Runs.Select(r => new DataPoint(r.ParameterCount, r.Loss - b.Parabola!.Loss(r.ParameterCount)))])
            {
                Color = b.Kept ? LogColor(b.Flops, cMin, cMax) : ExcludedColor,
                MarkerSize = 6,
            });
        }
        return new Chart
        {
            Title = ApproachName("isoflop"),
            XAxis = xAxis,
            YAxis = yAxis,
            Series = series,
            ColorBar = LogBar("FLOP budget", cMin, cMax, TickFormat.Scientific),
        };
    }

    private static Chart Parametric(ParametricFitResult fit, RunSet? runs)
    {
        var xAxis = Axis.Log(ParametersLabel, TickFormat.Si);
        var yAxis = Axis.Linear("ln L − ln L̂");
        (Run[] kept, Run[] dropped) = ParametricFigure.Split(runs, fit.Options.DropHighest);
        if (!fit.Law.IsValid)
            return Empty($"{ApproachName("parametric")}: not fitted", xAxis, yAxis);
        if (kept.Length + dropped.Length == 0)
            return Empty($"{ApproachName("parametric")}: runs not given", xAxis, yAxis);
        DataPoint Residual(Run r) => new(r.ParameterCount, Math.Log(r.Loss) - Math.Log(fit.Law.Loss(r.ParameterCount, r.TokenCount)));
        Run[] all = [.. kept, .. dropped];
        var series = new List<Series> { Zero(all.Min(r => r.ParameterCount), all.Max(r => r.ParameterCount)) };
        if (kept.Length > 0)
        {
            series.Add(new ScatterSeries([.. kept.Select(Residual)])
            {
                Label = "Runs",
                ColorValues = [.. kept.Select(r => r.Flops)],
                MarkerSize = 6,
            });
        }
        if (dropped.Length > 0)
        {
            series.Add(new ScatterSeries([.. dropped.Select(Residual)])
            {
                Label = "Dropped (highest losses)",
                Color = RgbColor.White,
                EdgeColor = RgbColor.FromRgb(0x222222),
                Shape = MarkerShape.Square,
                MarkerSize = 6,
                Opacity = 1,
            });
        }
        return new Chart
        {
            Title = ApproachName("parametric"),
            XAxis = xAxis,
            YAxis = yAxis,
            Series = series,
            ColorBar = kept.Length > 0 ? new ColorBar("Training FLOPs") { Scale = AxisScale.Log10, TickFormat = TickFormat.Scientific } : null,
            Legend = dropped.Length > 0 ? LegendPlacement.Below : LegendPlacement.None,
        };
    }
}
