using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// What the approaches that end in the shared regression (Approaches 1 and 2, Hoffmann et al. 2022 §3.1–3.2) have in
/// common: the fitted N_opt = k_N·C^a and D_opt = k_D·C^b (<see cref="PowerLawRegression"/>), and the bootstrap whose
/// resamples give their bands. <see cref="EnvelopeFitResult"/> and <see cref="IsoFlopFitResult"/>
/// derive from it; the parametric law (Approach 3) has its own frontier.
/// </summary>
/// <param name="ParameterFit">The regression of N_opt on C (null when nothing was fitted).</param>
/// <param name="TokenFit">The regression of D_opt on C (null when nothing was fitted).</param>
/// <param name="Bootstrap">The bootstrap behind the intervals (a, b, ln k_N, ln k_D per resample), or null when none was run.</param>
public abstract record PowerLawFrontierFit(PowerLawFit? ParameterFit, PowerLawFit? TokenFit, BootstrapResult? Bootstrap)
{
    /// <summary>N_opt(C) = k_N·C^a from <see cref="ParameterFit"/>; NaN when the fit failed.</summary>
    public double OptimalParameterCount(double flops) => ParameterFit?.Predict(flops) ?? double.NaN;

    /// <summary>D_opt(C) = k_D·C^b from <see cref="TokenFit"/>; NaN when the fit failed.</summary>
    public double OptimalTokenCount(double flops) => TokenFit?.Predict(flops) ?? double.NaN;

    /// <summary>N_opt(C) and D_opt(C) with pointwise bands from every resample's regressions (ln k_N + a·ln C, ln k_D + b·ln C).</summary>
    public FrontierPoint OptimalAllocation(double flops) => PowerLawFrontier.At(flops, ParameterFit, TokenFit, Bootstrap);
}
