namespace ScalingFit.Fitting;

/// <summary>Inverting a fitted frontier N_opt(C): which budget makes a given model size compute-optimal.</summary>
public static class FrontierInversion
{
    /// <summary>
    /// The FLOP budget C at which <paramref name="fit"/> projects N_opt(C) = <paramref name="parameterCount"/>.
    /// Every approach's N_opt(C) is a power law in C (increasing when a &gt; 0), so C follows from two evaluations:
    /// N_opt = k·C^a ⇒ C = (N / k)^(1/a). Returns NaN when the fit has no finite, positive exponent.
    /// </summary>
    public static double FlopsForParameterCount(IAllocationFit fit, double parameterCount)
    {
        double a = fit.ExponentA.Value;
        if (!(a > 0) || !double.IsFinite(a))
            return double.NaN;
        const double c0 = 1e21;
        double n0 = fit.OptimalParameterCount(c0);
        if (!(n0 > 0) || !double.IsFinite(n0))
            return double.NaN;
        return c0 * Math.Pow(parameterCount / n0, 1 / a);
    }
}
