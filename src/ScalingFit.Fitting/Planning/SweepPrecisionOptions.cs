namespace ScalingFit.Fitting;

/// <summary>Which fits a precision estimate runs on each simulated sweep.</summary>
[Flags]
public enum PlanApproaches
{
    /// <summary>Approach 2, IsoFLOP valleys (<see cref="IsoFlopFitter"/>).</summary>
    IsoFlop = 1,

    /// <summary>Approach 3, the parametric law (<see cref="ParametricFitter"/>).</summary>
    Parametric = 2,

    /// <summary>Both.</summary>
    Both = IsoFlop | Parametric,
}

/// <summary>
/// Options of <see cref="SweepPrecision.Estimate"/>. Immutable; change with <c>with { … }</c>.
/// <para>
/// Each trial's fits are the library's own, made cheap where it does not change the answer: the parametric fit starts
/// from the <see cref="ParametricGrid.Coarse"/> grid (108 starts) plus the prior law, not the paper's 4,500,
/// and each fit's interval comes from <see cref="BootstrapResamples"/> resamples, not 1,000. The median width and the
/// coverage are averages over many trials, so the Monte-Carlo error of a 200-resample percentile interval in one trial
/// mostly averages out; the benchmark <c>plan</c> measures both choices against the full settings.
/// </para>
/// </summary>
/// <param name="Trials">Simulated sweeps (default 200). Trial i draws from random stream i of <see cref="Seed"/>.</param>
/// <param name="NoiseSigma">σ of the multiplicative loss noise, L = L̂·exp(σ·z) (default 0.01, 1%).</param>
/// <param name="Seed">Seed of every draw (default 0).</param>
/// <param name="BootstrapResamples">Resamples behind each trial's interval (default 200).</param>
/// <param name="Level">Nominal coverage of the intervals (default 0.95).</param>
/// <param name="Approaches">Which fits to run (default both).</param>
/// <param name="Sensitivity">Also simulate truths whose N_opt is off the prior's (2×, ½×, and drifting from 1× to 2×
/// across the budgets) with the same grid and seeds (default true).</param>
/// <param name="Threads">Worker threads over trials (default 0: one per core). Results do not depend on it.</param>
/// <param name="ParametricGrid">The parametric fit's grid of starts, besides the prior law (default
/// <see cref="ParametricGrid.Coarse"/>; <see cref="ParametricGrid.Paper"/> is the paper's 4,500, about 40 times slower).</param>
public sealed record SweepPrecisionOptions(
    int Trials = 200,
    double NoiseSigma = 0.01,
    long Seed = 0,
    int BootstrapResamples = 200,
    double Level = 0.95,
    PlanApproaches Approaches = PlanApproaches.Both,
    bool Sensitivity = true,
    int Threads = 0,
    ParametricGrid ParametricGrid = ParametricGrid.Coarse)
{
    /// <summary>200 trials, 1% noise, seed 0, 200 resamples per interval, 95%, both approaches, with the sensitivity.</summary>
    public static SweepPrecisionOptions Default { get; } = new();

    /// <summary>The worker count actually used.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Throws <see cref="PlanningException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Trials < 2)
            throw new PlanningException($"Trials = {Trials}: a standard deviation needs at least 2 simulated sweeps; 200 is the default.");
        if (!(NoiseSigma >= 0) || double.IsInfinity(NoiseSigma))
            throw new PlanningException($"NoiseSigma = {NoiseSigma}: give σ ≥ 0, e.g. 0.01 for 1% loss noise.");
        if (BootstrapResamples < 20)
            throw new PlanningException($"BootstrapResamples = {BootstrapResamples}: a 95% percentile interval needs at least 20 resamples; 200 is the default.");
        if (Level is <= 0 or >= 1)
            throw new PlanningException($"Level = {Level}: the interval level lies strictly between 0 and 1.");
        if ((Approaches & PlanApproaches.Both) == 0)
            throw new PlanningException("Approaches: choose IsoFlop, Parametric or both.");
        if (Threads < 0)
            throw new PlanningException($"Threads = {Threads}: give 0 (one per core) or a positive count.");
    }
}
