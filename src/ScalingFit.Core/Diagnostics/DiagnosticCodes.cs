using System.Reflection;

namespace ScalingFit.Core;

/// <summary>
/// One entry of the diagnostic catalogue (<see cref="DiagnosticCodes"/>): a stable code, its usual severity and what
/// it means. Fitters and checks make their <see cref="Diagnostic"/>s from these, so a code is spelled in one place.
/// </summary>
/// <param name="Code">The stable, machine-readable code, e.g. <c>budget-excluded</c>.</param>
/// <param name="Severity">The usual severity; a few codes are raised or lowered with the situation (said in <paramref name="Meaning"/>).</param>
/// <param name="Meaning">What the code means and what to do, in one or two sentences (docs/diagnostics.md repeats it).</param>
public sealed record DiagnosticCode(string Code, Severity Severity, string Meaning)
{
    /// <summary>A diagnostic with this code, its usual severity and <paramref name="message"/>.</summary>
    public Diagnostic With(string message) => new(Code, Severity, message);

    /// <summary>A diagnostic with this code at <paramref name="severity"/> (for the codes whose severity depends on the case).</summary>
    public Diagnostic With(Severity severity, string message) => new(Code, severity, message);

    /// <summary>The code.</summary>
    public override string ToString() => Code;
}

/// <summary>
/// The catalogue of every diagnostic code the library raises, each defined once with its severity and meaning
/// (like NodaTime's <c>TextErrorMessages</c>). docs/diagnostics.md documents the same list; a test keeps them in step.
/// </summary>
public static class DiagnosticCodes
{
    // ---- The data (DataChecks and every fitter) ----

    /// <summary><c>no-runs</c>: there is nothing to fit.</summary>
    public static DiagnosticCode NoRuns { get; } = new("no-runs", Severity.Error,
        "The data holds no runs, or none is left after invalid values and DropHighest were applied. Give runs, or lower DropHighest.");

    /// <summary><c>single-run</c>: one run cannot give an exponent.</summary>
    public static DiagnosticCode SingleRun { get; } = new("single-run", Severity.Warning,
        "The data holds a single run; a sweep needs runs at several sizes and budgets.");

    /// <summary><c>one-size</c>: every run (or curve) has the same model size.</summary>
    public static DiagnosticCode OneSize { get; } = new("one-size", Severity.Warning,
        "Every run or curve has the same model size N, so compute-optimal sizes cannot be told apart. A warning from the data checks; an error when the envelope (Approach 1) needs several sizes to choose between. Sweep several sizes.");

    /// <summary><c>few-sizes</c>: too few distinct model sizes for the approach.</summary>
    public static DiagnosticCode FewSizes { get; } = new("few-sizes", Severity.Warning,
        "Too few distinct model sizes: the envelope's N_opt(C) is a coarse staircase (fewer than 4), or the parametric law's alpha and A are not determined (fewer than 3 with E fitted, 2 with E fixed; an error unless the exponents are tied). Add runs of other sizes, or fix E.");

    /// <summary><c>few-token-counts</c>: too few distinct token counts for the parametric law.</summary>
    public static DiagnosticCode FewTokenCounts { get; } = new("few-token-counts", Severity.Error,
        "Too few distinct token counts for the parametric law's beta and B (fewer than 3 with E fitted, 2 with E fixed; a warning when the exponents are tied). Add runs with other token counts, or fix E.");

    /// <summary><c>tokens-per-parameter</c>: most runs have D &lt; N.</summary>
    public static DiagnosticCode TokensPerParameter { get; } = new("tokens-per-parameter", Severity.Warning,
        "Most runs have fewer tokens than parameters (D/N < 1): the N and D columns may be swapped. Name the columns explicitly (ImportOptions.WithColumn).");

    /// <summary><c>flop-units</c>: the FLOPs given disagree with k·N·D by orders of magnitude.</summary>
    public static DiagnosticCode FlopUnits { get; } = new("flop-units", Severity.Warning,
        "The FLOPs given differ from k·N·D by more than a factor of 1,000 (median over runs), e.g. petaFLOP/s-days; convert them to FLOPs or leave the C column out.");

    /// <summary><c>implausible-loss</c>: runs far below the losses of runs with more compute.</summary>
    public static DiagnosticCode ImplausibleLoss { get; } = new("implausible-loss", Severity.Warning,
        "Runs with less than half the median loss of the runs with as much compute or more: probably measured differently (another evaluation set, a training loss, other units). Check them, or leave them out.");

