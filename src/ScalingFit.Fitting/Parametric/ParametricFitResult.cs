using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>How the multi-start L-BFGS fit to the full data went.</summary>
/// <param name="Grid">The grid the starts came from.</param>
/// <param name="Starts">How many starts ran.</param>
/// <param name="BestStart">The index of the best start in grid order (−1 when none gave a finite objective).</param>
/// <param name="Best">How the best start ended: objective, gradient max-norm, iterations, evaluations, termination.</param>
/// <param name="StartsAtBest">Starts whose objective ended within <paramref name="StartsAtBestTolerance"/> of the best.</param>
/// <param name="StartsAtBestTolerance">The tolerance of <paramref name="StartsAtBest"/>.</param>
/// <param name="FailedStarts">Starts whose objective was not finite at the starting point (nothing could be done from there).</param>
/// <param name="LimitStarts">Starts that stopped at the iteration or evaluation limit before converging.</param>
/// <param name="Terminations">How many starts ended for each reason.</param>
/// <param name="TotalIterations">L-BFGS iterations over all starts.</param>
/// <param name="TotalEvaluations">Evaluations of the objective and its gradient over all starts.</param>
public sealed record ParametricConvergence(
    ParametricGrid Grid,
    int Starts,
    int BestStart,
    LbfgsSummary Best,
    int StartsAtBest,
    double StartsAtBestTolerance,
    int FailedStarts,
    int LimitStarts,
    IReadOnlyDictionary<Termination, int> Terminations,
    long TotalIterations,
    long TotalEvaluations);

/// <summary>How the bootstrap refits went.</summary>
/// <param name="Start">Warm (from the full-data optimum) or the whole grid per resample.</param>
/// <param name="Refits">How many refits ran.</param>
/// <param name="LimitRefits">Refits whose (best) L-BFGS run stopped at the iteration or evaluation limit; their estimates are kept.</param>
/// <param name="Terminations">How many refits ended for each reason (for grid refits: the best start's reason).</param>
/// <param name="TotalEvaluations">Evaluations of the objective and its gradient over all refits.</param>
public sealed record ParametricBootstrapConvergence(
    BootstrapStart Start,
    int Refits,
    int LimitRefits,
    IReadOnlyDictionary<Termination, int> Terminations,
    long TotalEvaluations);

/// <summary>One point of the compute-efficient frontier: the allocation the law implies for a FLOP budget, with bootstrap intervals.</summary>
/// <param name="Flops">C.</param>
/// <param name="ParameterCount">N_opt(C) = G·(C/k)^a.</param>
/// <param name="TokenCount">D_opt(C) = G⁻¹·(C/k)^b.</param>
/// <param name="Loss">L̂(N_opt, D_opt).</param>
public sealed record ParametricFrontierPoint(double Flops, Estimate ParameterCount, Estimate TokenCount, Estimate Loss);

/// <summary>
/// The result of Hoffmann et al. 2022's Approach 3: the law L̂(N, D) = E + A/N^α + B/D^β fitted by minimising
/// Σ Huber_δ(ln L̂ − ln L) with L-BFGS from a grid of starts, the allocation exponents a = β/(α+β), b = α/(α+β) and
/// G = (αA/(βB))^(1/(α+β)) it implies (N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b; Appendix D.2), bootstrap intervals,
/// how the optimiser converged, and diagnostics. Produced by <see cref="ParametricFitter"/>.
/// </summary>
public sealed record ParametricFitResult : IAllocationFit
{
    /// <summary>The names of the bootstrapped estimates, in the order the bootstrap stores them.</summary>
    public static IReadOnlyList<string> EstimateNames { get; } = ["E", "A", "B", "alpha", "beta", "a", "b", "G"];

    /// <inheritdoc />
    public Approach Approach => Approach.Parametric;

    /// <summary>True when a law was fitted and no diagnostic is an error (see <see cref="HasErrors"/>).</summary>
    public bool Succeeded => !HasErrors && double.IsFinite(ExponentA.Value);

    /// <summary>The fitted law (NaN coefficients when no fit was possible; see <see cref="Diagnostics"/>).</summary>
    public required ParametricLaw Law { get; init; }

    /// <summary>The minimum found: Σ_i Huber_δ(ln L̂(N_i, D_i) − ln L_i).</summary>
    public required double Objective { get; init; }

