namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// A smooth function f: ℝⁿ → ℝ that returns its value and writes its gradient ∇f in one pass,
/// as <see cref="Lbfgs"/> needs. Implementations should not allocate: the minimiser calls this in its inner loop.
/// </summary>
public interface IDifferentiableFunction
{
    /// <summary>n, the number of variables.</summary>
    int Dimension { get; }

    /// <summary>Returns f(<paramref name="x"/>) and writes ∇f(<paramref name="x"/>) into <paramref name="gradient"/> (length n).</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}

/// <summary>Adapts a delegate to <see cref="IDifferentiableFunction"/> (for tests and one-off problems).</summary>
public sealed class DelegateFunction : IDifferentiableFunction
{
    /// <summary>Computes f(x) and writes ∇f(x).</summary>
    public delegate double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);

    private readonly ValueAndGradient _evaluate;

    /// <summary>Wraps <paramref name="evaluate"/> as an n-variable function.</summary>
    public DelegateFunction(int dimension, ValueAndGradient evaluate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        _evaluate = evaluate ?? throw new ArgumentNullException(nameof(evaluate));
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient) => _evaluate(x, gradient);
}