    /// <summary><c>duplicate-runs</c>: identical rows weigh twice.</summary>
    public static DiagnosticCode DuplicateRuns { get; } = new("duplicate-runs", Severity.Warning,
        "Runs repeat another run's N, D and loss exactly; duplicated rows weigh twice in a fit.");

    /// <summary><c>invalid-values</c>: runs or checkpoints with NaN, infinite or non-positive values were left out.</summary>
    public static DiagnosticCode InvalidValues { get; } = new("invalid-values", Severity.Warning,
        "Runs or checkpoints with a non-finite or non-positive N, D, C or loss were left out because the fit was asked to skip them (InvalidValues = InvalidValuePolicy.Skip); by default such values are rejected with the run named.");

    /// <summary><c>dropped-highest</c>: the highest-loss runs were dropped first, as asked.</summary>
    public static DiagnosticCode DroppedHighest { get; } = new("dropped-highest", Severity.Info,
        "The runs with the highest losses were dropped before fitting, as DropHighest asked (ties at the cut go together).");

    // ---- Approach 1: the envelope of training curves ----

    /// <summary><c>no-curves</c>: the envelope needs training curves.</summary>
    public static DiagnosticCode NoCurves { get; } = new("no-curves", Severity.Error,
        "The envelope (Approach 1) needs training curves (several checkpoints per run) and the data has none with two valid checkpoints.");

    /// <summary><c>curve-skipped</c>: curves with fewer than two valid checkpoints or an invalid N were left out.</summary>
    public static DiagnosticCode CurveSkipped { get; } = new("curve-skipped", Severity.Warning,
        "Curves with fewer than two valid checkpoints, or an invalid N, were left out of the envelope.");

    /// <summary><c>empty-envelope</c>: no frontier point.</summary>
    public static DiagnosticCode EmptyEnvelope { get; } = new("empty-envelope", Severity.Error,
        "The curves give no frontier point (their FLOP ranges are degenerate).");

    /// <summary><c>edge-excluded</c>: frontier points pinned by the sweep's edge were left out.</summary>
    public static DiagnosticCode EdgeExcluded { get; } = new("edge-excluded", Severity.Info,
        "Frontier points won by (or within the FLOP range of) the smallest or largest model size were left out of the regression, because the sweep's edge pins them. A warning when they are most of the frontier.");

    /// <summary><c>edge-only</c>: nearly every frontier point is pinned by the edge.</summary>
    public static DiagnosticCode EdgeOnly { get; } = new("edge-only", Severity.Error,
        "Fewer than two frontier points lie inside the sweep: the envelope only shows its edge. Add model sizes on the side where the edge wins, or set EdgeExclusion = None.");

    /// <summary><c>one-size-frontier</c>: one model size wins every used frontier point.</summary>
    public static DiagnosticCode OneSizeFrontier { get; } = new("one-size-frontier", Severity.Error,
        "One model size wins every frontier point inside the sweep, so N_opt(C) is flat and a cannot be fitted. Add model sizes around it.");

    /// <summary><c>naive-interval</c>: the regression's t-interval is shown but not used.</summary>
    public static DiagnosticCode NaiveInterval { get; } = new("naive-interval", Severity.Info,
        "The regression's t-interval treats the frontier points as independent, which they are not; it is shown, not reported as the interval.");

    /// <summary><c>few-curves</c>: few curves to resample.</summary>
    public static DiagnosticCode FewCurves { get; } = new("few-curves", Severity.Warning,
        "Fewer than 10 curves to resample: the bootstrap interval is rough.");

    // ---- Approach 2: IsoFLOP profiles ----

    /// <summary><c>runs-unassigned</c>: runs in no budget.</summary>
    public static DiagnosticCode RunsUnassigned { get; } = new("runs-unassigned", Severity.Info,
        "Valid runs fell in no FLOP budget and were not used.");

    /// <summary><c>runs-unlabelled</c>: some runs carry a budget label, others none.</summary>
    public static DiagnosticCode RunsUnlabelled { get; } = new("runs-unlabelled", Severity.Warning,
        "Some runs carry no FLOP budget while others do; the unlabelled ones were not used.");

