using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Plotting;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

/// <summary>A figure of the report: its file name stem, a title, the figure and a caption.</summary>
/// <param name="Name">The file name without extension, e.g. <c>frontier</c> (written as <c>frontier.png</c> and <c>frontier.svg</c>).</param>
/// <param name="Title">A short title.</param>
/// <param name="Figure">The figure (ScottPlot panels), rendered on demand.</param>
/// <param name="Caption">What the figure shows and how, in a sentence or three (plain text).</param>
public sealed record ReportFigure(string Name, string Title, Figure Figure, string Caption)
{
    private Lazy<string>? _svg;

    /// <summary>The figure's file name in <paramref name="format"/> (one format), e.g. <c>frontier.svg</c>.</summary>
    public string FileName(FigureFormat format) => Name + FigureFormats.Extension(format);

    /// <summary>The SVG document, rendered once and kept (the HTML report embeds it, the CLI writes it).</summary>
    public string Svg => (_svg ??= new Lazy<string>(Figure.ToSvg)).Value;

    /// <summary>The figure in one format, as file bytes (the SVG rendered once and kept).</summary>
    public byte[] Render(FigureFormat format) =>
        format == FigureFormat.Svg ? System.Text.Encoding.UTF8.GetBytes(Svg) : Figure.Render(format);
}

/// <summary>
/// Builds the figures of an analysis for whichever results are present, in a fixed order: <c>frontier</c>,
/// <c>envelope</c>, <c>isoflop</c>, <c>parametric</c>, <c>residuals</c>, <c>bootstrap</c>, and when the data allow
/// <c>loss-frontier</c> (L*(C) with its band), <c>backtest</c> (predicted against observed held-out losses) and
/// <c>backtest-frontier</c> (the frontiers fitted below the top budget with the held-out points). The CLI writes each as PNG and/or
/// SVG and passes them to <see cref="HtmlReport"/>, which embeds the SVGs.
/// </summary>
public static class ReportFigures
{
    /// <summary>The figure names (file names without extension), in the order <see cref="All"/> returns them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["frontier", "envelope", "isoflop", "parametric", "residuals", "bootstrap", "loss-frontier", "backtest", "backtest-frontier"];

