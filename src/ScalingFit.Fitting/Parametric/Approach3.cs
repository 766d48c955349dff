using ScalingFit.Core.Domain;
using ScalingFit.Core.Statistics;

namespace ScalingFit.Fitting.Parametric;

/// <summary>
/// The short path to Hoffmann et al. 2022's Approach 3: L̂(N, D) = E + A/N^α + B/D^β fitted with the Huber loss
/// (δ = 10⁻³) on ln L from the paper's 4,500 L-BFGS starts. For every option (grid, δ, fixed E, tied exponents,
/// warm or grid bootstrap, threads, tolerances), progress, cancellation and replayed resamples use <see cref="ParametricFitter"/>.
/// </summary>
public static class Approach3
{
    /// <summary>
    /// Fits the parametric law; with <paramref name="bootstrap"/> &gt; 0 adds 95% percentile intervals from that many
    /// warm-started refits on resamples of the runs drawn with <paramref name="seed"/>.
    /// </summary>
    /// <param name="runs">Final-loss runs.</param>
    /// <param name="dropHighest">Drop the runs with this many highest losses first (Besiroglu et al. 2024 dropped 5).</param>
    /// <param name="bootstrap">Bootstrap resamples (0: no intervals).</param>
    /// <param name="seed">Seed of the resamples.</param>
    public static ParametricFitResult Fit(RunSet runs, int dropHighest = 0, int bootstrap = 0, long seed = 0) =>
        ParametricFitter.Fit(runs, ParametricFitOptions.Default with
        {
            DropHighest = dropHighest,
            Bootstrap = bootstrap > 0 ? BootstrapOptions.Default with { Resamples = bootstrap, Seed = seed } : BootstrapOptions.None,
        });
}
