namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// Settings of <see cref="Lbfgs"/>. The defaults mirror the tight settings the Python reference passes to scipy's
/// L-BFGS-B (<c>ftol=1e-15, gtol=1e-12</c>, memory 10, at most 15,000 iterations and evaluations) and
/// the line-search constants of L-BFGS-B 3.0 (Byrd, Lu, Nocedal and Zhu 1995; Morales and Nocedal 2011):
/// sufficient decrease 1e-3, curvature 0.9, interval tolerance 0.1, at most 20 trial steps per line search.
/// </summary>
/// <param name="Memory">m, the number of (s, y) correction pairs kept (default 10).</param>
/// <param name="GradientTolerance">Stop when max_i |∂f/∂x_i| ≤ this (absolute; default 1e-12).</param>
/// <param name="FunctionTolerance">Stop when f_k − f_k+1 ≤ this·max(|f_k|, |f_k+1|, 1) (default 1e-15).</param>
/// <param name="MaxIterations">Stop after this many iterations (default 15,000).</param>
/// <param name="MaxEvaluations">Stop after this many evaluations of f and ∇f (default 15,000).</param>
/// <param name="SufficientDecrease">c₁ of the Wolfe condition f(x + t·d) ≤ f(x) + c₁·t·∇fᵀd (default 1e-3).</param>
/// <param name="Curvature">c₂ of the strong Wolfe condition |∇f(x + t·d)ᵀd| ≤ c₂·|∇fᵀd| (default 0.9).</param>
/// <param name="StepTolerance">More–Thuente's relative tolerance on the width of the bracketing interval (default 0.1).</param>
/// <param name="MaxLineSearchEvaluations">Trial steps per line search before it counts as failed (default 20).</param>
public sealed record LbfgsOptions(
    int Memory = 10,
    double GradientTolerance = 1e-12,
    double FunctionTolerance = 1e-15,
    int MaxIterations = 15_000,
    int MaxEvaluations = 15_000,
    double SufficientDecrease = 1e-3,
    double Curvature = 0.9,
    double StepTolerance = 0.1,
    int MaxLineSearchEvaluations = 20)
{
    /// <summary>The defaults listed on the record.</summary>
    public static LbfgsOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Memory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEvaluations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLineSearchEvaluations);
        if (!(GradientTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "The gradient tolerance must be zero or positive.");
        if (!(FunctionTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(FunctionTolerance), FunctionTolerance, "The function tolerance must be zero or positive.");
        if (!(SufficientDecrease > 0 && SufficientDecrease < Curvature && Curvature < 1))
            throw new ArgumentOutOfRangeException(nameof(Curvature), Curvature, "The Wolfe constants need 0 < SufficientDecrease < Curvature < 1.");
        if (!(StepTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(StepTolerance), StepTolerance, "The step tolerance must be zero or positive.");
    }
}
