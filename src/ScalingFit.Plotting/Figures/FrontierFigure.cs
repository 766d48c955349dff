using ScalingFit.Fitting;
using static ScalingFit.Plotting.Figures.FigureKit;

namespace ScalingFit.Plotting.Figures;

/// <summary>
/// The frontier overlay of Hoffmann et al. 2022, Figure 1: the compute-optimal model size N_opt(C) each approach projects
/// over <see cref="FigureOptions.FrontierMinFlops"/>–<see cref="FigureOptions.FrontierMaxFlops"/>, with interval bands,
/// beside Kaplan et al. (2020)'s frontier, the paper's published projections (Table 3) and named models.
/// </summary>
/// <remarks>
/// Bands: for the parametric fit (Approach 3), the percentile interval of N_opt(C) over the bootstrap refits' laws
/// (<see cref="Fitting.Parametric.ParametricFitResult.FrontierAt"/>). The envelope and IsoFLOP results (Approaches 1
/// and 2) keep only the bootstrap's exponents, not a per-resample frontier, so their band is the fitted line
/// N_opt = k·C^a with a swept over its interval, pivoting at the data's geometric-mean C (the point a least-squares line
/// in log–log space passes through): it shows the exponent's uncertainty only, and has no width at that C.
/// </remarks>
public static class FrontierFigure
{
    /// <summary>Builds the chart: one line (and band) per approach in <paramref name="fits"/>, in approach order, then the references.</summary>
    /// <param name="fits">Any subset of the approaches; fits that did not succeed are left out and named in the title.</param>
    /// <param name="references">Published values to draw beside the fits; null draws none.</param>
    /// <param name="options">Ranges and sizes; <see cref="FigureOptions.Default"/> when null.</param>
    public static Chart Build(IEnumerable<IAllocationFit?> fits, FrontierReferences? references = null, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        options ??= FigureOptions.Default;
        references ??= FrontierReferences.None;
        double cMin = Positive(options.FrontierMinFlops) ? options.FrontierMinFlops : 1e17;
        double cMax = Positive(options.FrontierMaxFlops) && options.FrontierMaxFlops > cMin ? options.FrontierMaxFlops : cMin * 1e10;
        double[] flops = LogSpace(cMin, cMax, 81);
        bool InRange(double c) => c >= cMin * (1 - 1e-9) && c <= cMax * (1 + 1e-9);

        var series = new List<Series>();
        var lines = new List<Series>();
        var notFitted = new List<string>();
        var yValues = new List<double>();
        foreach (IAllocationFit fit in fits.OfType<IAllocationFit>().OrderBy(f => ApproachOrder(f.Approach)))
        {
            if (!HasFrontier(fit))
            {
                notFitted.Add(ShortName(fit.Approach));
                continue;
            }
            RgbColor color = ApproachColor(fit.Approach);
            DataPoint[] line = Curve(flops, fit.OptimalParameterCount);
            yValues.AddRange(line.Select(p => p.Y));
            lines.Add(new LineSeries(line) { Label = $"{ApproachName(fit.Approach)}, {WithInterval("a", fit.ExponentA)}", Color = color, Width = 2.2 });
            if (options.ShowIntervals && FrontierBand(fit, flops, tokens: false, color) is { } band)
                series.Add(band);
        }

        if (references.Kaplan is { } kaplan)
        {
            lines.Add(new LineSeries(Curve(flops, kaplan.ParameterCount))
            {
                Label = $"{references.KaplanLabel}, a = {F(kaplan.Exponent, "0.00")}",
                Color = KaplanColor,
                Dash = LineDash.Dashed,
                Width = 1.8,
            });
        }
        series.AddRange(lines);

        ReferencePoint[] projections = [.. references.Projections.Where(p => InRange(p.Flops) && Positive(p.ParameterCount))];
        if (projections.Length > 0)
        {
            series.Add(new ScatterSeries([.. projections.Select(p => new DataPoint(p.Flops, p.ParameterCount))])
            {
                Label = references.ProjectionsLabel,
                Color = ReferenceColor,
                Shape = MarkerShape.Diamond,
                MarkerSize = 8,
            });
            yValues.AddRange(projections.Select(p => p.ParameterCount));
        }

        foreach (Landmark landmark in references.Landmarks.Where(l => InRange(l.Flops) && Positive(l.ParameterCount)))
        {
            yValues.Add(landmark.ParameterCount);
            series.Add(new MarkerAnnotation(new DataPoint(landmark.Flops, landmark.ParameterCount), $"{landmark.Name} ({Count(landmark.ParameterCount)})")
            {
                Placement = LandmarkPlacement(landmark, references.Landmarks),
                Color = ReferenceColor,
            });
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

        string title = "Compute-optimal model size";
        if (notFitted.Count > 0)
            title += lines.Count(l => l is LineSeries { Dash: LineDash.Solid }) == 0 ? " (no approach fitted)" : $" ({string.Join(", ", notFitted)} not fitted)";
        return new Chart
        {
            Title = title,
            XAxis = Axis.Log(FlopsLabel, TickFormat.Scientific).WithRange(cMin, cMax),
            YAxis = Axis.Log(ParametersLabel, TickFormat.Si).WithRange(yMin, yMax),
            Series = series,
            Legend = LegendPlacement.TopLeft,
            Width = options.FrontierWidth,
            Height = options.FrontierHeight,
        };
    }

    /// <summary>
    /// Landmarks near each other (Chinchilla, Gopher and GPT-3 sit within 0.3 decades of C) share the space above and left
    /// of their stars: the largest model's label goes above, the others' to the left, clear of the fitted frontiers, which
    /// pass below and to the right of these models.
    /// </summary>
    private static AnnotationPlacement LandmarkPlacement(Landmark landmark, IReadOnlyList<Landmark> all)
    {
        Landmark[] near = [.. all.Where(o => Math.Abs(Math.Log10(o.Flops / landmark.Flops)) < 0.6
            && Math.Abs(Math.Log10(o.ParameterCount / landmark.ParameterCount)) < 1)];
        if (near.Length <= 1)
            return AnnotationPlacement.Right;
        return near.All(o => o.ParameterCount <= landmark.ParameterCount) ? AnnotationPlacement.Above : AnnotationPlacement.Left;
    }
}
