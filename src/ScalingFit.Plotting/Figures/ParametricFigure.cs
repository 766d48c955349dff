using ScalingFit.Core.Domain;
using ScalingFit.Core.Laws;
using ScalingFit.Fitting.Parametric;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// The parametric fit of Hoffmann et al. 2022, Figure 4 (Approach 3): (a) filled contours of the fitted loss
/// L̂(N, D) = E + A/N^α + B/D^β over FLOPs and parameters (D = C/(kN)), the efficient frontier N_opt(C), and the runs
/// coloured by their loss on the same scale; (b) isoFLOP slices of L̂ against N at a few budgets, with the runs near
/// those budgets and each slice's minimum.
/// </summary>
public static class ParametricFigure
{
    /// <summary>Builds the two panels. A fit with no valid law renders the runs alone, with a note in the titles.</summary>
    /// <param name="fit">The parametric fit.</param>
    /// <param name="runs">The runs the fit was given (its <see cref="ParametricFitOptions.DropHighest"/> runs are shown as
    /// dropped); null draws the law alone.</param>
    /// <param name="options">Sizes and resolution; <see cref="FigureOptions.Default"/> when null.</param>
    public static FigureGrid Build(ParametricFitResult fit, RunSet? runs, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        FlopRule rule = fit.FlopRule ?? runs?.FlopRule ?? FlopRule.Default;
        (Run[] kept, Run[] dropped) = Split(runs, fit.Options.DropHighest);
        return new FigureGrid([ContourPanel(fit, kept, dropped, rule, options), SlicesPanel(fit, kept, rule, options)])
        {
            PanelWidth = options.PanelWidth * 1.15,
            PanelHeight = options.PanelHeight * 1.1,
        };
    }

    /// <summary>The runs the fit used and those its DropHighest removed (the fitter's own rule), valid values only.</summary>
    internal static (Run[] Kept, Run[] Dropped) Split(RunSet? runs, int dropHighest)
    {
        if (runs is null)
            return ([], []);
        static bool Valid(Run r) => Positive(r.ParameterCount) && Positive(r.TokenCount) && Positive(r.Flops) && Positive(r.Loss);
        // DropHighestLoss filters the same Run instances, so identity tells kept from dropped even when ids repeat.
        var keptRuns = new HashSet<Run>(runs.DropHighestLoss(dropHighest).Runs, ReferenceEqualityComparer.Instance);
        Run[] kept = [.. runs.Runs.Where(r => Valid(r) && keptRuns.Contains(r))];
        Run[] dropped = [.. runs.Runs.Where(r => Valid(r) && !keptRuns.Contains(r))];
        return (kept, dropped);
    }

    private static Chart ContourPanel(ParametricFitResult fit, Run[] runs, Run[] dropped, FlopRule rule, FigureOptions options)
    {
        var xAxis = Axis.Log(FlopsLabel, TickFormat.Scientific);
        var yAxis = Axis.Log(ParametersLabel, TickFormat.Si);
        ParametricLaw law = fit.Law;
        bool valid = law.IsValid;
        Run[] all = [.. runs, .. dropped];
        if (!valid && all.Length == 0)
            return Empty("Parametric fit (no runs, no law)", xAxis, yAxis);

        // The field spans the runs (or, without runs, three decades around 1e21) and reaches the projection budget.
        double projection = options.ProjectionFlops;
        double cLo = all.Length > 0 ? DecadeBelow(all.Min(r => r.Flops) / 1.5) : 1e18;
        double cHi = all.Length > 0 ? all.Max(r => r.Flops) : 1e22;
        if (valid && Positive(projection))
            cHi = Math.Max(cHi, projection * 1.5);
        cHi = DecadeAbove(cHi);
        double nLo = all.Length > 0 ? all.Min(r => r.ParameterCount) : 1e7;
        double nHi = all.Length > 0 ? all.Max(r => r.ParameterCount) : 1e11;
        if (valid)
        {
            nLo = Math.Min(nLo, law.OptimalParameterCount(cLo, rule));
            nHi = Math.Max(nHi, law.OptimalParameterCount(cHi, rule));
        }
        nLo = DecadeBelow(nLo / 1.3);
        nHi = DecadeAbove(nHi * 1.3);

        var series = new List<Series>();
        if (!valid)
        {
            series.Add(new ScatterSeries([.. runs.Select(r => new DataPoint(r.Flops, r.ParameterCount))])
            {
                Label = "Runs", ColorValues = [.. runs.Select(r => r.Loss)], EdgeColor = RgbColor.FromRgb(0x222222), MarkerSize = 6,
            });
            AddDropped(series, dropped, r => new DataPoint(r.Flops, r.ParameterCount));
            return new Chart
            {
                Title = "Runs (parametric law not fitted)",
                XAxis = xAxis.WithRange(cLo, cHi),
                YAxis = yAxis.WithRange(nLo, nHi),
                Series = series,
                ColorBar = new ColorBar("Loss"),
            };
        }

        int resolution = Math.Clamp(options.ContourResolution, 10, 300);
        double[] cs = LogSpace(cLo, cHi, resolution);
        double[] ns = LogSpace(nLo, nHi, resolution);
        var grid = ScalarGrid.Sample(cs, ns, (c, n) => law.Loss(n, rule.TokenCount(c, n)));
        double[] levels = Levels(law, runs, cs, ns, rule);
        series.Add(new ContourSeries(grid) { Filled = true, Levels = levels, LineWidth = 0.8 });
        series.Add(new LineSeries(Curve(cs, c => law.OptimalParameterCount(c, rule)))
        {
            Label = "Efficient frontier",
            Color = RgbColor.White,
            Width = 2.5,
        });
        if (runs.Length > 0)
        {
            series.Add(new ScatterSeries([.. runs.Select(r => new DataPoint(r.Flops, r.ParameterCount))])
            {
                Label = "Runs (colour = loss)",
                ColorValues = [.. runs.Select(r => r.Loss)],
                EdgeColor = RgbColor.FromRgb(0x222222),
                MarkerSize = 6,
                Opacity = 1,
            });
        }
        AddDropped(series, dropped, r => new DataPoint(r.Flops, r.ParameterCount));
        if (Positive(projection))
        {
            double n = law.OptimalParameterCount(projection, rule);
            series.Add(new MarkerAnnotation(new DataPoint(projection, n), $"{Count(n)} at {Flops(projection)}")
            {
                Placement = AnnotationPlacement.Left,
                Color = ReferenceColor,
            });
        }
        return new Chart
        {
            Title = $"L̂ = {Coefficient(law.E)} + {Coefficient(law.A)}/N^{F(law.Alpha)} + {Coefficient(law.B)}/D^{F(law.Beta)}",
            XAxis = xAxis.WithRange(cLo, cHi),
            YAxis = yAxis.WithRange(nLo, nHi),
            Series = series,
            ColorBar = new ColorBar("Loss") { Min = levels[0], Max = levels[^1] },
            Legend = LegendPlacement.Below,
        };
    }

