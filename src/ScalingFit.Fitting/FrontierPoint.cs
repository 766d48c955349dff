using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The compute-optimal allocation a fit projects for one FLOP budget, with bootstrap bands: N_opt(C) and D_opt(C),
/// each with the percentile interval of the same quantity over the bootstrap resamples (pointwise in C).
/// </summary>
/// <param name="Flops">C.</param>
/// <param name="ParameterCount">N_opt(C), with its band when a bootstrap was run.</param>
/// <param name="TokenCount">D_opt(C), with its band when a bootstrap was run.</param>
public sealed record FrontierPoint(double Flops, Estimate ParameterCount, Estimate TokenCount);
