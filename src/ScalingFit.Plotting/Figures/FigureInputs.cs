using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Plotting;

/// <summary>
/// Everything the figures of one analysis draw: the data and whichever fits were made (any may be null), plus the published
/// values for the frontier plot.
/// </summary>
public sealed record FigureInputs
{
    /// <summary>
    /// The final-loss runs given to the parametric fit, drawn in its contour, slice and residual panels (null when none).
    /// The IsoFLOP figures need no runs here: they draw the runs the IsoFLOP fit holds in its budgets.
    /// </summary>
    public RunSet? Runs { get; init; }

    /// <summary>The training curves given to the envelope fit; null means <see cref="Runs"/> (when it holds curves).</summary>
    public RunSet? Curves { get; init; }

    /// <summary>The envelope fit (Approach 1), or null.</summary>
    public EnvelopeFitResult? Envelope { get; init; }

    /// <summary>The IsoFLOP fit (Approach 2), or null.</summary>
    public IsoFlopFitResult? IsoFlop { get; init; }

    /// <summary>The parametric fit (Approach 3), or null.</summary>
    public ParametricFitResult? Parametric { get; init; }

    /// <summary>Published values for the frontier plot; null draws none.</summary>
    public FrontierReferences? References { get; init; }

    /// <summary>The fits' loss frontiers L*(C) with their bands (<see cref="ScalingLaws.LossFrontiers"/>), for the <c>loss-frontier</c> figure; empty draws none.</summary>
    public IReadOnlyList<LossFrontier> LossFrontiers { get; init; } = [];

    /// <summary>A backtest of the fits (<see cref="SweepBacktester"/>), for the <c>backtest</c> figure; null, or one without targets, draws none.</summary>
    public SweepBacktest? Backtest { get; init; }

    /// <summary>The fits present, in approach order.</summary>
    public IReadOnlyList<IAllocationFit> Fits =>
        [.. new IAllocationFit?[] { Envelope, IsoFlop, Parametric }.OfType<IAllocationFit>()];

    /// <summary>The data of the envelope: <see cref="Curves"/>, or <see cref="Runs"/> when that is null.</summary>
    public RunSet? CurveData => Curves ?? Runs;
}
