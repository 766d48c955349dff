using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// A compute-optimal frontier: the least loss L*(C) a budget C buys and the model size N_opt(C) that buys it. One
/// implementation per kind of fit, so predictions, backtests and comparisons treat the three approaches alike.
/// </summary>
public abstract record FrontierCurve
{
    /// <summary>L*(C), the compute-optimal loss at FLOP budget C.</summary>
    public abstract double Loss(double flops);

    /// <summary>N_opt(C), the compute-optimal parameter count at FLOP budget C.</summary>
    public abstract double OptimalParameterCount(double flops);

    /// <summary>The loss the frontier approaches as C → ∞ (E).</summary>
    public abstract double Asymptote { get; }

    /// <summary>
    /// The least compute whose frontier loss is <paramref name="loss"/>: bisection on ln C over [10^0, 10^60]
    /// (L*(C) falls monotonically in C); NaN when the loss is at or below the asymptote or above L*(1).
    /// </summary>
    public virtual double FlopsForLoss(double loss)
    {
        if (!(loss > Asymptote) || !double.IsFinite(loss))
            return double.NaN;
        double lo = 0, hi = Math.Log(1e60);
        if (Loss(Math.Exp(hi)) > loss || Loss(Math.Exp(lo)) < loss)
            return double.NaN;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Loss(Math.Exp(mid)) > loss)
                lo = mid;
            else
                hi = mid;
        }
        return Math.Exp(0.5 * (lo + hi));
    }
}

/// <summary>
/// The frontier of a parametric law (Hoffmann et al. 2022, Approach 3): L*(C) = L̂(N_opt(C), D_opt(C)) with
/// N_opt = G·(C/k)^a, D_opt = G⁻¹·(C/k)^b (Appendix D.2).
/// </summary>
/// <param name="Law">The law L̂(N, D) = E + A/N^α + B/D^β.</param>
/// <param name="Rule">C = k·N·D.</param>
public sealed record LawFrontierCurve(ParametricLaw Law, FlopRule Rule) : FrontierCurve
{
    /// <inheritdoc />
    public override double Loss(double flops) => Law.ForBudget(flops, Rule).Loss;

    /// <inheritdoc />
    public override double OptimalParameterCount(double flops) => Law.OptimalParameterCount(flops, Rule);

    /// <inheritdoc />
    public override double Asymptote => Law.E;

    /// <summary>L̂(N, D) at any allocation, on or off the frontier.</summary>
    public double LossAt(double parameterCount, double tokenCount) => Law.Loss(parameterCount, tokenCount);
}

/// <summary>
/// A frontier fitted to frontier points (the envelope's least losses, or the IsoFLOP budgets' minima):
/// L*(C) = E + A·C^(−γ) (<see cref="SaturatingPowerLaw"/>) and N_opt(C) = k_N·C^a (the approach's own regression).
/// </summary>
/// <param name="LossLaw">L*(C).</param>
/// <param name="LnParameterCoefficient">ln k_N.</param>
/// <param name="ParameterExponent">a.</param>
public sealed record FittedFrontierCurve(SaturatingPowerLaw LossLaw, double LnParameterCoefficient, double ParameterExponent) : FrontierCurve
{
    /// <inheritdoc />
    public override double Loss(double flops) => LossLaw.Loss(flops);

    /// <inheritdoc />
    public override double OptimalParameterCount(double flops) => Math.Exp(LnParameterCoefficient + ParameterExponent * Math.Log(flops));

    /// <inheritdoc />
    public override double Asymptote => LossLaw.E;

    /// <inheritdoc />
    public override double FlopsForLoss(double loss) => LossLaw.FlopsForLoss(loss);
}
