using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// Options of <see cref="SweepSearch.Find"/>: the target, the compute cap and the grids tried. Immutable; change with
/// <c>with { … }</c>.
/// </summary>
/// <param name="TargetWidth">The largest acceptable median width of the interval for a (e.g. 0.03).</param>
/// <param name="MaxCompute">The cap on a grid's total compute Σ C.</param>
/// <param name="LowBudget">The smallest budget of every grid tried.</param>
/// <param name="HighBudget">The largest budget of every grid tried (budgets are geometric between the two).</param>
/// <param name="BudgetCounts">Numbers of budgets tried (default 3 … 10).</param>
/// <param name="SizesPerBudget">Sizes per budget tried (default 5, 7, 9, 11, 13, 15).</param>
/// <param name="Spans">Spans tried (default 4, 8, 16, 32).</param>
/// <param name="Approach">Whose a the target is for (default Approach 2, IsoFLOP, which the grid is built for).</param>
/// <param name="SearchTrials">Simulated sweeps per candidate while searching (default 50).</param>
/// <param name="Candidates">How many grids that meet the target to list (default 3).</param>
public sealed record SweepSearchOptions(
    double TargetWidth,
    double MaxCompute,
    double LowBudget,
    double HighBudget,
    IReadOnlyList<int>? BudgetCounts = null,
    IReadOnlyList<int>? SizesPerBudget = null,
    IReadOnlyList<double>? Spans = null,
    PlanApproaches Approach = PlanApproaches.IsoFlop,
    int SearchTrials = 50,
    int Candidates = 3)
{
    /// <summary>A median width of a ≤ 0.03 within 1e22 FLOPs, budgets from 1e18 to 1e21, the default grids, IsoFLOP.</summary>
    public static SweepSearchOptions Default { get; } = new(0.03, 1e22, 1e18, 1e21);

    /// <summary>Throws <see cref="PlanningException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        var s = this;
        if (!(s.TargetWidth > 0) || double.IsInfinity(s.TargetWidth))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"TargetWidth = {s.TargetWidth}: give a positive interval width for a, e.g. 0.03."));
        if (!(s.MaxCompute > 0) || double.IsInfinity(s.MaxCompute))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"MaxCompute = {s.MaxCompute}: give the compute cap in FLOPs, e.g. 1e22."));
        if (!(s.LowBudget > 0) || !(s.HighBudget > s.LowBudget) || double.IsInfinity(s.HighBudget))
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"The budget range {s.LowBudget:0.###e+0} to {s.HighBudget:0.###e+0} must be positive and increasing, e.g. 1e18 to 1e21."));
        if (s.EffectiveBudgetCounts.Count == 0 || s.EffectiveBudgetCounts.Any(c => c < 2))
            throw new PlanningException("BudgetCounts: every count must be at least 2 (N_opt ∝ C^a needs two budgets).");
        if (s.EffectiveSizesPerBudget.Count == 0 || s.EffectiveSizesPerBudget.Any(c => c < 3))
            throw new PlanningException("SizesPerBudget: every count must be at least 3 (a parabola needs three sizes).");
        if (s.EffectiveSpans.Count == 0 || s.EffectiveSpans.Any(x => !(x > 1) || double.IsInfinity(x)))
            throw new PlanningException("Spans: every span must be a finite number above 1.");
        if (s.Approach is not (PlanApproaches.IsoFlop or PlanApproaches.Parametric))
            throw new PlanningException("Approach: the target is for one approach, IsoFlop or Parametric.");
        if (s.SearchTrials < 2)
            throw new PlanningException($"SearchTrials = {s.SearchTrials}: give at least 2 (50 is the default).");
    }

    /// <summary>The budget counts actually tried.</summary>
    public IReadOnlyList<int> EffectiveBudgetCounts => BudgetCounts ?? [3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>The sizes per budget actually tried.</summary>
    public IReadOnlyList<int> EffectiveSizesPerBudget => SizesPerBudget ?? [5, 7, 9, 11, 13, 15];

    /// <summary>The spans actually tried.</summary>
    public IReadOnlyList<double> EffectiveSpans => Spans ?? [4, 8, 16, 32];
}

