using ScalingFit.Fitting;
using ScottPlot;
using static ScalingFit.Plotting.FigureKit;

namespace ScalingFit.Plotting;

/// <summary>
/// The frontier overlay of Hoffmann et al. 2022, Figure 1: the compute-optimal model size N_opt(C) each approach projects
/// over <see cref="FigureOptions.FrontierMinFlops"/>–<see cref="FigureOptions.FrontierMaxFlops"/>, with interval bands,
/// beside Kaplan et al. (2020)'s frontier, the paper's published projections (Table 3) and named models.
/// </summary>
/// <remarks>
/// Bands: for the parametric fit (Approach 3), the percentile interval of N_opt(C) over the bootstrap refits' laws
/// (<see cref="Fitting.ParametricFitResult.FrontierAt"/>). The envelope and IsoFLOP results (Approaches 1
/// and 2) keep only the bootstrap's exponents, not a per-resample frontier, so their band is the fitted line
/// N_opt = k·C^a with a swept over its interval, pivoting at the data's geometric-mean C (the point a least-squares line
/// in log–log space passes through): it shows the exponent's uncertainty only, and has no width at that C.
/// </remarks>
public static class FrontierFigure
{
    /// <summary>Builds the one-panel figure: one line (and band) per approach in <paramref name="fits"/>, in approach order, then the references.</summary>
    /// <param name="fits">Any subset of the approaches; fits that did not succeed are left out and named in the title.</param>
    /// <param name="references">Published values to draw beside the fits; null draws none.</param>
    /// <param name="options">Ranges and sizes; <see cref="FigureOptions.Default"/> when null.</param>
    public static Figure Build(IEnumerable<IAllocationFit?> fits, FrontierReferences? references = null, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        options ??= FigureOptions.Default;
        references ??= FrontierReferences.None;
        double cMin = Positive(options.FrontierMinFlops) ? options.FrontierMinFlops : 1e17;
        double cMax = Positive(options.FrontierMaxFlops) && options.FrontierMaxFlops > cMin ? options.FrontierMaxFlops : cMin * 1e10;
        double[] flops = LogSpace(cMin, cMax, 81);
        bool InRange(double c) => c >= cMin * (1 - 1e-9) && c <= cMax * (1 + 1e-9);

        IAllocationFit[] all = [.. fits.OfType<IAllocationFit>().OrderBy(f => ApproachOrder(f.Approach))];
        IAllocationFit[] drawn = [.. all.Where(HasFrontier)];
        string[] notFitted = [.. all.Where(f => !HasFrontier(f)).Select(f => ShortName(f.Approach))];
        ReferencePoint[] projections = [.. references.Projections.Where(p => InRange(p.Flops) && Positive(p.ParameterCount))];
        Landmark[] landmarks = [.. references.Landmarks.Where(l => InRange(l.Flops) && Positive(l.ParameterCount))];

        string title = "Compute-optimal model size";
        if (notFitted.Length > 0)
            title += drawn.Length == 0 ? " (no approach fitted)" : $" ({string.Join(", ", notFitted)} not fitted)";
        if (drawn.Length == 0 && projections.Length == 0 && landmarks.Length == 0 && references.Kaplan is null)
            return Figure.Single(Empty(title, FlopsLabel, AxisKind.LogScientific, ParametersLabel, AxisKind.LogCount), (int)options.FrontierWidth, (int)options.FrontierHeight);

        var panel = new Panel(title, FlopsLabel, AxisKind.LogScientific, ParametersLabel, AxisKind.LogCount);
        var yValues = new List<double>();
        // Bands first, under every line.
        foreach (IAllocationFit fit in drawn)
        {
            if (options.ShowIntervals && FrontierBand(fit, flops, tokens: false) is { } band)
                panel.Band(flops, band.Low, band.High, ApproachColor(fit.Approach), 0.2);
        }
        foreach (IAllocationFit fit in drawn)
        {
            (double X, double Y)[] line = Curve(flops, fit.OptimalParameterCount);
            yValues.AddRange(line.Select(p => p.Y));
            panel.Line(line, ApproachColor(fit.Approach), 2.2f, $"{ApproachName(fit.Approach)}, {WithInterval("a", fit.ExponentA)}");
        }
        if (references.Kaplan is { } kaplan)
            panel.Line(Curve(flops, kaplan.ParameterCount), KaplanColor, 1.8f, $"{references.KaplanLabel}, a = {F(kaplan.Exponent, "0.00")}", LinePattern.Dashed);

        if (projections.Length > 0)
        {
            panel.Markers(projections.Select(p => (p.Flops, p.ParameterCount)), ReferenceColor, 9, references.ProjectionsLabel, MarkerShape.FilledDiamond, opacity: 1);
            yValues.AddRange(projections.Select(p => p.ParameterCount));
        }
        foreach (Landmark landmark in landmarks)
        {
            yValues.Add(landmark.ParameterCount);
            panel.Star(landmark.Flops, landmark.ParameterCount, $"{landmark.Name} ({Count(landmark.ParameterCount)})", LandmarkPlacement(landmark, references.Landmarks), ReferenceColor);
        }

        // The y range follows the fits and the published points; Kaplan's steeper line is clipped rather than allowed to
        // stretch the axis over seven decades.
        double yMin, yMax;
        double[] ys = [.. yValues.Where(Positive)];
        if (ys.Length > 0)
        {
            // Headroom so that markers at a decade's edge are not cut in half.
            yMin = DecadeBelow(ys.Min() / 1.4);
            yMax = DecadeAbove(ys.Max() * 1.4);
            if (yMax / yMin < 100)
                yMax = yMin * 100;
        }
        else
        {
            yMin = 1e7;
            yMax = 1e13;
        }
        panel.XRange(cMin, cMax);
        panel.YRange(yMin, yMax);
        return Figure.Single(panel.Finish(LegendAt.TopLeft), (int)options.FrontierWidth, (int)options.FrontierHeight);
    }

    /// <summary>
    /// Landmarks near each other (Chinchilla, Gopher and GPT-3 sit within 0.3 decades of C) share the space above and left
    /// of their stars: the largest model's label goes above, the others' to the left, clear of the fitted frontiers, which
    /// pass below and to the right of these models.
    /// </summary>
    private static TextSide LandmarkPlacement(Landmark landmark, IReadOnlyList<Landmark> all)
    {
        Landmark[] near = [.. all.Where(o => Math.Abs(Math.Log10(o.Flops / landmark.Flops)) < 0.6
            && Math.Abs(Math.Log10(o.ParameterCount / landmark.ParameterCount)) < 1)];
        if (near.Length <= 1)
            return TextSide.Right;
        return near.All(o => o.ParameterCount <= landmark.ParameterCount) ? TextSide.Above : TextSide.Left;
    }
}