    /// <summary>The optimum in the optimiser's variables (a, b, e, α, β) = (ln A, ln B, ln E, α, β).</summary>
    public required IReadOnlyList<double> LogCoefficients { get; init; }

    /// <summary>E, the irreducible loss.</summary>
    public required Estimate E { get; init; }

    /// <summary>A, the model-size coefficient.</summary>
    public required Estimate A { get; init; }

    /// <summary>B, the data coefficient.</summary>
    public required Estimate B { get; init; }

    /// <summary>α, the model-size exponent.</summary>
    public required Estimate Alpha { get; init; }

    /// <summary>β, the data exponent.</summary>
    public required Estimate Beta { get; init; }

    /// <summary>a = β/(α+β), the exponent of N_opt ∝ C^a.</summary>
    public required Estimate ExponentA { get; init; }

    /// <summary>b = α/(α+β), the exponent of D_opt ∝ C^b.</summary>
    public required Estimate ExponentB { get; init; }

    /// <summary>G = (αA/(βB))^(1/(α+β)).</summary>
    public required Estimate G { get; init; }

    /// <summary>Every estimate by its <see cref="EstimateNames"/> name.</summary>
    public IReadOnlyDictionary<string, Estimate> Estimates => new Dictionary<string, Estimate>
    {
        ["E"] = E, ["A"] = A, ["B"] = B, ["alpha"] = Alpha, ["beta"] = Beta, ["a"] = ExponentA, ["b"] = ExponentB, ["G"] = G,
    };

    /// <inheritdoc />
    public required int PointCount { get; init; }

    /// <summary>How many runs were dropped by <see cref="ParametricFitOptions.DropHighest"/> (ties can make it more than asked).</summary>
    public required int DroppedCount { get; init; }

    /// <summary>How C relates to N and D for the allocation formulas.</summary>
    public required FlopRule FlopRule { get; init; }

    /// <summary>How the multi-start fit converged.</summary>
    public required ParametricConvergence Convergence { get; init; }

    /// <inheritdoc />
    public BootstrapResult? Bootstrap { get; init; }

    /// <summary>How the bootstrap refits converged (null without a bootstrap).</summary>
    public ParametricBootstrapConvergence? BootstrapConvergence { get; init; }

    /// <inheritdoc />
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The options the fit ran with.</summary>
    public required ParametricFitOptions Options { get; init; }

    /// <summary>True when a diagnostic has <see cref="Severity.Error"/> severity: the coefficients should not be used as they are.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>N_opt(C) = G·(C/k)^a.</summary>
    public double OptimalParameterCount(double flops) => Law.OptimalParameterCount(flops, FlopRule);

    /// <summary>D_opt(C) = G⁻¹·(C/k)^b.</summary>
    public double OptimalTokenCount(double flops) => Law.OptimalTokenCount(flops, FlopRule);

    /// <summary>N_opt(C) and D_opt(C) with bands from every bootstrap refit's law (see <see cref="FrontierAt(IEnumerable{double})"/>).</summary>
    public FrontierPoint OptimalAllocation(double flops)
    {
        var point = FrontierAt([flops])[0];
        return new FrontierPoint(flops, point.ParameterCount, point.TokenCount);
    }

    /// <summary>
    /// The compute-optimal allocation at each FLOP budget, with percentile intervals from the bootstrap refits
    /// (each refit's law evaluated at the budget) when a bootstrap was run.
    /// </summary>
    public IReadOnlyList<ParametricFrontierPoint> FrontierAt(IEnumerable<double> flops)
    {
        ArgumentNullException.ThrowIfNull(flops);
        var laws = BootstrapLaws();
        var points = new List<ParametricFrontierPoint>();
        foreach (var c in flops)
        {
            var allocation = Law.ForBudget(c, FlopRule);
            if (laws.Length == 0)
            {
                string reason = MissingIntervalReason();
                points.Add(new ParametricFrontierPoint(c, Estimate.Point(allocation.ParameterCount, reason),
                    Estimate.Point(allocation.TokenCount, reason), Estimate.Point(allocation.Loss, reason)));
                continue;
            }
            var n = new double[laws.Length];
            var d = new double[laws.Length];
            var l = new double[laws.Length];
            for (int k = 0; k < laws.Length; k++)
            {
                var a = laws[k].ForBudget(c, FlopRule);
                n[k] = a.ParameterCount;
                d[k] = a.TokenCount;
                l[k] = a.Loss;
            }
            points.Add(new ParametricFrontierPoint(c, WithInterval(allocation.ParameterCount, n), WithInterval(allocation.TokenCount, d), WithInterval(allocation.Loss, l)));
        }
        return points;
    }

