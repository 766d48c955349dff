namespace ScalingFit.Core;

/// <summary>One checkpoint of a training curve: the loss after <see cref="TokenCount"/> tokens.</summary>
/// <param name="TokenCount">Tokens seen so far (&gt; 0).</param>
/// <param name="Loss">The loss at that checkpoint (&gt; 0).</param>
public readonly record struct CurvePoint(double TokenCount, double Loss);

/// <summary>
/// The loss of one run along training, used by the training-curve envelope (Hoffmann et al. 2022, Approach 1, §3.1).
/// Points are ordered by increasing <see cref="CurvePoint.TokenCount"/>; the final loss is the last point's.
/// </summary>
/// <param name="RunId">Identifier of the run.</param>
/// <param name="ParameterCount">N, constant along the curve.</param>
/// <param name="Points">Checkpoints ordered by token count.</param>
public sealed record TrainingCurve(string RunId, double ParameterCount, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>The last checkpoint's loss.</summary>
    public double FinalLoss => Points[^1].Loss;

    /// <summary>The last checkpoint's token count.</summary>
    public double FinalTokenCount => Points[^1].TokenCount;
}
