namespace ScalingFit.Fitting;

/// <summary>
/// One point of the training-curve envelope (Hoffmann et al. 2022, §3.1, Figure 2): at FLOPs C the run of
/// <see cref="ParameterCount"/> parameters reached the least loss, so N_opt(C) ≈ N and D_opt(C) ≈ C/(kN).
/// </summary>
/// <param name="Flops">C.</param>
/// <param name="ParameterCount">N of the winning run.</param>
/// <param name="TokenCount">D = C/(kN), the winning run's tokens at C.</param>
/// <param name="Loss">The winning (smoothed, interpolated) loss.</param>
/// <param name="RunId">The winning run.</param>
/// <param name="Used">True when the point entered the regressions of N_opt ∝ C^a and D_opt ∝ C^b.</param>
/// <param name="ExclusionReason">Why the point was left out (e.g. the smallest model size wins), or null when used.</param>
public sealed record EnvelopePoint(
    double Flops,
    double ParameterCount,
    double TokenCount,
    double Loss,
    string RunId,
    bool Used,
    string? ExclusionReason);
