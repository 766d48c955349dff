namespace ScalingFit.Plotting;

/// <summary>
/// Options shared by the figure builders (<see cref="FrontierFigure"/>, <see cref="EnvelopeFigure"/>,
/// <see cref="IsoFlopFigure"/>, <see cref="ParametricFigure"/>, <see cref="ResidualsFigure"/>,
/// <see cref="BootstrapFigure"/>). Every default is visible here; change them with <c>with { … }</c>.
/// </summary>
public sealed record FigureOptions
{
    /// <summary>The defaults below.</summary>
    public static FigureOptions Default { get; } = new();

    /// <summary>Left end of the frontier plot's FLOP axis. Default 1e17 (Hoffmann et al. 2022, Figure 1 starts there).</summary>
    public double FrontierMinFlops { get; init; } = 1e17;

    /// <summary>Right end of the frontier plot's FLOP axis. Default 1e27 (past the paper's 1T-parameter projection, 1.27e26).</summary>
    public double FrontierMaxFlops { get; init; } = 1e27;

    /// <summary>
    /// The budget the N_opt and D_opt panels project to and mark with a star. Default 5.76e23 FLOPs, the budget of Gopher
    /// and Chinchilla (Hoffmann et al. 2022, Figures 2–4 and Table 3). NaN or non-positive: no projection.
    /// </summary>
    public double ProjectionFlops { get; init; } = 5.76e23;

    /// <summary>Whether to draw interval bands around fitted frontiers (when the fit has an interval). Default true.</summary>
    public bool ShowIntervals { get; init; } = true;

    /// <summary>
    /// Most checkpoints drawn per training curve in the envelope figure; longer curves are thinned evenly (the first and
    /// last checkpoints are always kept). Default 200.
    /// </summary>
    public int MaxPointsPerCurve { get; init; } = 200;

    /// <summary>
    /// Most envelope frontier points drawn as markers (the paper's method gives 1,500); they are thinned evenly in C.
    /// Default 120.
    /// </summary>
    public int MaxFrontierMarkers { get; init; } = 120;

    /// <summary>How many isoFLOP slices the parametric figure draws (at most). Default 5.</summary>
    public int SliceCount { get; init; } = 5;

    /// <summary>
    /// A run counts as "at" a slice's budget C when |log10(C_run / C)| is at most this. Default 0.05 decades
    /// (about ±12%).
    /// </summary>
    public double SliceToleranceDecades { get; init; } = 0.05;

    /// <summary>Samples per axis of the parametric figure's loss field. Default 40 (the SVG grows with it: each cell a level crosses is a polygon).</summary>
    public int ContourResolution { get; init; } = 40;

    /// <summary>Histogram bins of the bootstrap figure; 0 (the default) picks √n, clamped to 8–40.</summary>
    public int HistogramBins { get; init; }

    /// <summary>Width of each panel of a multi-panel figure in px. Default 460.</summary>
    public double PanelWidth { get; init; } = 460;

    /// <summary>Height of each panel of a multi-panel figure in px. Default 380.</summary>
    public double PanelHeight { get; init; } = 380;

    /// <summary>Width of the frontier chart in px. Default 820.</summary>
    public double FrontierWidth { get; init; } = 820;

    /// <summary>Height of the frontier chart in px. Default 560.</summary>
    public double FrontierHeight { get; init; } = 560;
}
