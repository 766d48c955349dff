namespace ScalingFit.Plotting;

/// <summary>A published compute-optimal allocation: a model size and the budget that makes it compute-optimal.</summary>
/// <param name="ParameterCount">N.</param>
/// <param name="Flops">C.</param>
/// <param name="TokenCount">D, when published (null otherwise).</param>
public sealed record ReferencePoint(double ParameterCount, double Flops, double? TokenCount = null);

/// <summary>A named model drawn as a star on the frontier plot, e.g. Chinchilla (70B parameters, 5.76e23 FLOPs).</summary>
/// <param name="Name">The label, e.g. <c>Chinchilla</c>.</param>
/// <param name="ParameterCount">N.</param>
/// <param name="Flops">Its training compute C.</param>
public sealed record Landmark(string Name, double ParameterCount, double Flops);

/// <summary>
/// Kaplan et al. (2020)'s compute-optimal frontier, N_opt = <see cref="Coefficient"/>·(C / <see cref="FlopsPerUnit"/>)^<see cref="Exponent"/>:
/// their fit is N_opt ≈ 1.3e9·C_min^0.73 with C_min in PF-days (1 PF-day = 10^15 × 86,400 = 8.64e19 FLOPs). Their N counts
/// non-embedding parameters, so the line is only roughly comparable with Chinchilla's N.
/// </summary>
/// <param name="Coefficient">N_opt at one unit of compute. Default 1.3e9.</param>
/// <param name="Exponent">a in N_opt ∝ C^a. Default 0.73.</param>
/// <param name="FlopsPerUnit">FLOPs in one unit of compute. Default 8.64e19 (one PF-day).</param>
public sealed record KaplanFrontier(double Coefficient = 1.3e9, double Exponent = 0.73, double FlopsPerUnit = 8.64e19)
{
    /// <summary>Kaplan et al. (2020): 1.3e9·(C / 8.64e19)^0.73.</summary>
    public static KaplanFrontier Paper { get; } = new();

    /// <summary>N_opt at <paramref name="flops"/>.</summary>
    public double ParameterCount(double flops) => Coefficient * Math.Pow(flops / FlopsPerUnit, Exponent);
}

/// <summary>
/// Published numbers the frontier plot (Hoffmann et al. 2022, Figure 1) draws beside the fits: the paper's Approach-1
/// projections (Table 3), Kaplan et al. (2020)'s frontier and named models. The caller supplies them (the CLI reads them
/// from its published-figures file); <see cref="Paper"/> holds the published values.
/// </summary>
/// <param name="Projections">Published projections (N, C), drawn as diamonds; empty for none.</param>
/// <param name="Kaplan">Kaplan et al.'s frontier, drawn as a dashed line; null for none.</param>
/// <param name="Landmarks">Named models, drawn as labelled stars; empty for none.</param>
public sealed record FrontierReferences(
    IReadOnlyList<ReferencePoint> Projections,
    KaplanFrontier? Kaplan,
    IReadOnlyList<Landmark> Landmarks)
{
    /// <summary>The legend text of <see cref="Projections"/>. Default "Hoffmann et al. (2022), Table 3".</summary>
    public string ProjectionsLabel { get; init; } = "Hoffmann et al. (2022), Table 3";

    /// <summary>The legend text of <see cref="Kaplan"/>. Default "Kaplan et al. (2020)".</summary>
    public string KaplanLabel { get; init; } = "Kaplan et al. (2020)";

    /// <summary>No references.</summary>
    public static FrontierReferences None { get; } = new([], null, []);

    /// <summary>
    /// The published values: Hoffmann et al. 2022, Table 3 (Approach 1: 400M → 1.92e19 FLOPs, 1B → 1.21e20, 10B → 1.23e22,
    /// 67B → 5.76e23, 175B → 3.85e24, 280B → 9.9e24, 520B → 3.43e25, 1T → 1.27e26, 10T → 1.3e28, with their tokens);
    /// <see cref="KaplanFrontier.Paper"/>; Chinchilla (70B, 5.76e23), Gopher (280B, 5.76e23) and GPT-3 (175B, 3.14e23).
    /// </summary>
    public static FrontierReferences Paper { get; } = new(
        [
            new(4.0e8, 1.92e19, 8.0e9),
            new(1.0e9, 1.21e20, 20.2e9),
            new(1.0e10, 1.23e22, 205.1e9),
            new(6.7e10, 5.76e23, 1.5e12),
            new(1.75e11, 3.85e24, 3.7e12),
            new(2.8e11, 9.90e24, 5.9e12),
            new(5.2e11, 3.43e25, 11.0e12),
            new(1.0e12, 1.27e26, 21.2e12),
            new(1.0e13, 1.30e28, 216.2e12),
        ],
        KaplanFrontier.Paper,
        [
            new("Chinchilla", 7.0e10, 5.76e23),
            new("Gopher", 2.8e11, 5.76e23),
            new("GPT-3", 1.75e11, 3.14e23),
        ]);
}
