using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// One FLOP budget of a <see cref="SweepPlan"/>: the model sizes to train at C, spaced geometrically and centred on the
/// prior's N_opt(C).
/// </summary>
/// <param name="Flops">The budget C.</param>
/// <param name="PriorOptimalParameterCount">N_opt(C) under the prior law, the grid's geometric centre.</param>
/// <param name="Runs">The planned runs at this budget in increasing N: D = C/(k·N), <see cref="Run.Loss"/> the prior's
/// predicted loss L̂(N, D), <see cref="Run.FlopBudget"/> = C.</param>
/// <param name="DroppedParameterCounts">Sizes of the grid that fell outside the bounds and were dropped.</param>
public sealed record PlannedBudget(
    double Flops,
    double PriorOptimalParameterCount,
    IReadOnlyList<Run> Runs,
    IReadOnlyList<double> DroppedParameterCounts)
{
    /// <summary>Σ C over the runs at this budget (= C times the number of runs).</summary>
    public double TotalFlops => Runs.Sum(r => r.Flops);
}

/// <summary>
/// A planned IsoFLOP sweep (Hoffmann et al. 2022, Approach 2): per budget C, model sizes
/// N_j = N_opt(C)·Span^(j/(m−1) − 1/2), j = 0 … m−1, whose geometric mean is the prior's N_opt(C) = G·(C/k)^a, with
/// D_j = C/(k·N_j). Made by <see cref="SweepPlanner.Plan"/>.
/// </summary>
/// <param name="Prior">The law the grid is centred on.</param>
/// <param name="Options">The options the plan was made with.</param>
/// <param name="Budgets">The budgets, in increasing C.</param>
/// <param name="Diagnostics">Notes: sizes dropped by the bounds, grids that are off-centre because of them.</param>
public sealed record SweepPlan(
    ParametricLaw Prior,
    SweepPlanOptions Options,
    IReadOnlyList<PlannedBudget> Budgets,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every planned run, budget by budget (the predicted loss in <see cref="Run.Loss"/>).</summary>
    public IReadOnlyList<Run> Runs => Budgets.SelectMany(b => b.Runs).ToArray();

    /// <summary>The sweep's total compute Σ C over all runs.</summary>
    public double TotalFlops => Budgets.Sum(b => b.TotalFlops);

    /// <summary>The number of runs.</summary>
    public int RunCount => Budgets.Sum(b => b.Runs.Count);

    /// <summary>The runs as a <see cref="RunSet"/> whose losses are the prior's predictions (no noise).</summary>
    public RunSet ToRunSet() => new(Runs, Array.Empty<TrainingCurve>(), Options.Rule);

    /// <summary>The plan as text: the prior, the grid (budget, N, D, tokens per parameter, predicted loss), the total
    /// compute, and notes.</summary>
    public string ToReport()
    {
        var report = new FitReport("IsoFLOP sweep plan (Hoffmann et al. 2022, Approach 2)");
        report.Section("Prior")
            .Line("law", string.Create(CultureInfo.InvariantCulture, $"L = {Prior.E:G4} + {Prior.A:G5}/N^{Prior.Alpha:G4} + {Prior.B:G5}/D^{Prior.Beta:G4}"))
            .Line("a", FitReport.Number(Prior.ExponentA, "0.0000"));
        report.Section("Grid")
            .Line("budgets", string.Create(CultureInfo.InvariantCulture, $"{Budgets.Count}, {Options.SizesPerBudget} sizes each over a span of {Options.Span:G4}, C = {Options.Rule.Factor:G4}·N·D"))
            .Line("total compute", $"{Numbers.Scientific(TotalFlops)} FLOPs in {RunCount} runs")
            .Text("budget C     params N   tokens D   tokens/param  predicted loss");
        foreach (var b in Budgets)
            foreach (var r in b.Runs)
                report.Text(string.Create(CultureInfo.InvariantCulture,
                    $"{Numbers.Scientific(b.Flops),-11}  {Numbers.Count(r.ParameterCount),8}  {Numbers.Count(r.TokenCount),9}  {r.TokensPerParameter,12:F1}  {r.Loss,14:F4}"));
        report.Diagnostics(Diagnostics);
        return report.ToString();
    }
}
