namespace ScalingFit.Fitting;

/// <summary>Which part of a fit a <see cref="FitProgress"/> report is about.</summary>
public enum FitStage
{
    /// <summary>The fit to the full data: the parametric fit's L-BFGS starts (the other approaches report no such stage; they take milliseconds).</summary>
    Starts,

    /// <summary>The bootstrap refits.</summary>
    Bootstrap,

    /// <summary>A backtest: one item per cutoff, each a fit to the data below it and its loss frontier.</summary>
    Backtest,
}

/// <summary>
/// Progress of any fitter: <paramref name="Completed"/> of <paramref name="Total"/> items of <paramref name="Stage"/>
/// are done. Every fitter reports through <see cref="IProgress{T}"/> of this one record.
/// </summary>
/// <param name="Approach">The approach being fitted.</param>
/// <param name="Stage">Starts or bootstrap.</param>
/// <param name="Completed">How many are finished (reports may arrive out of order from several threads).</param>
/// <param name="Total">How many there are in this stage (e.g. 4,500 starts on the paper grid, 108 on the coarse one).</param>
public readonly record struct FitProgress(Approach Approach, FitStage Stage, int Completed, int Total)
{
    /// <summary>A reporter of completed counts for one stage, forwarding to <paramref name="progress"/>; null when it is null.</summary>
    public static IProgress<int>? Counter(IProgress<FitProgress>? progress, Approach approach, FitStage stage, int total) =>
        progress is null ? null : new StageCounter(progress, approach, stage, total);

    private sealed class StageCounter(IProgress<FitProgress> inner, Approach approach, FitStage stage, int total) : IProgress<int>
    {
        public void Report(int value) => inner.Report(new FitProgress(approach, stage, value, total));
    }
}