    /// <summary>
    /// The figures for the fits in <paramref name="inputs"/>: the envelope, IsoFLOP and parametric figures for the fits
    /// present, and the frontier, residuals and bootstrap figures when any fit is. No fits: no figures. Never throws for a
    /// failed or degenerate fit; its figure says what is missing.
    /// </summary>
    /// <param name="inputs">The data, fits and published references.</param>
    /// <param name="options">Figure options; <see cref="FigureOptions.Default"/> when null.</param>
    public static IReadOnlyList<ReportFigure> All(FigureInputs inputs, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= FigureOptions.Default;
        var figures = new List<ReportFigure>();
        if (inputs.Fits.Count == 0)
            return figures;

        figures.Add(new ReportFigure("frontier", "Compute-optimal frontier",
            FrontierFigure.Build(inputs.Fits, inputs.References, options), FrontierCaption(inputs, options)));
        if (inputs.Envelope is { } envelope)
        {
            figures.Add(new ReportFigure("envelope", "Approach 1: training-curve envelope",
                EnvelopeFigure.Build(envelope, inputs.CurveData, options),
                "(a) Every training curve, loss against FLOPs C = 6ND, coloured by model size; black points are the envelope "
                + "(least loss per FLOP value) that entered the fit, grey ones were left out because the sweep's smallest or largest "
                + "size wins there. (b, c) N_opt and D_opt of the envelope against C with the fitted power laws"
                + (Positive(options.ProjectionFlops) ? $", projected to {Flops(options.ProjectionFlops)} FLOPs (star)" : "")
                + ". " + PivotNote(envelope.ExponentA.Interval is not null) + " Compare Hoffmann et al. 2022, Figure 2."));
        }
        if (inputs.IsoFlop is { } isoFlop)
        {
            int kept = isoFlop.Budgets.Count(b => b.Kept);
            figures.Add(new ReportFigure("isoflop", "Approach 2: IsoFLOP profiles",
                IsoFlopFigure.Build(isoFlop, options),
                $"(a) Final loss against model size at each of {isoFlop.Budgets.Count} FLOP budgets ({kept} kept), with each budget's "
                + "least-squares parabola in ln N (dashed: budget left out) and its minimum (diamond). (b, c) The minima's N_opt and "
                + "D_opt against the budget, with the fitted power laws"
                + (Positive(options.ProjectionFlops) ? $" projected to {Flops(options.ProjectionFlops)} FLOPs (star)" : "")
                + ". " + PivotNote(isoFlop.ExponentA.Interval is not null)
                + (isoFlop.Succeeded ? "" : " No power law was fitted: fewer than two budgets have a valley.")
                + " Compare Hoffmann et al. 2022, Figure 3."));
        }
        if (inputs.Parametric is { } parametric)
        {
            figures.Add(new ReportFigure("parametric", "Approach 3: parametric loss",
                ParametricFigure.Build(parametric, inputs.Runs, options),
                "(a) Filled contours of the fitted loss L̂(N, D) over FLOPs and parameters (D = C/(6N)), the efficient frontier "
                + "N_opt(C) (white) and the runs, coloured by their loss on the same scale, so a run whose colour differs from the "
                + "field around it is badly fitted. (b) L̂ against N at a few FLOP budgets, with the runs near each budget and each "
                + "slice's minimum." + (parametric.Law.IsValid ? "" : " The law could not be fitted.")
                + " Compare Hoffmann et al. 2022, Figure 4."));
        }
        figures.Add(new ReportFigure("residuals", "Residuals",
            ResidualsFigure.Build(inputs, options),
            "Residuals of each fit: the envelope's ln N_opt minus the fitted ln N_opt(C); each IsoFLOP budget's losses minus its "
            + "parabola; the parametric fit's ln L − ln L̂(N, D), the quantity its Huber loss weighs. Structure (curvature, trends "
            + "with budget) means the model misses something the data show."));
        figures.Add(new ReportFigure("bootstrap", "Bootstrap distributions of a",
            BootstrapFigure.Build(inputs.Fits, options),
            "The exponent a of N_opt ∝ C^a refitted on each bootstrap resample, per approach, with the full-data estimate "
            + "(solid) and the percentile interval (dashed)."));
        var frontiers = inputs.LossFrontiers.Where(f => f.Succeeded).ToArray();
        if (frontiers.Length > 0)
        {
            figures.Add(new ReportFigure("loss-frontier", "Compute-optimal loss L*(C)",
                PredictionFigures.Frontier(frontiers),
                $"The least loss L*(C) a budget C buys, per approach, drawn to 100× the largest budget in the data, with the pointwise "
                + $"{LevelPercent(frontiers[0].Level)} bootstrap band of the fitted mean and the points each was fitted to: the parametric law's "
                + "frontier L̂(N_opt(C), D_opt(C)); for the envelope and IsoFLOP approaches L*(C) = E + A·C^(−γ) fitted to the envelope "
                + "points or the budgets' valley minima. 'scalingfit predict' gives the numbers at any budget."));
        }
        if (inputs.Backtest is { HasTargets: true } backtest)
        {
            figures.Add(new ReportFigure("backtest", "Backtest: predicted against observed",
                PredictionFigures.PredictedAgainstObserved(backtest.Results),
                $"Each approach refitted with the top of the sweep held out (cutoffs at C = {string.Join(" and ", backtest.Cutoffs.Select(Flops))}), "
                + "its prediction of every held-out loss (runs, budget minima, envelope points) against the observed value; on the "
                + "dashed line the prediction is exact. 'scalingfit backtest' reports the errors and interval coverage."));
            // Per approach the first cutoff that gave a frontier; only held-out points that lie on the frontier (budget
            // minima, envelope points), not single runs, which sit above it by design.
            var first = backtest.Results.Select(r => r.Cutoffs.FirstOrDefault(c => c.Frontier is { Succeeded: true })).OfType<BacktestCutoff>().ToArray();
            var heldOut = first.SelectMany(c => c.Targets).Where(t => t.Kind != BacktestTargetKind.Run)
                .Select(t => (t.Flops, t.ObservedLoss)).Distinct().ToArray();
            if (first.Length > 0 && heldOut.Length > 0)
            {
                double maxFlops = Math.Max(heldOut.Max(p => p.Flops), first.Max(c => c.Frontier!.DataFlops.Max)) * 10;
                figures.Add(new ReportFigure("backtest-frontier", "Backtest: frontiers fitted below the cutoff",
                    PredictionFigures.Frontier(first.Select(c => c.Frontier!), heldOut, maxFlops,
                        $"Backtest: L*(C) fitted below C = {string.Join(", ", first.Select(c => c.CutoffFlops).Distinct().Select(Flops))}, held-out points"),
                    $"L*(C) of each approach fitted with the data above C = {string.Join(", ", first.Select(c => c.CutoffFlops).Distinct().Select(Flops))} held out, "
                    + $"with its {LevelPercent(first[0].Frontier!.Level)} band, the points it was fitted to, and the held-out budget minima and envelope points "
                    + "(open squares) it had to predict."));
            }
        }
        return figures;
    }

    private static string FrontierCaption(FigureInputs inputs, FigureOptions options)
    {
        var text = $"N_opt(C) projected by each approach from {Flops(options.FrontierMinFlops)} to {Flops(options.FrontierMaxFlops)} FLOPs";
        var bands = inputs.Fits.Where(f => f.ExponentA.Interval is not null && HasFrontier(f)).ToArray();
        if (options.ShowIntervals && bands.Length > 0)
        {
            text += ". Shaded, the intervals of N_opt(C): " + string.Join("; ", bands.GroupBy(f => BandMethod(f))
                .Select(g => $"{Join(g.Select(f => ShortName(f.Approach)))}, {g.Key}"));
        }
        if (inputs.References is { } r)
        {
            if (r.Kaplan is not null)
                text += $". Dashed: {r.KaplanLabel}";
            if (r.Projections.Count > 0)
                text += $"; diamonds: {r.ProjectionsLabel}";
            if (r.Landmarks.Count > 0)
                text += "; stars: " + string.Join(", ", r.Landmarks.Select(l => $"{l.Name} ({Count(l.ParameterCount)}, {Flops(l.Flops)} FLOPs)"));
        }
        return text + ". Compare Hoffmann et al. 2022, Figure 1.";
    }

    private static string Join(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return all.Length <= 1 ? string.Concat(all) : string.Join(", ", all[..^1]) + " and " + all[^1];
    }

    private static string PivotNote(bool hasInterval) => hasInterval
        ? "The shaded band sweeps the exponent over its bootstrap interval about the fitted line at the data's geometric-mean C "
          + "(the bootstrap keeps only the exponents), so it shows slope uncertainty only."
        : "No interval is shaded: no bootstrap was run.";
}
