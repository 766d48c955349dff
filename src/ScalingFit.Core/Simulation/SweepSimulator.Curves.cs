using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Core;

/// <summary>
/// The design of a simulated training-curve sweep (Hoffmann et al. 2022, §3.1, Approach 1): for each model size,
/// several runs whose cosine learning-rate cycle ends at horizons spanning <see cref="HorizonSpan"/>× (the paper: 16×),
/// each run logging its loss at checkpoints log-spaced in tokens up to its horizon.
/// <para>
/// The noise-free loss of a run with horizon H after t tokens is (see <see cref="ExpectedLoss"/>)
/// L_H(N, t) = L̂(N, t) + κ·(L̂(N, t) − E)·(1 + cos(π·t/H))/2, where L̂ is the law (Hoffmann et al. 2022, eq. 2) and
/// κ = <see cref="CyclePenalty"/>. The second term models the unfinished cosine cycle: the learning rate at t is
/// proportional to (1 + cos(π·t/H))/2, so the penalty is largest early, shrinks as the rate decays, and vanishes at t = H,
/// where the run sits on the law. It scales with the reducible loss L̂ − E so the design is self-similar across sizes.
/// This is why the paper trains one run per horizon: the envelope of horizon ends traces the law's frontier.
/// </para>
/// </summary>
/// <param name="HorizonsPerSize">Runs per model size (&gt;= 1), with horizons log-spaced over <see cref="HorizonSpan"/>.</param>
/// <param name="HorizonSpan">Longest horizon / shortest horizon (the paper: 16, e.g. D_max·{1/16, 1/8, 1/4, 1/2, 1}).</param>
/// <param name="MaxTokensPerParameter">The longest horizon as tokens per parameter, D_max = this·N; when null,
/// D_max = 4·D*(N), four times the tokens for which N is compute-optimal under the law, so the horizons are centred
/// (in log scale) on D*(N) when <see cref="HorizonSpan"/> is 16.</param>
/// <param name="CheckpointsPerRun">Checkpoints per run (&gt;= 2), log-spaced in tokens from
/// H·<see cref="FirstCheckpointFraction"/> to H inclusive.</param>
/// <param name="FirstCheckpointFraction">The first checkpoint's tokens as a fraction of the run's horizon, in (0, 1).</param>
/// <param name="CyclePenalty">κ, the relative size of the unfinished-cycle penalty at t = 0 (&gt;= 0; 0 turns it off).</param>
public sealed record CurveDesign(
    int HorizonsPerSize = 5,
    double HorizonSpan = 16,
    double? MaxTokensPerParameter = null,
    int CheckpointsPerRun = 20,
    double FirstCheckpointFraction = 1.0 / 32,
    double CyclePenalty = 0.1)
{
    /// <summary>Five horizons spanning 16×, 20 checkpoints from H/32 to H, κ = 0.1, D_max = 4·D*(N).</summary>
    public static CurveDesign Default { get; } = new();

    /// <summary>
    /// The noise-free loss after <paramref name="tokenCount"/> tokens of a run whose cosine cycle ends at
    /// <paramref name="horizon"/>: L̂(N, t) + κ·(L̂(N, t) − E)·(1 + cos(π·min(t/H, 1)))/2.
    /// </summary>
    public double ExpectedLoss(ParametricLaw law, double parameterCount, double tokenCount, double horizon)
    {
        ArgumentNullException.ThrowIfNull(law);
        double loss = law.Loss(parameterCount, tokenCount);
        double progress = Math.Min(tokenCount / horizon, 1.0);
        return loss + CyclePenalty * (loss - law.E) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    /// <summary>The horizons (in tokens) of the runs of a model of <paramref name="parameterCount"/> parameters, shortest first.</summary>
    public double[] Horizons(ParametricLaw law, double parameterCount, FlopRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        double dMax = MaxTokensPerParameter is { } tpp
            ? tpp * parameterCount
            : 4 * law.ForParameterCount(parameterCount, rule).TokenCount;
        if (HorizonsPerSize == 1)
            return [dMax];
        return SweepSimulator.LogSpace(dMax / HorizonSpan, dMax, HorizonsPerSize);
    }

    internal void Validate()
    {
        if (HorizonsPerSize < 1)
            throw new ArgumentOutOfRangeException(nameof(HorizonsPerSize), HorizonsPerSize, "A curve sweep needs at least one horizon per model size.");
        if (!(HorizonSpan >= 1) || double.IsInfinity(HorizonSpan))
            throw new ArgumentOutOfRangeException(nameof(HorizonSpan), HorizonSpan, "The horizon span is a ratio of at least 1.");
        if (MaxTokensPerParameter is { } tpp && (!(tpp > 0) || double.IsInfinity(tpp)))
            throw new ArgumentOutOfRangeException(nameof(MaxTokensPerParameter), tpp, "Tokens per parameter must be finite and positive.");
        if (CheckpointsPerRun < 2)
            throw new ArgumentOutOfRangeException(nameof(CheckpointsPerRun), CheckpointsPerRun, "A training curve needs at least two checkpoints.");
        if (!(FirstCheckpointFraction > 0 && FirstCheckpointFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(FirstCheckpointFraction), FirstCheckpointFraction, "The first checkpoint must lie strictly between 0 and the horizon.");
        if (!(CyclePenalty >= 0) || double.IsInfinity(CyclePenalty))
            throw new ArgumentOutOfRangeException(nameof(CyclePenalty), CyclePenalty, "The cycle penalty κ must be finite and non-negative.");
    }
}

public static partial class SweepSimulator
{
    /// <summary>
    /// A training-curve sweep for the envelope (Hoffmann et al. 2022, §3.1, Approach 1, Figure 2): for each model size,
    /// <see cref="CurveDesign.HorizonsPerSize"/> runs with cosine cycles ending at horizons spanning
    /// <see cref="CurveDesign.HorizonSpan"/>×, each a separate curve with its own run id, its checkpoints log-spaced in
    /// tokens up to its horizon. The loss at a checkpoint is <see cref="CurveDesign.ExpectedLoss"/> (the law plus the
    /// unfinished-cycle penalty, which vanishes at the horizon) times exp(σ·z), z ~ N(0, 1) drawn afresh for every
    /// checkpoint (σ = <see cref="SimulationOptions.NoiseSigma"/>). With probability
    /// <see cref="SimulationOptions.OutlierFraction"/> a whole run is inflated by <see cref="SimulationOptions.OutlierScale"/>.
    /// The final point of every run sits on the law (plus noise), so the envelope of horizon ends traces the true frontier.
    /// Deterministic in <see cref="SimulationOptions.Seed"/>. Each curve also appears in <see cref="RunSet.Runs"/>
    /// with its last checkpoint as the final loss.
    /// </summary>
    /// <param name="options">The law, noise, seed and FLOP rule.</param>
    /// <param name="parameterCounts">The model sizes N (finite, positive).</param>
    /// <param name="design">Horizons, checkpoints and penalty; <see cref="CurveDesign.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No sizes, a non-positive size, or an invalid design.</exception>
    public static RunSet Curves(SimulationOptions options, IReadOnlyList<double> parameterCounts, CurveDesign? design = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameterCounts);
        design ??= CurveDesign.Default;
        design.Validate();
        if (parameterCounts.Count == 0)
            throw new ArgumentException("A curve sweep needs at least one model size.", nameof(parameterCounts));
        for (int i = 0; i < parameterCounts.Count; i++)
            if (!(parameterCounts[i] > 0) || double.IsInfinity(parameterCounts[i]))
                throw new ArgumentException($"parameterCounts[{i}] = {parameterCounts[i]}: model sizes must be finite and positive.", nameof(parameterCounts));

        var rng = new SeededRandom(options.Seed);
        var law = options.Law;
        var curves = new List<TrainingCurve>();
        var runs = new List<Run>();
        for (int i = 0; i < parameterCounts.Count; i++)
        {
            double n = parameterCounts[i];
            var horizons = design.Horizons(law, n, options.Rule);
            for (int j = 0; j < horizons.Length; j++)
            {
                double h = horizons[j];
                bool outlier = options.OutlierFraction > 0 && rng.NextDouble() < options.OutlierFraction;
                var tokens = LogSpace(h * design.FirstCheckpointFraction, h, design.CheckpointsPerRun);
                tokens[^1] = h;
                var points = new CurvePoint[tokens.Length];
                for (int k = 0; k < tokens.Length; k++)
                {
                    double loss = design.ExpectedLoss(law, n, tokens[k], h) * Math.Exp(options.NoiseSigma * rng.NextGaussian());
                    if (outlier)
                        loss *= options.OutlierScale;
                    points[k] = new CurvePoint(tokens[k], loss);
                }
                string id = string.Create(CultureInfo.InvariantCulture, $"r{i:000}-N{n:0.###e+0}-H{h:0.##e+0}");
                curves.Add(new TrainingCurve(id, n, points));
                runs.Add(new Run(id, n, h, options.Rule.Flops(n, h), points[^1].Loss));
            }
        }
        return new RunSet(runs, curves, options.Rule);
    }
}
