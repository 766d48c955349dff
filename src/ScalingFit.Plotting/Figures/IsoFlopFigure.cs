using ScalingFit.Core;
using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

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
    public static Figure Build(IsoFlopFitResult fit, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= FigureOptions.Default;
        IsoFlopBudget[] budgets = [.. fit.Budgets.Where(b => b.PointCount > 0 && Positive(b.Flops))];
        double cMin = budgets.Length > 0 ? budgets.Min(b => b.Flops) : 1;
        double cMax = budgets.Length > 0 ? budgets.Max(b => b.Flops) : 10;
        Color ColorOf(IsoFlopBudget b) => LogColor(b.Flops, cMin, cMax);
        return new Figure([ValleysPanel(budgets, cMin, cMax, ColorOf), AllocationPanel(fit, budgets, tokens: false, options, ColorOf),
            AllocationPanel(fit, budgets, tokens: true, options, ColorOf)])
        {
            PanelWidth = (int)options.PanelWidth,
            PanelHeight = (int)options.PanelHeight,
        };
    }

    private static Plot ValleysPanel(IsoFlopBudget[] budgets, double cMin, double cMax, Func<IsoFlopBudget, Color> colorOf)
    {
        if (budgets.Length == 0)
            return Empty("IsoFLOP profiles (no budgets)", ParametersLabel, AxisKind.LogCount, LossLabel, AxisKind.Linear);

        int kept = budgets.Count(b => b.Kept);
        var panel = new Panel(budgets.Length == 1 ? "IsoFLOP profile (1 budget)" : $"IsoFLOP profiles ({budgets.Length} budgets, {kept} kept)",
            ParametersLabel, AxisKind.LogCount, LossLabel, AxisKind.Linear);
        panel.ColorBar("FLOP budget", cMin, cMax, AxisKind.LogScientific);
        // Legend-only entries: the colours are the budgets' (see the colour bar), the shapes say what is what.
        panel.LegendEntry("Runs", NeutralColor, MarkerShape.FilledCircle, 7);
        panel.LegendEntry("Parabola in ln N", NeutralColor, lineWidth: 1.8f);
        var vertices = new List<(double, double)>();
        var sizes = new List<double>();
        foreach (IsoFlopBudget budget in budgets)
        {
            Color color = colorOf(budget);
            if (budget.Parabola is { } parabola && budget.MinParameterCount is { } lo && budget.MaxParameterCount is { } hi && hi > lo)
            {
                double pad = Math.Pow(hi / lo, 0.04);
                panel.Line(Curve(LogSpace(lo / pad, hi * pad, 50), parabola.Loss), color, 1.8f,
                    pattern: budget.Kept ? LinePattern.Solid : LinePattern.Dashed);
            }
            panel.Markers(budget.Runs.Select(r => (r.ParameterCount, r.Loss)), color, 7, opacity: budget.Kept ? 0.95 : 0.45);
            sizes.AddRange(budget.Runs.Select(r => r.ParameterCount));
            if (budget.OptimalParameterCount is { } n && budget.MinimumLoss is { } l)
                vertices.Add((n, l));
        }
        if (vertices.Count > 0)
            panel.Markers(vertices, Ink, 10, "Minimum (N_opt)", MarkerShape.FilledDiamond, Colors.White, 1);

        // Focus on the valleys: runs far up the walls of small budgets would otherwise flatten every profile.
        double[] losses = [.. budgets.SelectMany(b => b.Runs).Select(r => r.Loss).Where(double.IsFinite)];
        double yLo = losses.Min(), yHi = losses.Max();
        if (vertices.Count > 0)
            yLo = Math.Min(yLo, vertices.Min(v => v.Item2));
        double pad2 = (yHi - yLo) * 0.05;
        if (yHi > yLo)
            panel.YRange(yLo - pad2, yHi + pad2);
        double[] ns = [.. sizes.Where(Positive)];
        if (ns.Length > 0)
            panel.XRange(ns.Min() / 1.5, ns.Max() * 1.5);
        return panel.Finish(LegendAt.Below);
    }

    private static Plot AllocationPanel(IsoFlopFitResult fit, IsoFlopBudget[] budgets, bool tokens, FigureOptions options,
        Func<IsoFlopBudget, Color> colorOf)
    {
        string quantity = tokens ? "D_opt" : "N_opt";
        string yLabel = tokens ? TokensLabel : ParametersLabel;
        IsoFlopBudget[] withVertex = [.. budgets.Where(b => (tokens ? b.OptimalTokenCount : b.OptimalParameterCount) is { } v && Positive(v))];
        if (withVertex.Length == 0)
            return Empty($"{quantity}: no budget has a valley", FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.LogCount);

        PowerLawFit? regression = tokens ? fit.TokenFit : fit.ParameterFit;
        bool fitted = fit.Succeeded && regression is not null;
        string title = fitted ? $"{quantity} against compute"
            : withVertex.Length == 1 ? $"{quantity}: 1 budget, no power law" : $"{quantity} (not fitted)";
        var panel = new Panel(title, FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.LogCount);
        panel.LegendEntry("Budget minima", NeutralColor, MarkerShape.FilledDiamond, 10);
        if (withVertex.Any(b => !b.Kept))
            panel.LegendEntry("Left out", ExcludedColor, MarkerShape.FilledDiamond, 10);

        double cLo = DecadeBelow(withVertex.Min(b => b.Flops) / 1.5);
        double cHi = withVertex.Max(b => b.Flops);
        double projection = options.ProjectionFlops;
        cHi = DecadeAbove(fitted && Positive(projection) ? Math.Max(cHi, projection) * 1.5 : cHi * 1.5);
        var ys = new List<double>();
        if (fitted)
        {
            AddPowerLawFit(panel, fit, regression!, tokens, quantity, LogSpace(cLo, cHi, 60), IsoFlopColor, options);
            ys.AddRange([regression!.Predict(cLo), regression.Predict(cHi)]);
        }
        foreach (IsoFlopBudget b in withVertex)
        {
            double v = (tokens ? b.OptimalTokenCount : b.OptimalParameterCount)!.Value;
            ys.Add(v);
            panel.Markers([(b.Flops, v)], b.Kept ? colorOf(b) : ExcludedColor, 10, shape: MarkerShape.FilledDiamond,
                edge: Color.FromHex("#333333"), opacity: 1);
        }
        panel.XRange(cLo, cHi);
        double[] positive = [.. ys.Where(Positive)];
        panel.YRange(positive.Min() / 1.6, positive.Max() * 1.6);
        return panel.Finish(LegendAt.BottomRight);
    }
}