    /// <summary><c>runs-contested</c>: runs within the tolerance of two budgets.</summary>
    public static DiagnosticCode RunsContested { get; } = new("runs-contested", Severity.Info,
        "Runs lay within the tolerance of two budgets; each went to the nearer centre.");

    /// <summary><c>budgets-override-labels</c>: the budgets given win over the runs' own labels.</summary>
    public static DiagnosticCode BudgetsOverrideLabels { get; } = new("budgets-override-labels", Severity.Info,
        "The runs carry their own FLOP budget labels, but IsoFlopFitOptions.Budgets was given: the given budgets group the runs and the labels were not used. Leave Budgets out to group by the labels.");

    /// <summary><c>budget-labels-merged</c>: budget labels within the tolerance of each other were merged.</summary>
    public static DiagnosticCode BudgetLabelsMerged { get; } = new("budget-labels-merged", Severity.Info,
        "Budget labels within IsoFlopFitOptions.BudgetTolerance decades of each other (e.g. 3e+9 and 3.0000001e+9) name one budget and were merged into it.");

    /// <summary><c>budget-few-points</c>: a kept budget with few runs.</summary>
    public static DiagnosticCode BudgetFewPoints { get; } = new("budget-few-points", Severity.Warning,
        "A kept budget has fewer than IsoFlopFitOptions.WarnBelowPoints runs: its vertex is poorly determined.");

    /// <summary><c>budget-excluded</c>: a budget without a usable valley.</summary>
    public static DiagnosticCode BudgetExcluded { get; } = new("budget-excluded", Severity.Warning,
        "A budget was left out: too few runs or sizes, a parabola opening downwards, or a vertex outside its sampled N range.");

    /// <summary><c>groups-too-small</c>: automatic groups too small to be profiles.</summary>
    public static DiagnosticCode GroupsTooSmall { get; } = new("groups-too-small", Severity.Info,
        "Automatically found FLOP groups with fewer than IsoFlopFitOptions.MinPoints runs were left out: isolated FLOP values are not IsoFLOP profiles. Give Budgets to group by known budgets.");

    /// <summary><c>too-few-budgets</c>: fewer than two usable valleys.</summary>
    public static DiagnosticCode TooFewBudgets { get; } = new("too-few-budgets", Severity.Error,
        "Fewer than two budgets gave a usable vertex; N_opt ∝ C^a needs at least two. Add runs on both sides of each budget's minimum, or more budgets.");

    /// <summary><c>same-flops</c>: every kept budget has the same C.</summary>
    public static DiagnosticCode SameFlops { get; } = new("same-flops", Severity.Error,
        "Every kept budget has the same C: the exponent is undefined.");

    /// <summary><c>budget-drop-out</c>: a budget lost its valley in bootstrap resamples.</summary>
    public static DiagnosticCode BudgetDropOut { get; } = new("budget-drop-out", Severity.Warning,
        "A budget lost its valley in 20% or more of the bootstrap resamples and dropped out of them: its vertex is weakly determined. Info when it happened in fewer.");

    // ---- Approach 3: the parametric law ----

    /// <summary><c>too-few-runs</c>: no more runs than coefficients.</summary>
    public static DiagnosticCode TooFewRuns { get; } = new("too-few-runs", Severity.Error,
        "No more runs than free coefficients: the law passes through every point and its coefficients are arbitrary. Add runs, fix E or tie the exponents.");

    /// <summary><c>small-sweep</c>: fewer than 10 runs.</summary>
    public static DiagnosticCode SmallSweep { get; } = new("small-sweep", Severity.Warning,
        "Fewer than 10 runs for the parametric law's coefficients: expect poorly determined exponents and wide intervals.");

    /// <summary><c>no-finite-start</c>: no start gave a finite objective.</summary>
    public static DiagnosticCode NoFiniteStart { get; } = new("no-finite-start", Severity.Error,
        "None of the L-BFGS starts gave a finite objective; nothing was fitted. Check the data for extreme values.");

    /// <summary><c>failed-starts</c>: starts with a non-finite objective at their starting point.</summary>
    public static DiagnosticCode FailedStarts { get; } = new("failed-starts", Severity.Warning,
        "Some starts gave a non-finite objective at their starting point and were skipped.");

    /// <summary><c>iteration-limit</c>: starts stopped at the iteration or evaluation limit.</summary>
    public static DiagnosticCode IterationLimit { get; } = new("iteration-limit", Severity.Warning,
        "Some starts stopped at the iteration or evaluation limit before converging.");

