using ScalingFit.Core;
using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

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
    public static Figure Build(FigureInputs inputs, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= FigureOptions.Default;
        var panels = new List<Plot>();
        if (inputs.Envelope is { } envelope)
            panels.Add(Envelope(envelope));
        if (inputs.IsoFlop is { } isoFlop)
            panels.Add(IsoFlop(isoFlop));
        if (inputs.Parametric is { } parametric)
            panels.Add(Parametric(parametric, inputs.Runs));
        if (panels.Count == 0)
            panels.Add(Empty("Residuals (no fits)", FlopsLabel, AxisKind.LogScientific, "Residual", AxisKind.Linear));
        return new Figure(panels) { PanelWidth = (int)options.PanelWidth, PanelHeight = (int)(options.PanelHeight * 0.9) };
    }

    private static void Zero(Panel panel, double from, double to) =>
        panel.Line([(from, 0), (to, 0)], NeutralColor, 1, pattern: LinePattern.Dashed);

    private static Plot Envelope(EnvelopeFitResult fit)
    {
        const string yLabel = "ln N_opt − ln fit";
        if (!fit.Succeeded || fit.ParameterFit is not { } regression || fit.Frontier.Count == 0)
            return Empty($"{ApproachName("envelope")}: not fitted", FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.Linear);
        (double, double) Residual(EnvelopePoint p) => (p.Flops, Math.Log(p.ParameterCount) - Math.Log(regression.Predict(p.Flops)));
        List<EnvelopePoint> shown = Thin(fit.Frontier, 300);
        var panel = new Panel(ApproachName("envelope"), FlopsLabel, AxisKind.LogScientific, yLabel, AxisKind.Linear);
        Zero(panel, fit.Frontier[0].Flops, fit.Frontier[^1].Flops);
        (double, double)[] left = [.. shown.Where(p => !p.Used).Select(Residual)];
        if (left.Length > 0)
            panel.Markers(left, ExcludedColor, 5, "Left out (sweep edge)");
        panel.Markers(shown.Where(p => p.Used).Select(Residual), EnvelopeColor, 5, "Fitted frontier points");
        return panel.Finish(LegendAt.Below);
    }

    private static Plot IsoFlop(IsoFlopFitResult fit)
    {
        const string yLabel = "L − parabola";
        IsoFlopBudget[] budgets = [.. fit.Budgets.Where(b => b.Parabola is not null && b.PointCount > 0 && Positive(b.Flops))];
        if (budgets.Length == 0)
            return Empty($"{ApproachName("isoflop")}: no parabola", ParametersLabel, AxisKind.LogCount, yLabel, AxisKind.Linear);
        double cMin = budgets.Min(b => b.Flops), cMax = budgets.Max(b => b.Flops);
        var panel = new Panel(ApproachName("isoflop"), ParametersLabel, AxisKind.LogCount, yLabel, AxisKind.Linear);
        panel.ColorBar("FLOP budget", cMin, cMax, AxisKind.LogScientific);
        Zero(panel, budgets.Min(b => b.MinParameterCount ?? double.NaN), budgets.Max(b => b.MaxParameterCount ?? double.NaN));
        foreach (IsoFlopBudget b in budgets)
        {
            panel.Markers(b.Runs.Select(r => (r.ParameterCount, r.Loss - b.Parabola!.Loss(r.ParameterCount))),
                b.Kept ? LogColor(b.Flops, cMin, cMax) : ExcludedColor, 7);
        }
        return panel.Finish(LegendAt.None);
    }

    private static Plot Parametric(ParametricFitResult fit, RunSet? runs)
    {
        const string yLabel = "ln L − ln L̂";
        (Run[] kept, Run[] dropped) = ParametricFigure.Split(runs, fit.Options.DropHighest);
        if (!fit.Law.IsValid)
            return Empty($"{ApproachName("parametric")}: not fitted", ParametersLabel, AxisKind.LogCount, yLabel, AxisKind.Linear);
        if (kept.Length + dropped.Length == 0)
            return Empty($"{ApproachName("parametric")}: runs not given", ParametersLabel, AxisKind.LogCount, yLabel, AxisKind.Linear);
        (double, double) Residual(Run r) => (r.ParameterCount, Math.Log(r.Loss) - Math.Log(fit.Law.Loss(r.ParameterCount, r.TokenCount)));
        Run[] all = [.. kept, .. dropped];
        var panel = new Panel(ApproachName("parametric"), ParametersLabel, AxisKind.LogCount, yLabel, AxisKind.Linear);
        Zero(panel, all.Min(r => r.ParameterCount), all.Max(r => r.ParameterCount));
        if (kept.Length > 0)
        {
            ColorAxis flops = panel.ColorBar(FlopsLabel, kept.Min(r => r.Flops), kept.Max(r => r.Flops), AxisKind.LogScientific);
            panel.Colored(kept.Select(r => (Residual(r).Item1, Residual(r).Item2, flops.Map(r.Flops))), 7, "Runs");
        }
        if (dropped.Length > 0)
        {
            panel.Markers(dropped.Select(Residual), Colors.White, 7, "Dropped (highest losses)", MarkerShape.FilledSquare,
                Color.FromHex("#222222"), 1);
        }
        return panel.Finish(dropped.Length > 0 ? LegendAt.Below : LegendAt.None);
    }
}
