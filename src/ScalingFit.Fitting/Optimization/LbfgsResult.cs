namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// The outcome of one <see cref="Lbfgs"/> run, without the point (which <see cref="Lbfgs.MinimizeInPlace"/> leaves in the caller's span).
/// </summary>
/// <param name="Value">f at the final point.</param>
/// <param name="GradientNorm">max_i |∂f/∂x_i| at the final point.</param>
/// <param name="Iterations">Accepted iterations.</param>
/// <param name="Evaluations">Evaluations of f and ∇f, including the one at the start.</param>
/// <param name="Termination">Why it stopped.</param>
public readonly record struct LbfgsSummary(double Value, double GradientNorm, int Iterations, int Evaluations, Termination Termination)
{
    /// <summary>True when a tolerance was met (<see cref="TerminationExtensions.IsConverged"/>).</summary>
    public bool Converged => Termination.IsConverged();
}

/// <summary>The outcome of one <see cref="Lbfgs"/> run.</summary>
/// <param name="Point">The final point x (the best iterate).</param>
/// <param name="Value">f(x).</param>
/// <param name="GradientNorm">max_i |∂f/∂x_i| at x.</param>
/// <param name="Iterations">Accepted iterations.</param>
/// <param name="Evaluations">Evaluations of f and ∇f, including the one at the start.</param>
/// <param name="Termination">Why it stopped.</param>
public sealed record LbfgsResult(double[] Point, double Value, double GradientNorm, int Iterations, int Evaluations, Termination Termination)
{
    /// <summary>True when a tolerance was met (<see cref="TerminationExtensions.IsConverged"/>).</summary>
    public bool Converged => Termination.IsConverged();
}
