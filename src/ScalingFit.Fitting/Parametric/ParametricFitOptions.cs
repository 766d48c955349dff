using ScalingFit.Core;
using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>The grid of L-BFGS starting points (in a = ln A, b = ln B, e = ln E, α, β).</summary>
public enum ParametricGrid
{
    /// <summary>
    /// The paper's grid (Hoffmann et al. 2022, §D.2; Besiroglu et al. 2024): α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
    /// a, b ∈ {0, 5, …, 25}: 5·5·5·6·6 = 4,500 starts.
    /// </summary>
    Paper,

    /// <summary>
    /// A small grid for quick fits and simulations: α, β ∈ {0.5, 1}, e ∈ {−1, 0, 1}, a, b ∈ {0, 10, 20}: 2·2·3·3·3 = 108 starts.
    /// It finds the paper grid's optimum on Epoch AI's Figure-4 data, but offers no such guarantee elsewhere.
    /// </summary>
    Coarse,
}

/// <summary>Where each bootstrap refit starts.</summary>
public enum BootstrapStart
{
    /// <summary>One L-BFGS run from the full-data optimum (the Python reference's default; about 4,500 times cheaper).</summary>
    Warm,

    /// <summary>The whole <see cref="ParametricFitOptions.Grid"/> for every resample, keeping the best (the paper's procedure, slow).</summary>
    Grid,
}

/// <summary>
/// Options of <see cref="ParametricFitter"/> (Hoffmann et al. 2022, Approach 3). Immutable; change with <c>with { … }</c>.
/// </summary>
public sealed record ParametricFitOptions
{
    /// <summary>The defaults below: δ = 10⁻³, the paper's 4,500-start grid, nothing dropped, all five coefficients free, 1,000 warm-started bootstrap resamples with 95% intervals (as every approach).</summary>
    public static ParametricFitOptions Default { get; } = new();

    /// <summary>δ of the Huber loss on ln L (default 10⁻³, the paper's).</summary>
    public double Delta { get; init; } = ParametricObjective.PaperDelta;

    /// <summary>
    /// w of an asymmetric Huber loss (default 1: the paper's symmetric loss): residuals where the law predicts above the
    /// observed loss weigh w times as much. With w &gt; 1 (e.g. 10) the law fits the best achievable loss when some runs
    /// are under-tuned and end too high, rather than the average run. See <see cref="ParametricObjective.OverestimatePenalty"/>.
    /// </summary>
    public double OverestimatePenalty { get; init; } = 1.0;

    /// <summary>The starting grid (default <see cref="ParametricGrid.Paper"/>, 4,500 starts).</summary>
    public ParametricGrid Grid { get; init; } = ParametricGrid.Paper;

    /// <summary>
    /// A law to start L-BFGS from besides every point of <see cref="Grid"/> (default null: the grid only), in the grid's
    /// variables (ln A, ln B, ln E, α, β); e.g. the known law when refitting sweeps simulated from it, so that a
    /// <see cref="ParametricGrid.Coarse"/> grid cannot miss the basin the truth lies in. With <see cref="FixedE"/> or
    /// <see cref="TieExponents"/> the law's E is replaced by the fixed one, and its exponents by their mean.
    /// </summary>
    public Core.ParametricLaw? ExtraStart { get; init; }

    /// <summary>Drop the runs with the K highest losses before fitting (default 0; Besiroglu et al. 2024 dropped 5). Ties at the cut go together (<see cref="Core.RunSet.DropHighestLoss"/>).</summary>
    public int DropHighest { get; init; }

    /// <summary>Fix the irreducible loss E at this value instead of fitting it (default null: fitted).</summary>
    public double? FixedE { get; init; }

    /// <summary>Fit one exponent α = β (default false). The grid then starts from α = β ∈ {0, 0.5, …, 2} (paper) or {0.5, 1} (coarse).</summary>
    public bool TieExponents { get; init; }

