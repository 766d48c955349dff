using ScalingFit.Core.Statistics;
using ScalingFit.Fitting.IsoFlop;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// The IsoFLOP profiles of Hoffmann et al. 2022, Figure 3 (Approach 2): (a) each budget's runs, loss against N, with its
/// parabola in ln N and its vertex, coloured by budget; (b) the vertices' N_opt against C with the fitted power law and its
/// projection; (c) the same for D_opt.
/// </summary>
public static class IsoFlopFigure
{
    /// <summary>Builds the three panels. A fit with no budgets, or with one, still renders, with a note in the titles.</summary>
    /// <param name="fit">The IsoFLOP fit (its budgets carry their runs).</param>
    /// <param name="options">Sizes; <see cref="FigureOptions.Default"/> when null.</param>
    public static FigureGrid Build(IsoFlopFitResult fit, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        IsoFlopBudget[] budgets = [.. fit.Budgets.Where(b => b.PointCount > 0 && Positive(b.Flops))];
        double cMin = budgets.Length > 0 ? budgets.Min(b => b.Flops) : 1;
        double cMax = budgets.Length > 0 ? budgets.Max(b => b.Flops) : 10;
        RgbColor ColorOf(IsoFlopBudget b) => LogColor(b.Flops, cMin, cMax);
        return new FigureGrid([ValleysPanel(budgets, cMin, cMax, ColorOf), AllocationPanel(fit, budgets, tokens: false, options, ColorOf),
            AllocationPanel(fit, budgets, tokens: true, options, ColorOf)])
        {
            PanelWidth = options.PanelWidth,
            PanelHeight = options.PanelHeight,
        };
    }

    private static Chart ValleysPanel(IsoFlopBudget[] budgets, double cMin, double cMax, Func<IsoFlopBudget, RgbColor> colorOf)
    {
        var xAxis = Axis.Log(ParametersLabel, TickFormat.Si);
        var yAxis = Axis.Linear(LossLabel);
        if (budgets.Length == 0)
            return Empty("IsoFLOP profiles (no budgets)", xAxis, yAxis);

        var series = new List<Series>();
        var vertices = new List<DataPoint>();
        foreach (IsoFlopBudget budget in budgets)
        {
            RgbColor color = colorOf(budget);
            if (budget.Parabola is { } parabola && budget.MinParameterCount is { } lo && budget.MaxParameterCount is { } hi && hi > lo)
            {
                double pad = Math.Pow(hi / lo, 0.04);
                series.Add(new LineSeries(Curve(LogSpace(lo / pad, hi * pad, 50), parabola.Loss))
                {
                    Color = color,
                    Width = 1.8,
                    Dash = budget.Kept ? LineDash.Solid : LineDash.Dashed,
                });
            }
            series.Add(new ScatterSeries([.. budget.Runs.Select(r => new DataPoint(r.ParameterCount, r.Loss))])
            {
                Color = color,
                MarkerSize = 6.5,
                Opacity = budget.Kept ? 0.95 : 0.45,
            });
            if (budget.OptimalParameterCount is { } n && budget.MinimumLoss is { } l)
                vertices.Add(new DataPoint(n, l));
        }

        // Legend-only entries: the colours are the budgets' (see the colour bar), the shapes say what is what.
        series.Add(new ScatterSeries([]) { Label = "Runs", Color = NeutralColor, MarkerSize = 6.5 });
        series.Add(new LineSeries([]) { Label = "Parabola in ln N", Color = NeutralColor, Width = 1.8 });
        if (vertices.Count > 0)
        {
            series.Add(new ScatterSeries(vertices)
            {
                Label = "Minimum (N_opt)",
                Color = RgbColor.FromRgb(0x111111),
                Shape = MarkerShape.Diamond,
                MarkerSize = 9,
                Opacity = 1,
                EdgeColor = RgbColor.White,
            });
        }

        // Focus on the valleys: runs far up the walls of small budgets would otherwise flatten every profile.
        double[] losses = [.. budgets.SelectMany(b => b.Runs).Select(r => r.Loss).Where(double.IsFinite)];
        double yLo = losses.Min(), yHi = losses.Max();
        double[] minima = [.. vertices.Select(v => v.Y)];
        if (minima.Length > 0)
            yLo = Math.Min(yLo, minima.Min());
        double pad2 = (yHi - yLo) * 0.05;
        int kept = budgets.Count(b => b.Kept);
        return new Chart
        {
            Title = budgets.Length == 1 ? "IsoFLOP profile (1 budget)" : $"IsoFLOP profiles ({budgets.Length} budgets, {kept} kept)",
            XAxis = xAxis,
            YAxis = yHi > yLo ? yAxis.WithRange(yLo - pad2, yHi + pad2) : yAxis,
            Series = series,
            ColorBar = LogBar("FLOP budget", cMin, cMax, TickFormat.Scientific),
            Legend = LegendPlacement.Below,
        };
    }

    private static Chart AllocationPanel(IsoFlopFitResult fit, IsoFlopBudget[] budgets, bool tokens, FigureOptions options,
        Func<IsoFlopBudget, RgbColor> colorOf)
    {
        string quantity = tokens ? "D_opt" : "N_opt";
        var xAxis = Axis.Log(FlopsLabel, TickFormat.Scientific);
        var yAxis = Axis.Log(tokens ? TokensLabel : ParametersLabel, TickFormat.Si);
        IsoFlopBudget[] withVertex = [.. budgets.Where(b => (tokens ? b.OptimalTokenCount : b.OptimalParameterCount) is { } v && Positive(v))];
        if (withVertex.Length == 0)
            return Empty($"{quantity}: no budget has a valley", xAxis, yAxis);

        var series = new List<Series>();
        foreach (IsoFlopBudget b in withVertex)
        {
            double v = (tokens ? b.OptimalTokenCount : b.OptimalParameterCount)!.Value;
            series.Add(new ScatterSeries([new DataPoint(b.Flops, v)])
            {
                Color = b.Kept ? colorOf(b) : ExcludedColor,
                MarkerSize = 9,
                Shape = MarkerShape.Diamond,
                Opacity = 1,
                EdgeColor = RgbColor.FromRgb(0x333333),
            });
        }
        series.Add(new ScatterSeries([]) { Label = "Budget minima", Color = NeutralColor, Shape = MarkerShape.Diamond, MarkerSize = 9 });
        if (withVertex.Any(b => !b.Kept))
            series.Add(new ScatterSeries([]) { Label = "Left out", Color = ExcludedColor, Shape = MarkerShape.Diamond, MarkerSize = 9 });

        double cLo = DecadeBelow(withVertex.Min(b => b.Flops) / 1.5);
        double cHi = withVertex.Max(b => b.Flops);
        string title = $"{quantity} against compute";
        PowerLawFit? regression = tokens ? fit.TokenFit : fit.ParameterFit;
        if (fit.Succeeded && regression is not null)
        {
            double projection = options.ProjectionFlops;
            cHi = DecadeAbove(Positive(projection) ? Math.Max(cHi, projection) * 1.5 : cHi);
            AddPowerLawFit(series, fit, regression, tokens, quantity, LogSpace(cLo, cHi, 60), IsoFlopColor, options);
        }
        else
        {
            cHi = DecadeAbove(cHi * 1.5);
            title = withVertex.Length == 1 ? $"{quantity}: 1 budget, no power law" : $"{quantity} (not fitted)";
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
}
