namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// The scratch memory of one <see cref="Lbfgs"/> run: gradient, direction, previous iterate and the m correction pairs.
/// Allocate one per thread and reuse it across runs, so that the minimiser allocates nothing. Not thread-safe.
/// </summary>
public sealed class LbfgsWorkspace
{
    internal readonly double[] Gradient, Direction, PreviousPoint, PreviousGradient, Rho, Alpha;
    internal readonly double[] S, Y; // m rows of n, row-major

    /// <summary>A workspace for n = <paramref name="dimension"/> variables and <paramref name="memory"/> correction pairs.</summary>
    public LbfgsWorkspace(int dimension, int memory = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memory);
        Dimension = dimension;
        Memory = memory;
        Gradient = new double[dimension];
        Direction = new double[dimension];
        PreviousPoint = new double[dimension];
        PreviousGradient = new double[dimension];
        Rho = new double[memory];
        Alpha = new double[memory];
        S = new double[memory * dimension];
        Y = new double[memory * dimension];
    }

    /// <summary>n, the number of variables this workspace serves.</summary>
    public int Dimension { get; }

    /// <summary>m, the number of correction pairs it can hold.</summary>
    public int Memory { get; }

    /// <summary>The gradient at the point the last run ended at (valid after <see cref="Lbfgs.MinimizeInPlace"/>).</summary>
    public ReadOnlySpan<double> FinalGradient => Gradient;
}
