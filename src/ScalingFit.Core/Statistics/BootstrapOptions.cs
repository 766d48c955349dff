namespace ScalingFit.Core;

/// <summary>How a bootstrap draws its resamples.</summary>
public enum ResamplingScheme
{
    /// <summary>Draw as many units as there are, with replacement (Efron's bootstrap). The default.</summary>
    WithReplacement,

    /// <summary>Draw a fraction of the units without replacement (Hoffmann et al. 2022: 80% of the data, 100 times).</summary>
    Subsample,
}

/// <summary>
/// Options of a percentile bootstrap. Every draw comes from <see cref="Seed"/>; the result is bit-identical
/// for the same seed whatever <see cref="Threads"/> is.
/// </summary>
/// <param name="Resamples">How many resamples to draw; 0 turns the bootstrap off.</param>
/// <param name="Scheme">With replacement (default) or subsampling without replacement.</param>
/// <param name="SubsampleFraction">The fraction kept by <see cref="ResamplingScheme.Subsample"/>.</param>
/// <param name="Level">The coverage of the percentile intervals (0.95: 2.5th–97.5th percentiles).</param>
/// <param name="Seed">The seed of every random draw.</param>
/// <param name="Threads">Worker threads; 0 means one per core.</param>
public sealed record BootstrapOptions(
    int Resamples = 1000,
    ResamplingScheme Scheme = ResamplingScheme.WithReplacement,
    double SubsampleFraction = 0.8,
    double Level = 0.95,
    long Seed = 0,
    int Threads = 0)
{
    /// <summary>1,000 resamples with replacement, 95% percentile intervals, seed 0.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>The paper's protocol (Hoffmann et al. 2022, Table 2): 100 subsamples of 80%, 10th–90th percentiles.</summary>
    public static BootstrapOptions Paper { get; } = new(100, ResamplingScheme.Subsample, 0.8, 0.80);

    /// <summary>No bootstrap.</summary>
    public static BootstrapOptions None { get; } = new(0);

    /// <summary>These options with <paramref name="seed"/> and <paramref name="threads"/> applied where set (the fitters' Seed and Threads overrides).</summary>
    public BootstrapOptions With(long? seed, int? threads) => this with { Seed = seed ?? Seed, Threads = threads ?? Threads };

    /// <summary>The worker count actually used.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
