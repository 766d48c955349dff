using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>
/// The short path: one call per Chinchilla approach (Hoffmann et al. 2022, Table 2) with the paper's defaults and
/// 95% percentile bootstrap intervals. For every option, progress and cancellation use the full fitters:
/// <see cref="EnvelopeFitter"/>, <see cref="IsoFlopFitter"/> and <see cref="ParametricFitter"/>.
/// </summary>
public static class ScalingLaws
{
    /// <summary>Approach 1: the envelope of training curves (<see cref="RunSet.Curves"/>), intervals from resampling whole curves.</summary>
    /// <param name="runs">Data with training curves.</param>
    /// <param name="bootstrap">Bootstrap resamples (0: no intervals).</param>
    /// <param name="seed">Seed of the resamples.</param>
    public static EnvelopeFitResult FitEnvelope(RunSet runs, int bootstrap = 1000, long seed = 0) =>
        EnvelopeFitter.Fit(runs, EnvelopeFitOptions.Default with { Bootstrap = Resampling(bootstrap, seed) });

    /// <summary>Approach 2: IsoFLOP valleys, one parabola in ln N per FLOP budget, intervals from resampling runs within budgets.</summary>
    /// <param name="runs">Final-loss runs at several FLOP budgets (a budget column, or grouped automatically).</param>
    /// <param name="bootstrap">Bootstrap resamples (0: no intervals).</param>
    /// <param name="seed">Seed of the resamples.</param>
    public static IsoFlopFitResult FitIsoFlop(RunSet runs, int bootstrap = 1000, long seed = 0) =>
        IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Bootstrap = Resampling(bootstrap, seed) });

    /// <summary>
    /// Approach 3: L̂(N, D) = E + A/N^α + B/D^β fitted with the Huber loss (δ = 10⁻³) on ln L from the paper's 4,500
    /// L-BFGS starts; intervals from warm-started refits on resampled runs (1,000 by default, like the other approaches).
    /// </summary>
    /// <param name="runs">Final-loss runs.</param>
    /// <param name="dropHighest">Drop the runs with this many highest losses first (Besiroglu et al. 2024 dropped 5).</param>
    /// <param name="bootstrap">Bootstrap resamples (0: no intervals).</param>
    /// <param name="seed">Seed of the resamples.</param>
    public static ParametricFitResult FitParametric(RunSet runs, int dropHighest = 0, int bootstrap = 1000, long seed = 0) =>
        ParametricFitter.Fit(runs, ParametricFitOptions.Default with { DropHighest = dropHighest, Bootstrap = Resampling(bootstrap, seed) });

    /// <summary>
    /// Fits every approach the data supports (Hoffmann et al. 2022, Table 2): the envelope when the data has training
    /// curves, IsoFLOP profiles and the parametric law when it has at least 6 runs. An approach the data cannot support,
    /// or whose fit fails (an error diagnostic), is listed in <see cref="FitAllResult.Skipped"/> with the reason; nothing
    /// throws for data problems.
    /// </summary>
    /// <param name="runs">The data (final losses, and training curves when there are several checkpoints per run).</param>
    /// <param name="options">Which approaches and their options; <see cref="FitAllOptions.Default"/> when null
    /// (1,000 bootstrap resamples and 95% intervals for every approach).</param>
    /// <param name="progress">Receives every fitter's <see cref="FitProgress"/>.</param>
    /// <param name="cancellationToken">Stops the fits; throws <see cref="OperationCanceledException"/>.</param>
    public static FitAllResult FitAll(RunSet runs, FitAllOptions? options = null, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        FitAllRunner.Run(runs, options ?? FitAllOptions.Default, progress, cancellationToken);

    /// <summary>
    /// The compute-optimal loss frontier L*(C) with its bootstrap band of every fit in <paramref name="results"/>
    /// (<see cref="LossFrontierFitter.Fit"/>), in the order of <see cref="FitAllResult.Fits"/>: one <see cref="LossFrontier"/>
    /// per fit, a frontier that could not be fitted as a result with <see cref="LossFrontier.Succeeded"/> false and the
    /// reason in its diagnostics, never an exception. The parametric frontier reuses the fit's own bootstrap refits.
    /// </summary>
    /// <param name="results">Fits and the runs they were made from (<see cref="FitAll"/>).</param>
    /// <param name="options">Options for every frontier; when null, each fit's own (<see cref="LossFrontierOptions.ForFit"/>:
    /// its bootstrap, seed and level, and an IsoFLOP fit's valley method), which is what <c>predict</c> uses by default.</param>
    /// <param name="progress">Receives the frontier bootstraps' progress (<see cref="FitStage.Bootstrap"/>).</param>
    /// <param name="cancellationToken">Stops the bootstraps; throws <see cref="OperationCanceledException"/>.</param>
    public static IReadOnlyList<LossFrontier> LossFrontiers(FitAllResult results, LossFrontierOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var frontiers = new List<LossFrontier>(results.Fits.Count);
        foreach (var fit in results.Fits)
            frontiers.Add(LossFrontierFitter.Fit(fit, results.Runs, options ?? LossFrontierOptions.ForFit(fit), progress, cancellationToken));
        return frontiers;
    }

    private static BootstrapOptions Resampling(int resamples, long seed) =>
        resamples > 0 ? BootstrapOptions.Default with { Resamples = resamples, Seed = seed } : BootstrapOptions.None;
}
