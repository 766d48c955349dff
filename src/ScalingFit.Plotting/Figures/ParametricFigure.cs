using ScalingFit.Core;
using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

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
    public static Figure Build(ParametricFitResult fit, RunSet? runs, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        FlopRule rule = fit.FlopRule ?? runs?.FlopRule ?? FlopRule.Default;
        (Run[] kept, Run[] dropped) = Split(runs, fit.Options.DropHighest);
        return new Figure([ContourPanel(fit, kept, dropped, rule, options), SlicesPanel(fit, kept, rule, options)])
        {
            PanelWidth = (int)(options.PanelWidth * 1.15),
            PanelHeight = (int)(options.PanelHeight * 1.1),
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

    private static Plot ContourPanel(ParametricFitResult fit, Run[] runs, Run[] dropped, FlopRule rule, FigureOptions options)
    {
        ParametricLaw law = fit.Law;
        bool valid = law.IsValid;
        Run[] all = [.. runs, .. dropped];
        if (!valid && all.Length == 0)
            return Empty("Parametric fit (no runs, no law)", FlopsLabel, AxisKind.LogScientific, ParametersLabel, AxisKind.LogCount);

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

        if (!valid)
        {
            var bare = new Panel("Runs (parametric law not fitted)", FlopsLabel, AxisKind.LogScientific, ParametersLabel, AxisKind.LogCount);
            ColorAxis losses = bare.ColorBar(LossLabel, runs.Length > 0 ? runs.Min(r => r.Loss) : 2, runs.Length > 0 ? runs.Max(r => r.Loss) : 4, AxisKind.Linear);
            bare.Colored(runs.Select(r => (r.Flops, r.ParameterCount, losses.Map(r.Loss))), 7, "Runs", Color.FromHex("#222222"));
            AddDropped(bare, dropped);
            bare.XRange(cLo, cHi);
            bare.YRange(nLo, nHi);
            return bare.Finish(LegendAt.Below);
        }

        var panel = new Panel($"L̂ = {Coefficient(law.E)} + {Coefficient(law.A)}/N^{F(law.Alpha)} + {Coefficient(law.B)}/D^{F(law.Beta)}",
            FlopsLabel, AxisKind.LogScientific, ParametersLabel, AxisKind.LogCount);
        int resolution = Math.Clamp(options.ContourResolution, 10, 300);
        double[] cs = LogSpace(cLo, cHi, resolution);
        double[] ns = LogSpace(nLo, nHi, resolution);
        double[] levels = Levels(law, runs, cs, ns, rule);
        // Sampled in axis units (log10 C, log10 N), so the bands follow the drawn grid.
        var grid = ScalarGrid.Sample([.. cs.Select(Math.Log10)], [.. ns.Select(Math.Log10)],
            (lc, ln) => law.Loss(Math.Pow(10, ln), rule.TokenCount(Math.Pow(10, lc), Math.Pow(10, ln))));
        var scale = new ColorAxis(levels[0], levels[^1], Log: false);
        Color BandColor(double lo, double hi) => scale.Colormap.GetColor((scale.Fraction(lo) + scale.Fraction(hi)) / 2);
        double[] edges = [.. levels];
        Color[] bandColors = [.. Enumerable.Range(0, edges.Length - 1).Select(k => BandColor(edges[k], edges[k + 1]))];
        panel.ColorBar(LossLabel, levels[0], levels[^1], AxisKind.Linear, new SteppedColormap(edges, bandColors));
        panel.Plot.Add.Plottable(new FilledContours(grid, levels, BandColor));
        (double X, double Y)[] frontier = Curve(cs, c => law.OptimalParameterCount(c, rule));
        panel.Line(frontier, Color.FromHex("#333333"), 4.5f);
        panel.Line(frontier, Colors.White, 2.5f);
        panel.LegendEntry("Efficient frontier", Colors.White, markerSize: 10, symbol: new HaloLineSymbol(Colors.White, Color.FromHex("#333333"), 2.5f));
        if (runs.Length > 0)
            panel.Colored(runs.Select(r => (r.Flops, r.ParameterCount, scale.Map(r.Loss))), 7, "Runs (colour = loss)", Color.FromHex("#222222"));
        AddDropped(panel, dropped);
        if (Positive(projection))
        {
            double n = law.OptimalParameterCount(projection, rule);
            panel.Star(projection, n, $"{Count(n)} at {Flops(projection)}", TextSide.Left, ReferenceColor);
        }
        panel.XRange(cLo, cHi);
        panel.YRange(nLo, nHi);
        return panel.Finish(LegendAt.Below);
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
        double[] levels = [.. NiceLevels(lo, hi, 16).Where(v => v > lo)];
        if (levels.Length < 2)
            return [lo, hi];
        return levels;
    }

    private static void AddDropped(Panel panel, Run[] dropped)
    {
        if (dropped.Length > 0)
        {
            panel.Markers(dropped.Select(r => (r.Flops, r.ParameterCount)), Colors.White, 7, $"Dropped ({dropped.Length} highest losses)",
                MarkerShape.FilledSquare, Color.FromHex("#222222"), 1);
        }
    }

    private static Plot SlicesPanel(ParametricFitResult fit, Run[] runs, FlopRule rule, FigureOptions options)
    {
        ParametricLaw law = fit.Law;
        if (!law.IsValid)
            return Empty("IsoFLOP slices (law not fitted)", ParametersLabel, AxisKind.LogCount, LossLabel, AxisKind.Linear);

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

        var panel = new Panel(budgets.Length == 1 ? "IsoFLOP slice (1 budget)" : $"IsoFLOP slices ({budgets.Length} budgets)",
            ParametersLabel, AxisKind.LogCount, LossLabel, AxisKind.Linear);
        panel.ColorBar("FLOP budget", bMin, bMax, AxisKind.LogScientific);
        panel.LegendEntry("L̂ at a fixed budget", NeutralColor, lineWidth: 2);
        if (near.Count > 0)
            panel.LegendEntry($"Runs within ±{F(tolerance, "0.###")} decades", NeutralColor, MarkerShape.FilledCircle, 7);
        var minima = new List<(double, double)>();
        var yValues = new List<double>();
        foreach (double budget in budgets)
        {
            Color color = LogColor(budget, bMin, bMax);
            double[] sizes = LogSpace(nLo, nHi, 80);
            panel.Line(Curve(sizes, n => law.Loss(n, rule.TokenCount(budget, n))), color, 2);
            Run[] mine = [.. near.Where(p => p.Budget == budget).Select(p => p.Run)];
            if (mine.Length > 0)
            {
                panel.Markers(mine.Select(r => (r.ParameterCount, r.Loss)), color, 7);
                yValues.AddRange(mine.Select(r => r.Loss));
            }
            Allocation optimum = law.ForBudget(budget, rule);
            if (optimum.ParameterCount >= nLo && optimum.ParameterCount <= nHi)
                minima.Add((optimum.ParameterCount, optimum.Loss));
            yValues.Add(optimum.Loss);
        }
        if (minima.Count > 0)
            panel.Markers(minima, Ink, 10, "Minimum (N_opt)", MarkerShape.FilledDiamond, Colors.White, 1);

        // The slices rise steeply away from their minima; show the band the runs and minima occupy.
        double yLo = yValues.Min(), yHi = yValues.Max();
        if (!(yHi > yLo + 0.05))
            yHi = yLo + 0.5;
        double pad = (yHi - yLo) * 0.12;
        panel.XRange(nLo, nHi);
        panel.YRange(yLo - pad, yHi + pad);
        return panel.Finish(LegendAt.Below);
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
