using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The IsoFLOP-profile fit (Hoffmann et al. 2022, §3.2, Approach 2, Figure 3): per FLOP budget a least-squares parabola
/// of loss in ln N whose vertex is N_opt(C), then N_opt = k_N·C^a and D_opt = k_D·C^b fitted over the budgets' vertices
/// by <see cref="PowerLawRegression"/> (ln N_opt = ln k_N + a·ln C̄; D_opt = C̄/(k·N_opt), so b = 1 − a).
/// Intervals are bootstrap percentiles from resampling runs within each budget.
/// <para>
/// When fewer than two budgets have a valley, <see cref="Succeeded"/> is false, <see cref="Diagnostics"/> holds an
/// <see cref="Severity.Error"/> saying why, the exponents are NaN with a missing-interval reason,
/// <see cref="PowerLawFrontierFit.OptimalParameterCount"/> and <see cref="PowerLawFrontierFit.OptimalTokenCount"/> return NaN, and <see cref="Budgets"/> still
/// shows every budget and why it was left out. When it succeeded, every reported number is finite.
/// </para>
/// </summary>
/// <param name="Succeeded">True when a and b were fitted (at least two budgets kept).</param>
/// <param name="Grouping">How runs were grouped into budgets.</param>
/// <param name="Budgets">Every budget in increasing C: its runs, parabola, vertex, kept or why not, bootstrap drop-out rate.</param>
/// <param name="ExponentA">a in N_opt ∝ C^a, with the bootstrap interval when one was run.</param>
/// <param name="ExponentB">b in D_opt ∝ C^b, with the bootstrap interval when one was run.</param>
/// <param name="ParameterFit">The regression of N_opt on C over kept budgets (null when not fitted).</param>
/// <param name="TokenFit">The regression of D_opt on C over kept budgets (null when not fitted).</param>
/// <param name="InputRunCount">Runs given.</param>
/// <param name="DroppedRunCount">Runs left out before grouping (invalid values, <see cref="IsoFlopFitOptions.DropHighest"/>).</param>
/// <param name="UnassignedRunCount">Valid runs that fell in no budget.</param>
/// <param name="Bootstrap">The within-budget bootstrap, or null when none was run (or nothing could be fitted).</param>
/// <param name="Diagnostics">What was left out and why, warnings and errors.</param>
/// <param name="Options">The options of the fit.</param>
public sealed record IsoFlopFitResult(
    bool Succeeded,
    IsoFlopGrouping Grouping,
    IReadOnlyList<IsoFlopBudget> Budgets,
    Estimate ExponentA,
    Estimate ExponentB,
    PowerLawFit? ParameterFit,
    PowerLawFit? TokenFit,
    int InputRunCount,
    int DroppedRunCount,
    int UnassignedRunCount,
    BootstrapResult? Bootstrap,
    IReadOnlyList<Diagnostic> Diagnostics,
    IsoFlopFitOptions Options) : PowerLawFrontierFit(ParameterFit, TokenFit, Bootstrap), IAllocationFit
{
    /// <summary><see cref="Fitting.Approach.IsoFlop"/>.</summary>
    public Approach Approach => Approach.IsoFlop;

    /// <summary>The number of runs in the kept budgets (the data points behind the fit).</summary>
    public int PointCount => Budgets.Where(b => b.Kept).Sum(b => b.PointCount);

    /// <summary>The number of budgets whose vertex entered the regressions.</summary>
    public int BudgetCount => Budgets.Count(b => b.Kept);

    /// <summary>The nominal coverage of the intervals (the bootstrap's level).</summary>
    public double Level => Options.EffectiveBootstrap.Level;

    /// <summary>The report: Data (with the budget table), Coefficients, Intervals, Convergence, Diagnostics.</summary>
    public string ToReport()
    {
        var report = new FitReport("Approach 2: IsoFLOP profiles (Hoffmann et al. 2022, §3.2)");
        report.Section("Data")
            .Line("runs", $"{InputRunCount} given, {DroppedRunCount} dropped, {UnassignedRunCount} in no budget")
            .Line("grouping", Grouping switch
            {
                IsoFlopGrouping.Labels => "by the runs' budget labels",
                IsoFlopGrouping.Budgets => string.Create(CultureInfo.InvariantCulture,
                    $"by the given budgets, re-centred, ±{Options.BudgetTolerance} decades"),
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"automatic: gaps > {Options.GapDecades} decades, groups wider than {Options.MaxWidthDecades} split"),
            })
            .Line("budgets", $"{Budgets.Count}, {BudgetCount} kept ({PointCount} runs)");
        if (Options.Valley == ValleyMethod.Akima)
            report.Line("valley", "Akima spline in ln N (Porian et al. 2024), edge minima rejected; the curvature column is the parabola's");
        report.Text("")
            .Text("budget      log10 C̄   n   log10 N range   log10 N_opt  log10 D_opt  curvature  drop-out  status");
        foreach (var b in Budgets)
        {
            string Fmt(double? v, string f) => v is { } x ? FitReport.Number(x, f) : "–";
            string range = b.MinParameterCount is { } lo && b.MaxParameterCount is { } hi
                ? $"{FitReport.Number(Math.Log10(lo), "0.00")}–{FitReport.Number(Math.Log10(hi), "0.00")}"
                : "–";
            string meanC = b.MeanFlops > 0 ? FitReport.Number(Math.Log10(b.MeanFlops), "0.000") : "–";
            string nOpt = Fmt(b.OptimalParameterCount is { } n ? Math.Log10(n) : null, "0.000");
            string dOpt = Fmt(b.OptimalTokenCount is { } d ? Math.Log10(d) : null, "0.000");
            string dropOut = b.BootstrapDropOutRate is { } r ? FitReport.Number(100 * r, "0.#") + "%" : "–";
            string status = b.Kept ? "kept" : "left out: " + b.ExclusionReason;
            report.Text(string.Create(CultureInfo.InvariantCulture,
                $"{Fmt(b.NominalFlops, "0.##e+0"),-10}  {meanC,8}  {b.PointCount,3}  {range,13}  {nOpt,11}  {dOpt,11}  {Fmt(b.Parabola?.Curvature, "0.0000"),9}  {dropOut,8}  {status}"));
        }

        report.FrontierCoefficients(Succeeded, ExponentA, ExponentB, ParameterFit, TokenFit);

        report.Section("Intervals")
            .Estimate("a", ExponentA)
            .Estimate("b", ExponentB);
        if (ParameterFit?.ExponentInterval is { } t)
            report.Text($"(the regression's t-interval for a over the budgets, ({FitReport.Number(t.Low, "0.0000")}, {FitReport.Number(t.High, "0.0000")}), ignores the vertices' own uncertainty)");

        report.Section("Convergence")
            .Line("fit", Succeeded ? "succeeded" : "failed")
            .BootstrapSummary(Bootstrap, "runs within each budget");
        report.Diagnostics(Diagnostics);
        return report.ToString();
    }
}