    /// <summary><c>best-not-converged</c>: the best start stopped at a limit.</summary>
    public static DiagnosticCode BestNotConverged { get; } = new("best-not-converged", Severity.Warning,
        "The best start stopped at an iteration or evaluation limit; raise Optimizer.MaxIterations / MaxEvaluations.");

    /// <summary><c>single-start-at-best</c>: only one start reached the best objective.</summary>
    public static DiagnosticCode SingleStartAtBest { get; } = new("single-start-at-best", Severity.Info,
        "Only one start reached the best objective; the optimum may depend on the grid.");

    /// <summary><c>exponent-not-positive</c>: alpha or beta is not positive.</summary>
    public static DiagnosticCode ExponentNotPositive { get; } = new("exponent-not-positive", Severity.Error,
        "The fitted alpha or beta is not positive: the loss does not fall with N and D, so a, b and the frontier are not meaningful.");

    /// <summary><c>loss-below-e</c>: runs below the fitted irreducible loss.</summary>
    public static DiagnosticCode LossBelowE { get; } = new("loss-below-e", Severity.Warning,
        "Runs have a loss below the fitted irreducible loss E: the law cannot reach them and the Huber loss treats them as outliers. Check them, or drop them.");

    // ---- The bootstrap (every approach) ----

    /// <summary><c>bootstrap-failures</c>: some resamples could not be fitted.</summary>
    public static DiagnosticCode BootstrapFailures { get; } = new("bootstrap-failures", Severity.Warning,
        "Some bootstrap resamples could not be fitted; the intervals come from the others.");

    /// <summary><c>bootstrap-iteration-limit</c>: parametric refits at the iteration limit.</summary>
    public static DiagnosticCode BootstrapIterationLimit { get; } = new("bootstrap-iteration-limit", Severity.Warning,
        "Some parametric bootstrap refits stopped at the iteration or evaluation limit; their estimates are kept.");

    // ---- Planning a sweep (SweepPlanner, SweepPrecision) ----

    /// <summary><c>plan-sizes-dropped</c>: sizes of a planned grid fell outside the bounds.</summary>
    public static DiagnosticCode PlanSizesDropped { get; } = new("plan-sizes-dropped", Severity.Info,
        "Sizes of a planned IsoFLOP grid fell outside MinParameterCount or MaxParameterCount and were dropped; the sizes left may no longer be centred on the prior's N_opt.");

    /// <summary><c>plan-trials-failed</c>: some simulated sweeps could not be fitted.</summary>
    public static DiagnosticCode PlanTrialsFailed { get; } = new("plan-trials-failed", Severity.Warning,
        "Some simulated sweeps of a planned grid could not be fitted with an interval and were left out of the precision; the grid may miss the valley at some budgets. Widen the span or recentre the grid.");

    /// <summary><c>plan-undercoverage</c>: the simulated intervals hold the truth far less often than their level.</summary>
    public static DiagnosticCode PlanUndercoverage { get; } = new("plan-undercoverage", Severity.Warning,
        "On the planned grid the intervals for a contain the true a more than three binomial standard errors less often than their level: an interval reported from such a sweep would be too confident.");

    /// <summary><c>plan-bias</c>: the simulated estimates of a are biased.</summary>
    public static DiagnosticCode PlanBias { get; } = new("plan-bias", Severity.Warning,
        "On the planned grid the estimates of a are biased by more than half their standard deviation (and more than 0.005), e.g. because the grid is off-centre.");

    // ---- Predicting, backtesting and comparing (LossFrontierFitter, Backtester, FrontierComparer) ----

    /// <summary><c>no-frontier</c>: No loss frontier L*(C) could be fitted.</summary>
    public static DiagnosticCode NoFrontier { get; } = new("no-frontier", Severity.Error,
        "No loss frontier L*(C) could be fitted: the approach's fit failed, too few frontier points or budget minima are left, or the loss does not fall with compute. The message says which; add budgets or runs, or pin E.");

    /// <summary><c>loss-frontier</c>: The compute-optimal loss L*(C) = E + A·C^(−γ) fitted to the envelope points or the budget minima, with its residual scatter in ln L.</summary>
    public static DiagnosticCode LossFrontier { get; } = new("loss-frontier", Severity.Info,
        "The compute-optimal loss L*(C) = E + A·C^(−γ) fitted to the envelope points or the budget minima, with its residual scatter in ln L.");