/// <summary>A grid tried by <see cref="SweepSearch.Find"/>.</summary>
/// <param name="BudgetCount">Budgets, geometric between the low and high budget.</param>
/// <param name="SizesPerBudget">Sizes per budget (before bounds).</param>
/// <param name="Span">Ratio of the largest to the smallest size at a budget.</param>
/// <param name="TotalFlops">Σ C over its runs.</param>
/// <param name="RunCount">Its runs.</param>
/// <param name="MedianWidth">The median interval width of a over the search's trials.</param>
/// <param name="Trials">How many simulated sweeps the width comes from.</param>
/// <param name="ConfirmedWidth">The median width from the confirmation's new sweeps, when this grid was re-simulated
/// (null otherwise); a grid is chosen only when this also meets the target.</param>
public sealed record SweepCandidate(int BudgetCount, int SizesPerBudget, double Span, double TotalFlops, int RunCount, double MedianWidth, int Trials,
    double? ConfirmedWidth = null)
{
    /// <summary>True when the grid was re-simulated and still met <paramref name="target"/>.</summary>
    public bool IsConfirmed(double target) => ConfirmedWidth is { } w && w <= target;
}

/// <summary>
/// The cheapest grid found for a target width: <see cref="Best"/>, re-simulated with fresh seeds and the full trial
/// count (<see cref="Confirmation"/>), the cheapest few that met the target while searching, and how many grids were tried.
/// </summary>
/// <param name="Best">The chosen plan.</param>
/// <param name="Confirmation">Its precision from <see cref="SweepPrecisionOptions.Trials"/> new trials (seed + 1).</param>
/// <param name="Candidates">The cheapest grids that met the target in the search, cheapest first; those cheaper than
/// <see cref="Best"/> failed their confirmation (see <see cref="SweepCandidate.ConfirmedWidth"/>).</param>
/// <param name="Tried">Grids simulated.</param>
/// <param name="WithinCap">Grids within the compute cap (the others were not tried).</param>
public sealed record SweepSearchResult(SweepPlan Best, SweepPrecisionResult Confirmation, IReadOnlyList<SweepCandidate> Candidates, int Tried, int WithinCap);

