using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>What a held-out value is.</summary>
public enum BacktestTargetKind
{
    /// <summary>A held-out IsoFLOP budget's minimum: its least loss and the size at it (valley of its own runs).</summary>
    BudgetMinimum,

    /// <summary>A held-out run's final loss at its own (N, D) (parametric only).</summary>
    Run,

    /// <summary>A point of the full data's training-curve envelope above the cutoff.</summary>
    EnvelopePoint,
}

/// <summary>One held-out value, what the fit on the rest predicted for it, and the errors.</summary>
/// <param name="Kind">Budget minimum, run or envelope point.</param>
/// <param name="Label">The run or budget it is.</param>
/// <param name="Flops">C.</param>
/// <param name="ObservedLoss">The held-out loss.</param>
/// <param name="PredictedLoss">The prediction with the interval of its mean.</param>
/// <param name="PredictionInterval">Where a new observation should land (mean interval widened by the residual scatter).</param>
/// <param name="ObservedParameterCount">The observed N_opt (budget minima, envelope points), or null.</param>
/// <param name="PredictedParameterCount">The predicted N_opt(C) with its interval, or null.</param>
/// <param name="ExtrapolationFactor">C divided by the largest C in the training part.</param>
public sealed record BacktestTarget(
    BacktestTargetKind Kind,
    string Label,
    double Flops,
    double ObservedLoss,
    Estimate PredictedLoss,
    Interval? PredictionInterval,
    double? ObservedParameterCount,
    Estimate? PredictedParameterCount,
    double ExtrapolationFactor)
{
    /// <summary>(predicted − observed) / observed.</summary>
    public double RelativeLossError => (PredictedLoss.Value - ObservedLoss) / ObservedLoss;

    /// <summary>ln(predicted N_opt / observed N_opt), or null.</summary>
    public double? LogRatioParameterCount => ObservedParameterCount is { } o && PredictedParameterCount is { } p ? Math.Log(p.Value / o) : null;

    /// <summary>True when the observed loss lies in the prediction interval; null without one.</summary>
    public bool? LossCovered => PredictionInterval?.Contains(ObservedLoss);

    /// <summary>True when the observed N_opt lies in the interval of the predicted N_opt; null without either.</summary>
    public bool? ParameterCountCovered => ObservedParameterCount is { } o && PredictedParameterCount?.Interval is { } i ? i.Contains(o) : null;
}

/// <summary>One cutoff of a backtest: the data above it held out, the rest fitted, the held-out values predicted.</summary>
/// <param name="CutoffFlops">Runs (or checkpoints) with C above this were held out.</param>
/// <param name="HeldOutBudgets">How many IsoFLOP budgets lie above the cutoff (0 when the data has none).</param>
/// <param name="TrainingRuns">Runs left to fit (for the envelope: curves with at least two checkpoints below the cutoff).</param>
/// <param name="Frontier">The frontier fitted to the rest (null when the fit failed).</param>
/// <param name="Targets">The held-out values with their predictions.</param>
/// <param name="Failure">Why this cutoff gave no predictions, or null.</param>
public sealed record BacktestCutoff(
    double CutoffFlops,
    int HeldOutBudgets,
    int TrainingRuns,
    LossFrontier? Frontier,
    IReadOnlyList<BacktestTarget> Targets,
    string? Failure)
{
    /// <summary>Mean |relative loss error| over the targets (NaN when none).</summary>
    public double MeanAbsoluteRelativeLossError => Targets.Count == 0 ? double.NaN : Targets.Average(t => Math.Abs(t.RelativeLossError));

    /// <summary>Mean |ln(predicted/observed N_opt)| over the targets that have both (NaN when none).</summary>
    public double MeanAbsoluteLogRatioParameterCount =>
        Targets.Where(t => t.LogRatioParameterCount is not null).Select(t => Math.Abs(t.LogRatioParameterCount!.Value)).DefaultIfEmpty(double.NaN).Average();

    /// <summary>The fraction of held-out losses inside their prediction interval (NaN when none has one).</summary>
    public double LossCoverage => Fraction(Targets.Select(t => t.LossCovered));

    /// <summary>The fraction of held-out N_opt inside their interval (NaN when none has one).</summary>
    public double ParameterCountCoverage => Fraction(Targets.Select(t => t.ParameterCountCovered));

    private static double Fraction(IEnumerable<bool?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return known.Length == 0 ? double.NaN : (double)known.Count(v => v) / known.Length;
    }
}

/// <summary>A backtest ("rollout") of one approach at one or more cutoffs.</summary>
/// <param name="Approach">The approach backtested.</param>
/// <param name="Cutoffs">The cutoffs, in the order asked.</param>
/// <param name="Diagnostics">Notes and warnings about the backtest as a whole.</param>
public sealed record BacktestResult(Approach Approach, IReadOnlyList<BacktestCutoff> Cutoffs, IReadOnlyList<Diagnostic> Diagnostics);