    /// <summary><c>asymptote-at-bound</c>: The fitted asymptote E of L*(C) sits at the edge of its range (0, or just below the least loss).</summary>
    public static DiagnosticCode AsymptoteAtBound { get; } = new("asymptote-at-bound", Severity.Warning,
        "The fitted asymptote E of L*(C) sits at the edge of its range (0, or just below the least loss): the data do not determine it, so predictions far past the data are unreliable. Pin E (PinnedE, --pin-e).");

    /// <summary><c>few-frontier-points</c>: Fewer than 5 frontier points or budget minima carry the fit of L*(C).</summary>
    public static DiagnosticCode FewFrontierPoints { get; } = new("few-frontier-points", Severity.Warning,
        "Fewer than 5 frontier points or budget minima carry the fit of L*(C): the frontier and its band are rough.");

    /// <summary><c>pin-e-ignored</c>: A pinned E was given for the parametric frontier, which takes E from its law.</summary>
    public static DiagnosticCode PinEIgnored { get; } = new("pin-e-ignored", Severity.Info,
        "A pinned E was given for the parametric frontier, which takes E from its law; refit with a fixed E (ParametricFitOptions.FixedE, --fix-e) instead.");

    /// <summary><c>no-backtest</c>: The report has no backtest (predicted-against-observed) figure; the message says why.</summary>
    public static DiagnosticCode NoBacktest { get; } = new("no-backtest", Severity.Info,
        "The sweep does not allow a backtest of its top (too few FLOP budgets or runs above and below a cutoff, or every held-out fit failed), so the report has no predicted-against-observed figure. The message says why; 'scalingfit backtest' with other cutoffs may still work.");

    /// <summary><c>valley-options-ignored</c>: The valley method and the noise bootstrap apply to IsoFLOP budgets only.</summary>
    public static DiagnosticCode ValleyOptionsIgnored { get; } = new("valley-options-ignored", Severity.Info,
        "The valley method and the noise bootstrap apply to IsoFLOP budgets only; the envelope's band resamples whole curves.");

    /// <summary><c>noise-bootstrap</c>: The band comes from the noise bootstrap of Porian et al. 2024 (Gaussian noise of the given or estimated σ added to every loss, minima recomputed) instead of resampling runs.</summary>
    public static DiagnosticCode NoiseBootstrap { get; } = new("noise-bootstrap", Severity.Info,
        "The band comes from the noise bootstrap of Porian et al. 2024 (Gaussian noise of the given or estimated σ added to every loss, minima recomputed) instead of resampling runs.");

    /// <summary><c>envelope-band-scope</c>: The envelope's L*(C) describes the envelope of these curves, which lies above the compute-optimal loss where sizes or horizons are sparse: the estimate is biased high, and its loss interval is a basic bootstrap interval that corrects for it at the cost of width.</summary>
    public static DiagnosticCode EnvelopeBandScope { get; } = new("envelope-band-scope", Severity.Warning,
        "The envelope's L*(C) describes the envelope of these curves, which lies above the compute-optimal loss where sizes or horizons are sparse: the estimate is biased high, and its loss interval is a basic bootstrap interval that corrects for it at the cost of width.");

    /// <summary><c>residual-bootstrap</c>: The IsoFLOP band comes from each budget's parabola with resampled modified residuals (sizes fixed as designed) instead of resampling runs, or could not (Akima valleys) and resampled runs.</summary>
    public static DiagnosticCode ResidualBootstrap { get; } = new("residual-bootstrap", Severity.Info,
        "The IsoFLOP band comes from each budget's parabola with resampled modified residuals (sizes fixed as designed) instead of resampling runs, or could not (Akima valleys) and resampled runs.");

    /// <summary><c>far-extrapolation</c>: The prediction is more than 100 times past the largest FLOP budget in the data.</summary>
    public static DiagnosticCode FarExtrapolation { get; } = new("far-extrapolation", Severity.Warning,
        "The prediction is more than 100 times past the largest FLOP budget in the data: its interval assumes the fitted form holds that far, which no data checks.");

    /// <summary><c>below-data</c>: The prediction is below the least FLOP budget in the data.</summary>
    public static DiagnosticCode BelowData { get; } = new("below-data", Severity.Info,
        "The prediction is below the least FLOP budget in the data.");

