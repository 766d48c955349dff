using ScalingFit.Core;

namespace ScalingFit.Core;

public static partial class SweepSimulator
{
    /// <summary>
    /// A given design (e.g. a planned IsoFLOP grid): each run of <paramref name="design"/> keeps its id, N, D, C and
    /// FLOP budget, and gets a loss L̂(N, D)·exp(σ·z) from <see cref="SimulationOptions.Law"/>, drawn in the design's
    /// order from <see cref="SimulationOptions.Seed"/>. The design's own losses are ignored.
    /// </summary>
    /// <param name="options">The true law, noise, seed and outliers.</param>
    /// <param name="design">The runs to observe.</param>
    public static RunSet FromDesign(SimulationOptions options, IReadOnlyList<Run> design)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(design);
        var rng = new SeededRandom(options.Seed);
        var runs = new Run[design.Count];
        for (int i = 0; i < runs.Length; i++)
        {
            var r = design[i];
            runs[i] = r with { Loss = Observe(options, rng, r.ParameterCount, r.TokenCount) };
        }
        return new RunSet(runs, Array.Empty<TrainingCurve>(), options.Rule);
    }
}
