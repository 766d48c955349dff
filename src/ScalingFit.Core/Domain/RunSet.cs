namespace ScalingFit.Core;

/// <summary>
/// The data of one sweep: final-loss runs and, when the source had several rows per run, their training curves.
/// Every run with a curve also appears in <see cref="Runs"/> with the curve's last point as its final loss.
/// </summary>
/// <param name="Runs">One entry per run.</param>
/// <param name="Curves">Training curves (may be empty).</param>
/// <param name="FlopRule">How C relates to N and D for this data.</param>
public sealed record RunSet(IReadOnlyList<Run> Runs, IReadOnlyList<TrainingCurve> Curves, FlopRule FlopRule)
{
    /// <summary>A run set of final losses only, counted with C = 6ND.</summary>
    public RunSet(IReadOnlyList<Run> runs) : this(runs, Array.Empty<TrainingCurve>(), FlopRule.Default) { }

    /// <summary>True when the data has at least one curve with more than one checkpoint.</summary>
    public bool HasCurves => Curves.Any(c => c.Points.Count > 1);

    /// <summary>
    /// The runs without the <paramref name="count"/> highest losses (Besiroglu et al. 2024 dropped 5 before refitting Approach 3).
    /// Ties at the cut are dropped together, as Epoch AI's <c>loss &lt; 5th largest</c> filter does.
    /// </summary>
    public RunSet DropHighestLoss(int count)
    {
        if (count <= 0 || Runs.Count == 0)
            return this;
        if (count >= Runs.Count)
            return this with { Runs = Array.Empty<Run>(), Curves = Array.Empty<TrainingCurve>() };
        var threshold = Runs.Select(r => r.Loss).OrderByDescending(l => l).ElementAt(count - 1);
        var kept = Runs.Where(r => r.Loss < threshold).ToArray();
        var ids = kept.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        return this with { Runs = kept, Curves = Curves.Where(c => ids.Contains(c.RunId)).ToArray() };
    }
}