/// <summary>
/// Searches over budget counts, sizes per budget and spans for the IsoFLOP grid of least total compute, within a cap,
/// whose median interval width for a is at most a target. Grids are tried in increasing compute with
/// <see cref="SweepSearchOptions.SearchTrials"/> simulated sweeps each; the cheapest that meets the target is then
/// re-simulated with <see cref="SweepPrecisionOptions.Trials"/> new trials (seed + 1) and kept only if it still meets
/// it, otherwise the next is confirmed. Deterministic in the seed.
/// </summary>
public static class SweepSearch
{
    /// <summary>Finds the cheapest grid meeting the target.</summary>
    /// <param name="prior">The law grids are centred on (and sweeps simulated from).</param>
    /// <param name="template">Bounds and FLOP rule for every grid (its budgets, sizes and span are replaced).</param>
    /// <param name="search">Target, cap and the grids to try.</param>
    /// <param name="precision">Noise, seed, resamples and the confirmation's trial count; its approaches and sensitivity are replaced.</param>
    /// <param name="progress">Receives the number of grids tried.</param>
    /// <param name="cancellationToken">Stops between trials.</param>
    /// <exception cref="PlanningException">No grid lies within the cap, or none within it meets the target (the message
    /// gives the best width reached and its compute).</exception>
    public static SweepSearchResult Find(ParametricLaw prior, SweepPlanOptions template, SweepSearchOptions search, SweepPrecisionOptions precision,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(precision);
        search.Validate();
        var trialOptions = precision with { Approaches = search.Approach, Sensitivity = false, Trials = search.SearchTrials };
        string approach = search.Approach == PlanApproaches.Parametric ? "parametric" : "isoflop";

        var grids = new List<(int Count, int Sizes, double Span, SweepPlan Plan)>();
        foreach (int count in search.EffectiveBudgetCounts.Distinct())
            foreach (int sizes in search.EffectiveSizesPerBudget.Distinct())
                foreach (double span in search.EffectiveSpans.Distinct())
                {
                    var options = template with
                    {
                        Budgets = SweepPlanOptions.GeometricBudgets(search.LowBudget, search.HighBudget, count),
                        SizesPerBudget = sizes,
                        Span = span,
                    };
                    SweepPlan plan;
                    try
                    {
                        plan = SweepPlanner.Plan(prior, options);
                    }
                    catch (PlanningException)
                    {
                        continue; // bounds leave too few sizes for this combination; other grids may still fit
                    }
                    if (plan.TotalFlops <= search.MaxCompute && plan.Budgets.Count >= 2)
                        grids.Add((count, sizes, span, plan));
                }
        if (grids.Count == 0)
            throw new PlanningException(Invariant($"No grid of {search.EffectiveBudgetCounts.Min()} or more budgets from {search.LowBudget:0.###e+0} to {search.HighBudget:0.###e+0} FLOPs fits within MaxCompute = {search.MaxCompute:0.###e+0}; the cheapest needs more. Raise MaxCompute or lower the budgets."));
        grids.Sort((x, y) => x.Plan.TotalFlops != y.Plan.TotalFlops ? x.Plan.TotalFlops.CompareTo(y.Plan.TotalFlops)
            : x.Plan.RunCount != y.Plan.RunCount ? x.Plan.RunCount.CompareTo(y.Plan.RunCount) : x.Span.CompareTo(y.Span));

        var met = new List<(SweepCandidate Candidate, SweepPlan Plan)>();
        SweepCandidate? bestSeen = null;
        int tried = 0;
        SweepPlan? chosen = null;
        SweepPrecisionResult? confirmation = null;
        foreach (var g in grids)
        {
            var trials = SweepPrecision.Trials(g.Plan, prior, trialOptions, null, cancellationToken);
            var row = SweepPrecision.Summarise("search", "", prior, trials, trialOptions).Row(approach, "a");
            progress?.Report(++tried);
            if (row is null || row.Fitted < trialOptions.Trials / 2)
                continue;
            var candidate = new SweepCandidate(g.Count, g.Sizes, g.Span, g.Plan.TotalFlops, g.Plan.RunCount, row.MedianWidth, row.Fitted);
            if (bestSeen is null || candidate.MedianWidth < bestSeen.MedianWidth)
                bestSeen = candidate;
            if (!(row.MedianWidth <= search.TargetWidth))
                continue;
            if (chosen is null)
            {
                var check = SweepPrecision.Estimate(g.Plan, precision with { Approaches = search.Approach, Sensitivity = false, Seed = precision.Seed + 1 },
                    null, cancellationToken);
                double confirmedWidth = check.Centred.Row(approach, "a")?.MedianWidth ?? double.NaN;
                candidate = candidate with { ConfirmedWidth = confirmedWidth };
                if (confirmedWidth <= search.TargetWidth)
                {
                    chosen = g.Plan;
                    confirmation = check;
                }
            }
            met.Add((candidate, g.Plan));
            if (chosen is not null && met.Count >= search.Candidates)
                break;
        }
        if (chosen is null)
        {
            string best = bestSeen is null ? "no grid could be fitted"
                : Invariant($"the narrowest median width reached was {bestSeen.MedianWidth:0.0000} ({bestSeen.BudgetCount} budgets × {bestSeen.SizesPerBudget} sizes, span {bestSeen.Span:0.##}, {bestSeen.TotalFlops:0.###e+0} FLOPs)");
            throw new PlanningException(Invariant($"No grid within MaxCompute = {search.MaxCompute:0.###e+0} reaches a median width of a ≤ {search.TargetWidth:0.####} at noise σ = {precision.NoiseSigma:0.####}: {best}. Raise MaxCompute, widen the budget range or accept a wider interval."));
        }
        return new SweepSearchResult(chosen, confirmation!, met.Select(m => m.Candidate).Take(Math.Max(search.Candidates, 1)).ToArray(), tried, grids.Count);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