    /// <summary><c>multiplier-unbounded</c>: In some bootstrap resamples the base frontier never reached the variant's loss, so the effective compute multiplier has no finite value there.</summary>
    public static DiagnosticCode MultiplierUnbounded { get; } = new("multiplier-unbounded", Severity.Warning,
        "In some bootstrap resamples the base frontier never reached the variant's loss, so the effective compute multiplier has no finite value there; when they exceed the interval's tail the interval has no upper bound.");

    /// <summary><c>no-crossing</c>: The two frontiers of a comparison do not cross between 1e15 and 1e30 FLOPs.</summary>
    public static DiagnosticCode NoCrossing { get; } = new("no-crossing", Severity.Info,
        "The two frontiers of a comparison do not cross between 1e15 and 1e30 FLOPs: one recipe has the lower loss throughout.");

    /// <summary><c>frontiers-cross</c>: The two frontiers of a comparison cross inside the data, so which recipe is better depends on the budget.</summary>
    public static DiagnosticCode FrontiersCross { get; } = new("frontiers-cross", Severity.Warning,
        "The two frontiers of a comparison cross inside the data, so which recipe is better depends on the budget; an info when the crossing lies beyond the data or where the loss gap is within noise of zero.");

    // ---- Plausibility checks of every result (PlausibilityChecks in ScalingFit.Fitting) ----

    /// <summary><c>interval-at-bound</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode IntervalAtBound { get; } = new("interval-at-bound", Severity.Warning,
        "An interval reaches a coefficient's bound: a or b at 0 or 1, or E, A, B, alpha or beta at zero (lower end below 1% of the value). The data do not determine that coefficient; add runs at more sizes and budgets, or fix it (FixedE) and say so.");

    /// <summary><c>optimum-tokens-per-parameter</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode OptimumTokensPerParameter { get; } = new("optimum-tokens-per-parameter", Severity.Warning,
        "At the fitted optimum the data's smallest or largest budget gets fewer than 1 or more than 1,000 tokens per parameter (Chinchilla: about 20): the frontier is implausible. Look for runs that pull the fit and for N and D in the wrong units.");

    /// <summary><c>exponent-range</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode ExponentRange { get; } = new("exponent-range", Severity.Warning,
        "a or b lies outside (0.2, 0.8), the range of every published compute-optimal exponent. Check that the sweep covers each budget's minimum and that no run dominates the fit.");

    /// <summary><c>far-projection</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode FarProjection { get; } = new("far-projection", Severity.Warning,
        "A budget asked for lies more than 100 times past the largest budget in the data (the message says how far). An info when it is one of the fixed comparison budgets every report shows (1e21 to 1e25, for Table 3).");

    /// <summary><c>outlier-run</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode OutlierRun { get; } = new("outlier-run", Severity.Warning,
        "Runs whose ln-loss residual (against the law, or the parabola of their budget's other runs) has a robust z above 5 (1.4826 times the MAD); the message names them. Check them and leave out those that are not comparable (DropHighest).");

    /// <summary><c>lone-size</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode LoneSize { get; } = new("lone-size", Severity.Warning,
        "The smallest or largest model size is held by a single run, at least a decade from the next size; one such row can swing the exponents. Check it and leave it out if it does not belong to the sweep.");

    /// <summary><c>e-above-lowest-loss</c>: a plausibility check of a fitted result failed.</summary>
    public static DiagnosticCode EAboveLowestLoss { get; } = new("e-above-lowest-loss", Severity.Warning,
        "The fitted irreducible loss E lies above the lowest loss observed (the run is named): the law cannot describe that run. Check its units and evaluation set, or fix E below it (FixedE).");

    private static readonly Lazy<IReadOnlyList<DiagnosticCode>> Catalogue = new(() =>
        typeof(DiagnosticCodes).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DiagnosticCode))
            .Select(p => (DiagnosticCode)p.GetValue(null)!)
            .ToArray());

    /// <summary>Every code in the catalogue, in declaration order.</summary>
    public static IReadOnlyList<DiagnosticCode> All => Catalogue.Value;

    /// <summary>The catalogue entry of <paramref name="code"/>, or null when the code is not in the catalogue.</summary>
    public static DiagnosticCode? Find(string code) => All.FirstOrDefault(c => c.Code == code);
}