    /// <summary>Four significant digits, in e-notation from 10^5 on (a degenerate fit can give A ≈ 1e10).</summary>
    private static string Coefficient(double v)
    {
        if (!double.IsFinite(v))
            return "n/a";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (Math.Abs(v) >= 1e5)
            return v.ToString("0.###e0", invariant);
        int magnitude = v == 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(v)));
        int decimals = Math.Clamp(3 - magnitude, 0, 6);
        return Math.Round(v, decimals).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), invariant);
    }

    /// <summary>
    /// Contour levels over the losses that matter: from the lowest loss on the field to a little above the highest run
    /// (or, without runs, the frontier's loss at the smallest budget), in "nice" steps; the field above the top level
    /// forms one band.
    /// </summary>
    private static double[] Levels(ParametricLaw law, Run[] runs, double[] cs, double[] ns, FlopRule rule)
    {
        double lo = double.PositiveInfinity;
        foreach (double c in cs)
            foreach (double n in ns)
                lo = Math.Min(lo, law.Loss(n, rule.TokenCount(c, n)));
        double hi = runs.Length > 0 ? runs.Max(r => r.Loss) : law.ForBudget(cs[0], rule).Loss * 1.3;
        if (!double.IsFinite(lo) || !(hi > lo))
            return [law.E, law.E + 1];
        IReadOnlyList<Tick> ticks = NiceTicks.For(lo, hi, TickFormat.Plain, 16);
        double[] levels = [.. ticks.Select(t => t.Value).Where(v => v > lo)];
        if (levels.Length < 2)
            return [lo, hi];
        return levels;
    }

    private static void AddDropped(List<Series> series, Run[] dropped, Func<Run, DataPoint> at)
    {
        if (dropped.Length > 0)
        {
            series.Add(new ScatterSeries([.. dropped.Select(at)])
            {
                Label = $"Dropped ({dropped.Length} highest losses)",
                Color = RgbColor.White,
                EdgeColor = RgbColor.FromRgb(0x222222),
                Shape = MarkerShape.Square,
                MarkerSize = 6,
                Opacity = 1,
            });
        }
    }

    private static Chart SlicesPanel(ParametricFitResult fit, Run[] runs, FlopRule rule, FigureOptions options)
    {
        var xAxis = Axis.Log(ParametersLabel, TickFormat.Si);
        var yAxis = Axis.Linear(LossLabel);
        ParametricLaw law = fit.Law;
        if (!law.IsValid)
            return Empty("IsoFLOP slices (law not fitted)", xAxis, yAxis);

        double[] budgets = SliceBudgets(runs, Math.Max(1, options.SliceCount));
        if (budgets.Length == 0)
            budgets = [1e19, 1e20, 1e21];
        double bMin = budgets.Min(), bMax = budgets.Max();
        double tolerance = options.SliceToleranceDecades > 0 ? options.SliceToleranceDecades : 0.05;

        var near = new List<(double Budget, Run Run)>();
        foreach (Run r in runs)
        {
            double best = budgets.MinBy(b => Math.Abs(Math.Log10(r.Flops / b)));
            if (Math.Abs(Math.Log10(r.Flops / best)) <= tolerance)
                near.Add((best, r));
        }

        double nLo, nHi;
        if (near.Count > 0)
        {
            nLo = near.Min(p => p.Run.ParameterCount) / 1.5;
            nHi = near.Max(p => p.Run.ParameterCount) * 1.5;
        }
        else
        {
            nLo = law.OptimalParameterCount(bMin, rule) / 30;
            nHi = law.OptimalParameterCount(bMax, rule) * 30;
        }

        var series = new List<Series>();
        var minima = new List<DataPoint>();
        var yValues = new List<double>();
        foreach (double budget in budgets)
        {
            RgbColor color = LogColor(budget, bMin, bMax);
            double[] sizes = LogSpace(nLo, nHi, 80);
            DataPoint[] slice = Curve(sizes, n => law.Loss(n, rule.TokenCount(budget, n)));
            series.Add(new LineSeries(slice) { Color = color, Width = 2 });
            Run[] mine = [.. near.Where(p => p.Budget == budget).Select(p => p.Run)];
            if (mine.Length > 0)
            {
                series.Add(new ScatterSeries([.. mine.Select(r => new DataPoint(r.ParameterCount, r.Loss))]) { Color = color, MarkerSize = 6.5 });
                yValues.AddRange(mine.Select(r => r.Loss));
            }
            Allocation optimum = law.ForBudget(budget, rule);
            if (optimum.ParameterCount >= nLo && optimum.ParameterCount <= nHi)
                minima.Add(new DataPoint(optimum.ParameterCount, optimum.Loss));
            yValues.Add(optimum.Loss);
        }
        series.Add(new LineSeries([]) { Label = "L̂ at a fixed budget", Color = NeutralColor, Width = 2 });
        if (near.Count > 0)
            series.Add(new ScatterSeries([]) { Label = $"Runs within ±{F(tolerance, "0.###")} decades", Color = NeutralColor, MarkerSize = 6.5 });
        if (minima.Count > 0)
        {
            series.Add(new ScatterSeries(minima)
            {
                Label = "Minimum (N_opt)", Color = RgbColor.FromRgb(0x111111), Shape = MarkerShape.Diamond, MarkerSize = 9, Opacity = 1,
            });
        }

        // The slices rise steeply away from their minima; show the band the runs and minima occupy.
        double yLo = yValues.Min(), yHi = yValues.Max();
        if (!(yHi > yLo + 0.05))
            yHi = yLo + 0.5;
        double pad = (yHi - yLo) * 0.12;
        return new Chart
        {
            Title = budgets.Length == 1 ? "IsoFLOP slice (1 budget)" : $"IsoFLOP slices ({budgets.Length} budgets)",
            XAxis = xAxis.WithRange(nLo, nHi),
            YAxis = yAxis.WithRange(yLo - pad, yHi + pad),
            Series = series,
            ColorBar = LogBar("FLOP budget", bMin, bMax, TickFormat.Scientific),
            Legend = LegendPlacement.Below,
        };
    }

    /// <summary>
    /// Budgets to slice at: the runs' own budget labels when they have them, otherwise clusters of at least four runs
    /// within 0.1 decades of C; at most <paramref name="count"/>, evenly chosen in order and keeping the smallest and largest.
    /// Without either, <paramref name="count"/> budgets log-spaced over the runs' C.
    /// </summary>
    internal static double[] SliceBudgets(Run[] runs, int count)
    {
        if (runs.Length == 0)
            return [];
        double[] candidates = [.. runs.Where(r => r.FlopBudget is { } b && Positive(b)).Select(r => r.FlopBudget!.Value).Distinct().Order()];
        if (candidates.Length == 0)
        {
            double[] logs = [.. runs.Select(r => Math.Log10(r.Flops)).Order()];
            var clusters = new List<double>();
            int start = 0;
            for (int i = 1; i <= logs.Length; i++)
            {
                if (i == logs.Length || logs[i] - logs[i - 1] > 0.02)
                {
                    if (i - start >= 4 && logs[i - 1] - logs[start] <= 0.1)
                        clusters.Add(Math.Pow(10, logs.Skip(start).Take(i - start).Average()));
                    start = i;
                }
            }
            candidates = [.. clusters];
        }
        if (candidates.Length == 0)
        {
            double lo = runs.Min(r => r.Flops), hi = runs.Max(r => r.Flops);
            return hi > lo * 1.01 ? LogSpace(lo * 1.2, hi / 1.2, Math.Max(2, count)) : [lo];
        }
        return [.. Thin(candidates, count)];
    }
}