    /// <summary>The budgets the report's allocation section shows: 1e21, Gopher's 5.76e23, 1e24 and 1e25 FLOPs.</summary>
    public static IReadOnlyList<double> AllocationBudgets { get; } = [1e21, 5.76e23, 1e24, 1e25];

    /// <summary>The fixed-section report: Data, Coefficients, Intervals, Compute-optimal allocation, Convergence, Diagnostics (invariant culture).</summary>
    public string ToReport()
    {
        const double Gopher = 5.76e23;
        var report = new FitReport("Approach 3: parametric fit L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022)");

        report.Section("Data");
        report.Line("runs fitted", PointCount.ToString(CultureInfo.InvariantCulture));
        report.Line("runs dropped", Options.DropHighest == 0
            ? "none"
            : $"{DroppedCount} with the highest losses (asked for {Options.DropHighest})");
        report.Line("objective", $"sum of Huber_delta(ln Lhat - ln L), delta = {FitReport.Number(Options.Delta)}");
        if (Options.OverestimatePenalty != 1.0)
            report.Line("overestimate penalty", $"w = {FitReport.Number(Options.OverestimatePenalty)}: residuals where the law predicts above the observed loss weigh w times as much");
        report.Line("coefficients fitted", Options switch
        {
            { FixedE: { } e, TieExponents: true } => $"A, B, alpha = beta (E fixed at {FitReport.Number(e)})",
            { FixedE: { } e } => $"A, B, alpha, beta (E fixed at {FitReport.Number(e)})",
            { TieExponents: true } => "E, A, B, alpha = beta",
            _ => "E, A, B, alpha, beta",
        });
        report.Line("FLOP rule", $"C = {FitReport.Number(FlopRule.Factor)}·N·D");

        report.Section("Coefficients");
        report.Line("E", FitReport.Number(Law.E, "0.0000"));
        report.Line("A", FitReport.Number(Law.A, "0.###"));
        report.Line("B", FitReport.Number(Law.B, "0.###"));
        report.Line("alpha", FitReport.Number(Law.Alpha, "0.0000"));
        report.Line("beta", FitReport.Number(Law.Beta, "0.0000"));
        report.Line("objective", FitReport.Number(Objective, "0.000000000000"));
        report.Line("a = beta/(alpha+beta)", FitReport.Number(ExponentA.Value, "0.0000"));
        report.Line("b = alpha/(alpha+beta)", FitReport.Number(ExponentB.Value, "0.0000"));
        report.Line("G", FitReport.Number(G.Value, "0.000000"));
        report.Line("N_opt at 5.76e23 FLOP", FitReport.Number(OptimalParameterCount(Gopher), "0.000e+0"));
        report.Line("D_opt at 5.76e23 FLOP", FitReport.Number(OptimalTokenCount(Gopher), "0.000e+0"));

        report.Section("Intervals");
        report.BootstrapSummary(Bootstrap, "runs");
        if (BootstrapConvergence is { } bc)
            report.Line("refits start", bc.Start == BootstrapStart.Warm
                ? "warm, from the full-data optimum"
                : $"from the whole {Options.Grid.ToString().ToLowerInvariant()} grid ({Convergence.Starts} starts) each");
        report.Estimate("E", E);
        report.Estimate("A", A, "0.#");
        report.Estimate("B", B, "0.#");
        report.Estimate("alpha", Alpha);
        report.Estimate("beta", Beta);
        report.Estimate("a", ExponentA);
        report.Estimate("b", ExponentB);
        report.Estimate("G", G, "0.000000");

        report.Section("Compute-optimal allocation");
        foreach (var point in FrontierAt(AllocationBudgets))
        {
            string Range(Estimate e) => e.Interval is { } i ? $" ({FitReport.Number(i.Low, "0.00e+0")}–{FitReport.Number(i.High, "0.00e+0")})" : "";
            report.Line($"C = {FitReport.Number(point.Flops, "0.##e+0")} FLOP",
                $"N_opt {FitReport.Number(point.ParameterCount.Value, "0.00e+0")}{Range(point.ParameterCount)}, " +
                $"D_opt {FitReport.Number(point.TokenCount.Value, "0.00e+0")}{Range(point.TokenCount)}, " +
                $"{FitReport.Number(point.TokenCount.Value / point.ParameterCount.Value, "0.0")} tokens/param, loss {FitReport.Number(point.Loss.Value, "0.000")}");
        }

        report.Section("Convergence");
        var c = Convergence;
        report.Line("starts", $"{c.Starts} ({GridDescription()})");
        report.Line("starts at the best", $"{c.StartsAtBest} within {FitReport.Number(c.StartsAtBestTolerance, "0e+0")} of the best objective");
        report.Line("failed starts", $"{c.FailedStarts} (non-finite objective at the start)");
        report.Line("starts at a limit", $"{c.LimitStarts} (max {Options.Optimizer.MaxIterations} iterations, {Options.Optimizer.MaxEvaluations} evaluations)");
        foreach (var (termination, count) in c.Terminations.OrderByDescending(p => p.Value))
            report.Text($"{count,6} × {termination.Describe()}");
        report.Line("evaluations", $"{c.TotalEvaluations} over all starts ({FitReport.Number(c.Starts == 0 ? double.NaN : (double)c.TotalEvaluations / c.Starts, "0.0")} per start)");
        if (c.BestStart >= 0)
        {
            var best = c.Best;
            report.Line("best start", $"#{c.BestStart}: {best.Termination.Describe()} after {best.Iterations} iterations, {best.Evaluations} evaluations");
            bool gradientMet = best.GradientNorm <= Options.Optimizer.GradientTolerance;
            report.Line("gradient max-norm", $"{FitReport.Number(best.GradientNorm, "0.0e+0")} (tolerance {FitReport.Number(Options.Optimizer.GradientTolerance, "0e+0")}: {(gradientMet ? "met" : "not met")})");
            report.Line("objective change", $"tolerance {FitReport.Number(Options.Optimizer.FunctionTolerance, "0e+0")}·max(|f|, 1): {(best.Termination == Termination.FunctionTolerance ? "met" : "not met")}");
        }
        if (BootstrapConvergence is { } bootstrapConvergence)
        {
            report.Line("bootstrap refits", $"{bootstrapConvergence.Refits}, {bootstrapConvergence.LimitRefits} at a limit, {bootstrapConvergence.TotalEvaluations} evaluations");
            foreach (var (termination, count) in bootstrapConvergence.Terminations.OrderByDescending(p => p.Value))
                report.Text($"{count,6} × {termination.Describe()}");
        }

        report.Diagnostics(Diagnostics);
        return report.ToString();
    }

