using ScalingFit.Core;

namespace ScalingFit.Core;

/// <summary>
/// The parametric loss law of Hoffmann et al. 2022 (eq. 2, Approach 3): L̂(N, D) = E + A / N^α + B / D^β,
/// with E the irreducible loss, A/N^α the model-size term and B/D^β the data term.
/// Under the constraint C = k·N·D its minimiser is N_opt(C) = G·(C/k)^a and D_opt(C) = G⁻¹·(C/k)^b with
/// a = β/(α+β), b = α/(α+β) and G = (αA / (βB))^(1/(α+β)) (Hoffmann et al. 2022, Appendix D.2).
/// </summary>
/// <param name="E">Irreducible loss.</param>
/// <param name="A">Model-size coefficient.</param>
/// <param name="B">Data coefficient.</param>
/// <param name="Alpha">Model-size exponent α.</param>
/// <param name="Beta">Data exponent β.</param>
public sealed record ParametricLaw(double E, double A, double B, double Alpha, double Beta)
{
    /// <summary>The paper's fit: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28 (Hoffmann et al. 2022, eq. 10).</summary>
    public static ParametricLaw Paper { get; } = new(1.69, 406.4, 410.7, 0.34, 0.28);

    /// <summary>Epoch AI's refit on the Figure-4 data (Besiroglu et al. 2024): E = 1.8172, A = 477.8, B = 2143.9, α = 0.3473, β = 0.3672.</summary>
    public static ParametricLaw EpochReplication { get; } = new(1.8172, 477.8, 2143.9, 0.3473, 0.3672);

    /// <summary>L̂(N, D) = E + A/N^α + B/D^β.</summary>
    public double Loss(double parameterCount, double tokenCount) =>
        E + A / Math.Pow(parameterCount, Alpha) + B / Math.Pow(tokenCount, Beta);

    /// <summary>a = β/(α+β), the exponent of N_opt ∝ C^a.</summary>
    public double ExponentA => Beta / (Alpha + Beta);

    /// <summary>The law as people write it, invariant culture (<see cref="Numbers"/>): <c>L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28</c>.</summary>
    public string Formula() =>
        $"L = {Numbers.Format(E, "G4")} + {Numbers.Format(A, "G5")}/N^{Numbers.Format(Alpha, "G4")} + {Numbers.Format(B, "G5")}/D^{Numbers.Format(Beta, "G4")}";

    /// <summary>b = α/(α+β), the exponent of D_opt ∝ C^b.</summary>
    public double ExponentB => Alpha / (Alpha + Beta);

    /// <summary>G = (αA / (βB))^(1/(α+β)).</summary>
    public double G => Math.Pow(Alpha * A / (Beta * B), 1 / (Alpha + Beta));

    /// <summary>True when every coefficient is finite and positive, so the allocation formulas apply.</summary>
    public bool IsValid => new[] { E, A, B, Alpha, Beta }.All(v => double.IsFinite(v) && v > 0) ;

    /// <summary>N_opt(C) = G·(C/k)^a.</summary>
    public double OptimalParameterCount(double flops, FlopRule? rule = null) =>
        G * Math.Pow(flops / (rule ?? FlopRule.Default).Factor, ExponentA);

    /// <summary>D_opt(C) = G⁻¹·(C/k)^b.</summary>
    public double OptimalTokenCount(double flops, FlopRule? rule = null) =>
        Math.Pow(flops / (rule ?? FlopRule.Default).Factor, ExponentB) / G;

    /// <summary>The compute-optimal allocation for a FLOP budget C.</summary>
    public Allocation ForBudget(double flops, FlopRule? rule = null)
    {
        double n = OptimalParameterCount(flops, rule), d = OptimalTokenCount(flops, rule);
        return new Allocation(flops, n, d, Loss(n, d));
    }

    /// <summary>The allocation for which N is compute-optimal: C = k·(N/G)^(1/a), D = D_opt(C).</summary>
    public Allocation ForParameterCount(double parameterCount, FlopRule? rule = null)
    {
        var k = (rule ?? FlopRule.Default).Factor;
        double flops = k * Math.Pow(parameterCount / G, 1 / ExponentA);
        return ForBudget(flops, rule);
    }

    /// <summary>
    /// The least compute that reaches <paramref name="loss"/>, found by bisection on ln C along the efficient frontier
    /// (the frontier loss falls monotonically in C). Returns null when the loss is at or below E (unreachable).
    /// </summary>
    public Allocation? ForLoss(double loss, FlopRule? rule = null)
    {
        if (!(loss > E))
            return null;
        double lo = Math.Log(1e-6), hi = Math.Log(1e60);
        if (ForBudget(Math.Exp(hi), rule).Loss > loss)
            return null;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (ForBudget(Math.Exp(mid), rule).Loss > loss) lo = mid; else hi = mid;
        }
        return ForBudget(Math.Exp(hi), rule);
    }
}

/// <summary>A compute allocation: a FLOP budget split into parameters and tokens, and the loss it predicts.</summary>
/// <param name="Flops">C.</param>
/// <param name="ParameterCount">N.</param>
/// <param name="TokenCount">D.</param>
/// <param name="Loss">Predicted loss at (N, D), when a loss law is known (NaN otherwise).</param>
public sealed record Allocation(double Flops, double ParameterCount, double TokenCount, double Loss)
{
    /// <summary>D / N.</summary>
    public double TokensPerParameter => TokenCount / ParameterCount;
}
