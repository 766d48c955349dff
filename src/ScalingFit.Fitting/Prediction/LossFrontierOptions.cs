using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// Options of <see cref="LossFrontierFitter"/>. Immutable; change with <c>with { … }</c>.
/// </summary>
/// <param name="PinnedE">For the envelope and IsoFLOP approaches: fix the asymptote E of L*(C) = E + A·C^(−γ) instead of
/// fitting it (a free E fitted over one or two decades of C is often too low, i.e. too optimistic far out). Null (default):
/// fitted. The parametric frontier takes E from its law (use ParametricFitOptions.FixedE there).</param>
/// <param name="Bootstrap">The resampling behind the band: the same units as the approach's own bootstrap (whole curves,
/// runs within budgets, runs). Default: 1,000 resamples with replacement, 95% percentile intervals, seed 0.</param>
/// <param name="Valley">How an IsoFLOP budget's minimum is found (parabola or Akima spline in ln N).</param>
/// <param name="NoiseSigma">For the IsoFLOP approach: instead of resampling runs, add Gaussian noise of this σ to each loss
/// and recompute the minima (Porian et al. 2024's noise bootstrap). Null (default): resample runs. 0 or NaN is
/// rejected; use <see cref="EstimateNoise"/> to take σ from the valleys' residuals.</param>
/// <param name="EstimateNoise">With the noise bootstrap: estimate σ as the pooled residual standard deviation of the
/// budgets' valley fits (parabola) instead of taking <see cref="NoiseSigma"/>.</param>
/// <param name="Resampling">For the IsoFLOP approach without the noise bootstrap: how each budget's runs are resampled.
/// Default <see cref="BudgetResampling.Runs"/>; <see cref="BudgetResampling.Residuals"/> keeps the sizes as designed and
/// redraws the losses from the budgets' pooled modified residuals, whose band has the estimate's variance in every design
/// measured (README, "Coverage, measured").</param>
public sealed record LossFrontierOptions(
    double? PinnedE = null,
    BootstrapOptions? Bootstrap = null,
    ValleyMethod Valley = ValleyMethod.Parabola,
    double? NoiseSigma = null,
    bool EstimateNoise = false,
    BudgetResampling Resampling = BudgetResampling.Runs)
{
    /// <summary>E fitted, 1,000 resamples, 95% intervals, seed 0, parabola valleys, run resampling.</summary>
    public static LossFrontierOptions Default { get; } = new();

    /// <summary>
    /// The frontier options that match how <paramref name="fit"/> was made: its own bootstrap (resamples, level, seed,
    /// scheme) and, for an IsoFLOP fit, its valley method and noise bootstrap; E fitted. What <c>fit --json</c> stores and
    /// what <c>predict</c> uses by default, so both give the same numbers.
    /// </summary>
    /// <param name="fit">An envelope, IsoFLOP or parametric result.</param>
    public static LossFrontierOptions ForFit(IAllocationFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit switch
        {
            IsoFlopFitResult i => new LossFrontierOptions(null, i.Options.EffectiveBootstrap, i.Options.Valley, i.Options.NoiseSigma,
                i.Options.EstimateNoise && i.Options.NoiseSigma is null),
            EnvelopeFitResult e => new LossFrontierOptions(null, e.Options.EffectiveBootstrap),
            ParametricFitResult p => new LossFrontierOptions(null, p.Options.Bootstrap),
            _ => Default,
        };
    }

    /// <summary>The bootstrap in force (<see cref="BootstrapOptions.Default"/> when unset).</summary>
    public BootstrapOptions EffectiveBootstrap => Bootstrap ?? BootstrapOptions.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (PinnedE is { } e && (!(e >= 0) || !double.IsFinite(e)))
            throw new ArgumentOutOfRangeException(nameof(PinnedE), e, "A pinned E must be a finite loss ≥ 0.");
        if (NoiseSigma is { } s && (!(s > 0) || !double.IsFinite(s)))
            throw new ArgumentOutOfRangeException(nameof(NoiseSigma), s, "The noise σ must be finite and positive.");
        if (!Enum.IsDefined(Resampling))
            throw new ArgumentOutOfRangeException(nameof(Resampling), Resampling, "Use BudgetResampling.Residuals or BudgetResampling.Runs.");
        if (!Enum.IsDefined(Valley))
            throw new ArgumentOutOfRangeException(nameof(Valley), Valley, "Use ValleyMethod.Parabola or ValleyMethod.Akima.");
        var b = EffectiveBootstrap;
        if (b.Resamples < 0 || b.Level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(Bootstrap), "Resamples must be ≥ 0 and the level in (0, 1).");
    }
}