    private string GridDescription() => (Options.Grid, Options.TieExponents, Options.FixedE is null) switch
    {
        (ParametricGrid.Paper, false, true) => "paper grid: alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25}",
        (ParametricGrid.Paper, _, _) => "paper grid, reduced to the free coefficients",
        (ParametricGrid.Coarse, false, true) => "coarse grid: alpha, beta in {0.5, 1}, e in {-1, 0, 1}, a, b in {0, 10, 20}",
        _ => "coarse grid, reduced to the free coefficients",
    };

    private string MissingIntervalReason() =>
        Bootstrap is null ? Estimate.BootstrapOff : Estimate.EveryResampleFailed;

    private ParametricLaw[] BootstrapLaws()
    {
        if (Bootstrap is null || Bootstrap.Succeeded == 0)
            return [];
        var e = Bootstrap.Samples("E");
        var a = Bootstrap.Samples("A");
        var b = Bootstrap.Samples("B");
        var alpha = Bootstrap.Samples("alpha");
        var beta = Bootstrap.Samples("beta");
        var laws = new ParametricLaw[e.Length];
        for (int k = 0; k < laws.Length; k++)
            laws[k] = new ParametricLaw(e[k], a[k], b[k], alpha[k], beta[k]);
        return laws;
    }

    private Estimate WithInterval(double value, double[] samples) => Estimate.FromSamples(value, samples, Bootstrap!.Level);
}
