namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// Why <see cref="Lbfgs"/> stopped. The first two mean the tolerances in <see cref="LbfgsOptions"/> were met;
/// the others mean they were not, and say why. Stopping is always a result, never an exception.
/// </summary>
public enum Termination
{
    /// <summary>Converged: the largest absolute gradient component fell to <see cref="LbfgsOptions.GradientTolerance"/> or below.</summary>
    GradientTolerance,

    /// <summary>Converged: an iteration lowered f by at most <see cref="LbfgsOptions.FunctionTolerance"/>·max(|f_k|, |f_k+1|, 1) (scipy's <c>ftol</c> rule).</summary>
    FunctionTolerance,

    /// <summary>Not converged: <see cref="LbfgsOptions.MaxIterations"/> iterations were spent.</summary>
    MaxIterations,

    /// <summary>Not converged: <see cref="LbfgsOptions.MaxEvaluations"/> evaluations of f and its gradient were spent.</summary>
    MaxEvaluations,

    /// <summary>
    /// The line search found no acceptable step along steepest descent, even after discarding the curvature memory;
    /// the point returned is the last accepted iterate. With tight tolerances this usually means f cannot be lowered
    /// further in double precision (scipy reports <c>ABNORMAL_TERMINATION_IN_LNSRCH</c>).
    /// </summary>
    LineSearchFailed,

    /// <summary>f or its gradient was NaN or infinite at the starting point; nothing was done.</summary>
    NonFiniteValue,
}

/// <summary>Extensions of <see cref="Termination"/>.</summary>
public static class TerminationExtensions
{
    /// <summary>True for <see cref="Termination.GradientTolerance"/> and <see cref="Termination.FunctionTolerance"/>.</summary>
    public static bool IsConverged(this Termination termination) =>
        termination is Termination.GradientTolerance or Termination.FunctionTolerance;

    /// <summary>True when a budget ran out: <see cref="Termination.MaxIterations"/> or <see cref="Termination.MaxEvaluations"/>.</summary>
    public static bool IsLimitReached(this Termination termination) =>
        termination is Termination.MaxIterations or Termination.MaxEvaluations;

    /// <summary>A short lower-case phrase for reports.</summary>
    public static string Describe(this Termination termination) => termination switch
    {
        Termination.GradientTolerance => "gradient tolerance met",
        Termination.FunctionTolerance => "function tolerance met",
        Termination.MaxIterations => "iteration limit reached",
        Termination.MaxEvaluations => "evaluation limit reached",
        Termination.LineSearchFailed => "line search could not lower f (precision limit)",
        Termination.NonFiniteValue => "non-finite value at the start",
        _ => termination.ToString(),
    };
}