    /// <summary>The bootstrap over runs (default <see cref="BootstrapOptions.Default"/>: 1,000 resamples, 95% intervals; <see cref="BootstrapOptions.None"/> for none). <see cref="BootstrapOptions.Paper"/> is the paper's 80% × 100 subsampling with 10th–90th percentiles.</summary>
    public BootstrapOptions Bootstrap { get; init; } = BootstrapOptions.Default;

    /// <summary>How each bootstrap refit starts (default <see cref="BootstrapStart.Warm"/>).</summary>
    public BootstrapStart BootstrapStart { get; init; } = BootstrapStart.Warm;

    /// <summary>
    /// What to do with a run whose N, D, C or loss is NaN, infinite or not positive: <see cref="InvalidValuePolicy.Reject"/>
    /// (throw, naming the run; the default, as for every fitter) or <see cref="InvalidValuePolicy.Skip"/> (leave it out with a diagnostic).
    /// </summary>
    public InvalidValuePolicy InvalidValues { get; init; } = InvalidValuePolicy.Reject;

    /// <summary>Worker threads for the starts and, unless <see cref="BootstrapOptions.Threads"/> is set, the bootstrap (default 0: one per core). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>L-BFGS settings (default <see cref="LbfgsOptions.Default"/>: ftol 10⁻¹⁵, gtol 10⁻¹², memory 10, at most 15,000 iterations), mirroring the Python reference's scipy settings.</summary>
    public LbfgsOptions Optimizer { get; init; } = LbfgsOptions.Default;

    /// <summary>A start counts as reaching the optimum when its objective is within this of the best (default 10⁻⁹, as the reference counts).</summary>
    public double StartsAtBestTolerance { get; init; } = 1e-9;

    /// <summary>The worker count actually used for the starts.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentNullException"/>) naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(Delta > 0) || double.IsInfinity(Delta))
            throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "The Huber δ must be finite and positive (the paper uses 1e-3).");
        if (!(OverestimatePenalty > 0) || double.IsInfinity(OverestimatePenalty))
            throw new ArgumentOutOfRangeException(nameof(OverestimatePenalty), OverestimatePenalty, "The overestimate penalty w must be finite and positive (1 = symmetric Huber).");
        if (!Enum.IsDefined(Grid))
            throw new ArgumentOutOfRangeException(nameof(Grid), Grid, "Use ParametricGrid.Paper or ParametricGrid.Coarse.");
        ArgumentOutOfRangeException.ThrowIfNegative(DropHighest);
        if (ExtraStart is { IsValid: false } start)
            throw new ArgumentOutOfRangeException(nameof(ExtraStart), start, "An extra start must have finite, positive coefficients.");
        if (FixedE is { } e && (!(e > 0) || double.IsInfinity(e)))
            throw new ArgumentOutOfRangeException(nameof(FixedE), e, "A fixed E must be finite and positive (it is a loss).");
        ArgumentNullException.ThrowIfNull(Bootstrap);
        ArgumentOutOfRangeException.ThrowIfNegative(Bootstrap.Resamples);
        if (Bootstrap.Level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(Bootstrap), Bootstrap.Level, "The interval level must lie strictly between 0 and 1.");
        if (!Enum.IsDefined(BootstrapStart))
            throw new ArgumentOutOfRangeException(nameof(BootstrapStart), BootstrapStart, "Use BootstrapStart.Warm or BootstrapStart.Grid.");
        if (!Enum.IsDefined(InvalidValues))
            throw new ArgumentOutOfRangeException(nameof(InvalidValues), InvalidValues, "Use InvalidValuePolicy.Reject or InvalidValuePolicy.Skip.");
        ArgumentOutOfRangeException.ThrowIfNegative(Threads);
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
        if (!(StartsAtBestTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(StartsAtBestTolerance), StartsAtBestTolerance, "The tolerance must be zero or positive.");
    }
}
