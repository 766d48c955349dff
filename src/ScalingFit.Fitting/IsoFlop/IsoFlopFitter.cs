using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// Approach 2 of Hoffmann et al. 2022 (§3.2, Figure 3): at each fixed FLOP budget C, vary the model size; fit a
/// parabola of loss in ln N to the profile; its vertex is N_opt(C), and D_opt(C) = C/(k·N_opt). Then N_opt ∝ C^a and
/// D_opt ∝ C^b are fitted over the budgets with <see cref="PowerLawRegression"/>, with percentile intervals from
/// resampling runs within each budget (<see cref="Bootstrap.Run"/> with strata). A budget is left out, with a
/// diagnostic, when it has fewer than <see cref="IsoFlopFitOptions.MinPoints"/> runs or fewer than 3 distinct sizes,
/// its parabola opens downwards, or its vertex lies outside its sampled N range; in a bootstrap resample such a budget
/// drops out of that resample only, and how often is reported per budget.
/// </summary>
public static class IsoFlopFitter
{
    /// <summary>
    /// Fits the IsoFLOP profiles. Never throws for data problems: a fit that cannot be made returns a result with
    /// <see cref="IsoFlopFitResult.Succeeded"/> false and an error diagnostic.
    /// </summary>
    /// <param name="runs">The data; only <see cref="RunSet.Runs"/> (final losses) is used.</param>
    /// <param name="options">The options; <see cref="IsoFlopFitOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the bootstrap resamples finished (<see cref="FitStage.Bootstrap"/>).</param>
    /// <param name="cancellationToken">Stops the fit; throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. <see cref="IsoFlopFitOptions.MinPoints"/> &lt; 3).</exception>
    /// <exception cref="InvalidRunException">A run has a NaN, infinite or non-positive value and <see cref="IsoFlopFitOptions.InvalidValues"/> is <see cref="InvalidValuePolicy.Reject"/>.</exception>
    public static IsoFlopFitResult Fit(
        RunSet runs,
        IsoFlopFitOptions? options = null,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        options ??= IsoFlopFitOptions.Default;
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<Diagnostic>();
        var rule = runs.FlopRule ?? FlopRule.Default;

        // 1. Valid runs, then the K highest losses dropped.
        var valid = InvalidValues.Runs(runs.Runs, options.InvalidValues, diagnostics);
        var kept = valid;
        if (options.DropHighest > 0 && valid.Length > 0)
        {
            kept = new RunSet(valid).DropHighestLoss(options.DropHighest).Runs.ToArray();
            diagnostics.Add(DiagnosticCodes.DroppedHighest.With(string.Create(CultureInfo.InvariantCulture,
                $"The {valid.Length - kept.Length} runs with the highest loss (≥ {valid.Select(r => r.Loss).OrderDescending().ElementAt(Math.Min(options.DropHighest, valid.Length) - 1):0.####}) were dropped first (DropHighest = {options.DropHighest}).")));
        }
        int dropped = runs.Runs.Count - kept.Length;

        // 2. Budgets.
        var (grouping, groups) = GroupRuns(kept, options, diagnostics);
        int assigned = groups.Sum(g => g.Members.Length);
        if (kept.Length > 0 && assigned < kept.Length)
        {
            diagnostics.Add(DiagnosticCodes.RunsUnassigned.With(string.Create(CultureInfo.InvariantCulture,
                $"{kept.Length - assigned} of {kept.Length} runs fell in no budget and were not used.")));
        }

        // 3. A parabola per budget.
        var budgets = new List<IsoFlopBudget>(groups.Count);
        var keptGroups = new List<int>();
        int smallGroups = 0, smallGroupRuns = 0;
        foreach (var group in groups)
        {
            var members = group.Members.Select(i => kept[i]).ToArray();
            var row = Profile(group.Nominal, members, rule, options);
            budgets.Add(row);
            if (row.Kept)
            {
                keptGroups.Add(budgets.Count - 1);
                if (row.PointCount < options.WarnBelowPoints)
                    diagnostics.Add(DiagnosticCodes.BudgetFewPoints.With($"Budget {Label(row)} has only {row.PointCount} runs: its vertex is poorly determined."));
            }
            else if (grouping == IsoFlopGrouping.Automatic && row.PointCount < options.MinPoints)
            {
                smallGroups++;
                smallGroupRuns += row.PointCount;
            }
            else
            {
                diagnostics.Add(DiagnosticCodes.BudgetExcluded.With($"Budget {Label(row)} (n = {row.PointCount}) was left out: {row.ExclusionReason}."));
            }
        }
        if (smallGroups > 0)
        {
            diagnostics.Add(DiagnosticCodes.GroupsTooSmall.With($"{smallGroups} groups of fewer than {options.MinPoints} runs ({smallGroupRuns} runs in all) were left out: "
                + "isolated FLOP values are not IsoFLOP profiles. Give Budgets to group by known budgets."));
        }

        IsoFlopFitResult Failed(DiagnosticCode code, string message)
        {
            diagnostics.Add(code.With(Severity.Error, message));
            string reason = "fit failed: " + message;
            return new IsoFlopFitResult(false, grouping, budgets, Estimate.Point(double.NaN, reason), Estimate.Point(double.NaN, reason),
                null, null, runs.Runs.Count, dropped, kept.Length - assigned, null, diagnostics, options);
        }

        if (kept.Length == 0)
            return Failed(DiagnosticCodes.NoRuns, runs.Runs.Count == 0 ? "The data has no runs." : "No valid runs are left.");
        if (keptGroups.Count < 2)
        {
            return Failed(DiagnosticCodes.TooFewBudgets, $"Only {keptGroups.Count} of {budgets.Count} budgets gave a usable vertex (see budget-excluded); N_opt ∝ C^a needs at least two. "
                + "Add runs on both sides of each budget's minimum, or more budgets.");
        }

        // 4. The power laws over the kept budgets' vertices.
        var c = keptGroups.Select(j => budgets[j].Flops).ToArray();
        var nOpt = keptGroups.Select(j => budgets[j].OptimalParameterCount!.Value).ToArray();
        var dOpt = keptGroups.Select(j => budgets[j].OptimalTokenCount!.Value).ToArray();
        if (c.Distinct().Count() < 2)
            return Failed(DiagnosticCodes.SameFlops, "Every kept budget has the same C: the exponent is undefined.");
        var level = options.EffectiveBootstrap.Level;
        var parameterFit = PowerLawRegression.Fit(c, nOpt, level: level);
        var tokenFit = PowerLawRegression.Fit(c, dOpt, level: level);

        // 5. Bootstrap: runs resampled within each kept budget.
        BootstrapResult? bootstrap = null;
        var bootstrapOptions = options.EffectiveBootstrap;
        if (bootstrapOptions.Resamples > 0)
        {
            var units = new List<(double LnN, double Loss, double LnC)>();
            var strata = new List<int>();
            for (int k = 0; k < keptGroups.Count; k++)
            {
                foreach (var r in budgets[keptGroups[k]].Runs)
                {
                    units.Add((r.LnParameterCount, r.Loss, r.LnFlops));
                    strata.Add(k);
                }
            }
            var unitArray = units.ToArray();
            var strataArray = strata.ToArray();
            var regressionC = c;
            var nominal = keptGroups.Select(j => budgets[j].NominalFlops).ToArray();
            var dropOuts = new int[keptGroups.Count];
            var counter = FitProgress.Counter(progress, Approach.IsoFlop, FitStage.Bootstrap, bootstrapOptions.Resamples);
            if (options.UsesNoiseBootstrap)
            {
                // Porian et al. 2024: the same runs every time, with Gaussian noise added to each loss; resample k draws stream k.
                double sigma = options.NoiseSigma ?? IsoFlopValley.PooledParabolaScatter(keptGroups.Select(j =>
                    (budgets[j].Runs.Select(r => r.LnParameterCount).ToArray(), budgets[j].Runs.Select(r => r.Loss).ToArray())));
                diagnostics.Add(DiagnosticCodes.NoiseBootstrap.With(string.Create(CultureInfo.InvariantCulture,
                    $"Intervals from the noise bootstrap (Porian et al. 2024): Gaussian noise of σ = {sigma:0.#####} {(options.NoiseSigma is null ? "(the kept budgets' pooled parabola residual scatter)" : "(given)")} added to every loss, minima recomputed.")));
                var all = Enumerable.Range(0, unitArray.Length).ToArray();
                var sets = Enumerable.Range(0, bootstrapOptions.Resamples).Select(k => new[] { k }).ToArray();
                bootstrap = Core.Bootstrap.Replay(sets, PowerLawFrontier.EstimateNames, set =>
                {
                    if (!(sigma > 0) || !double.IsFinite(sigma))
                        throw new InvalidOperationException("the noise σ could not be estimated (no budget has more than 3 runs); give NoiseSigma");
                    var rng = SeededRandom.ForStream(bootstrapOptions.Seed, set[0]);
                    var noisy = unitArray.Select(u => (u.LnN, u.Loss + sigma * rng.NextGaussian(), u.LnC)).ToArray();
                    return Refit(all, noisy, strataArray, keptGroups.Count, regressionC, rule, options.UseNominalFlops, options.Valley, dropOuts);
                }, bootstrapOptions.Level, bootstrapOptions.Threads, counter, cancellationToken);
            }
            else
            {
                bootstrap = Core.Bootstrap.Run(bootstrapOptions, unitArray.Length, PowerLawFrontier.EstimateNames,
                    indices => Refit(indices, unitArray, strataArray, keptGroups.Count, regressionC, rule, options.UseNominalFlops, options.Valley, dropOuts),
                    strataArray, counter, cancellationToken);
            }
            var minor = new List<string>();
            for (int k = 0; k < keptGroups.Count; k++)
            {
                double rate = (double)dropOuts[k] / bootstrap.Requested;
                var row = budgets[keptGroups[k]] = budgets[keptGroups[k]] with { BootstrapDropOutRate = rate };
                if (rate >= 0.2)
                {
                    diagnostics.Add(DiagnosticCodes.BudgetDropOut.With(string.Create(CultureInfo.InvariantCulture,
                        $"Budget {Label(row)} lost its valley in {dropOuts[k]} of {bootstrap.Requested} resamples ({100 * rate:0.#}%) and dropped out of them: its vertex is weakly determined.")));
                }
                else if (rate > 0)
                {
                    minor.Add(string.Create(CultureInfo.InvariantCulture, $"{Label(row)} {100 * rate:0.#}%"));
                }
            }
            if (minor.Count > 0)
                diagnostics.Add(DiagnosticCodes.BudgetDropOut.With(Severity.Info, $"Budgets that lost their valley in some resamples (and dropped out of those): {string.Join(", ", minor)}."));
            if (bootstrap.Failed > 0)
            {
                diagnostics.Add(DiagnosticCodes.BootstrapFailures.With(string.Create(CultureInfo.InvariantCulture,
                    $"{bootstrap.Failed} of {bootstrap.Requested} resamples could not be fitted ({bootstrap.FailureReasons[0].Reason}); the interval comes from the other {bootstrap.Succeeded}.")));
            }
        }

        var a = Estimate.FromBootstrap(parameterFit.Exponent, bootstrap, "a");
        var b = Estimate.FromBootstrap(tokenFit.Exponent, bootstrap, "b");
        return new IsoFlopFitResult(true, grouping, budgets, a, b, parameterFit, tokenFit,
            runs.Runs.Count, dropped, kept.Length - assigned, bootstrap, diagnostics, options);
    }

    private static double[] Refit(int[] indices, (double LnN, double Loss, double LnC)[] units, int[] strata, int budgetCount,
        double[] fullDataC, FlopRule rule, bool nominalC, ValleyMethod valley, int[] dropOuts)
    {
        var lnN = new List<double>[budgetCount];
        var loss = new List<double>[budgetCount];
        var lnC = new double[budgetCount];
        for (int k = 0; k < budgetCount; k++)
        {
            lnN[k] = [];
            loss[k] = [];
        }
        foreach (int i in indices)
        {
            int k = strata[i];
            lnN[k].Add(units[i].LnN);
            loss[k].Add(units[i].Loss);
            lnC[k] += units[i].LnC;
        }
        var c = new List<double>(budgetCount);
        var n = new List<double>(budgetCount);
        var d = new List<double>(budgetCount);
        for (int k = 0; k < budgetCount; k++)
        {
            var fit = lnN[k].Count == 0 ? default : IsoFlopValley.Find(valley, lnN[k].ToArray(), loss[k].ToArray());
            if (!fit.Found)
            {
                Interlocked.Increment(ref dropOuts[k]); // a sum: the same whatever the thread order
                continue;
            }
            // The budget's C is the resample's geometric-mean C, as in the full fit (or the nominal C).
            double flops = nominalC ? fullDataC[k] : Math.Exp(lnC[k] / lnN[k].Count);
            double nOpt = Math.Exp(fit.LnParameterCount);
            c.Add(flops);
            n.Add(nOpt);
            d.Add(rule.TokenCount(flops, nOpt));
        }
        if (c.Count < 2)
            throw new InvalidOperationException("fewer than two budgets kept a valley");
        var cs = c.ToArray();
        return PowerLawFrontier.EstimatesOf(PowerLawRegression.Fit(cs, n.ToArray()), PowerLawRegression.Fit(cs, d.ToArray()));
    }

    private static IsoFlopBudget Profile(double? nominal, Run[] members, FlopRule rule, IsoFlopFitOptions options)
    {
        double meanFlops = members.Length == 0 ? 0 : Math.Exp(members.Average(r => r.LnFlops));
        double flops = options.UseNominalFlops && nominal is { } nom ? nom : meanFlops;
        if (members.Length == 0)
        {
            return new IsoFlopBudget(nominal, 0, nominal ?? 0, members, null, null, null, null, null, null, false,
                string.Create(CultureInfo.InvariantCulture, $"no runs within {options.RecentreWindow} decades of the budget"), null);
        }
        double minN = members.Min(r => r.ParameterCount), maxN = members.Max(r => r.ParameterCount);
        var fit = IsoFlopMath.Fit(members.Select(r => r.LnParameterCount).ToArray(), members.Select(r => r.Loss).ToArray());
        string? reason = null;
        if (members.Length < options.MinPoints)
            reason = $"fewer than {options.MinPoints} runs";
        else if (!fit.HasValley)
        {
            reason = fit.Failure;
            if (fit.Parabola is { Curvature: > 0 })
                reason += string.Create(CultureInfo.InvariantCulture, $" (vertex at N = {Math.Exp(fit.LnVertex):0.###e+0}, sampled {minN:0.###e+0} – {maxN:0.###e+0})");
        }
        double nOpt = Math.Exp(fit.LnVertex);
        double minimum = reason is null ? fit.Parabola!.Loss(nOpt) : double.NaN;
        if (reason is null && options.Valley == ValleyMethod.Akima)
        {
            var spline = IsoFlopValley.Akima(members.Select(r => r.LnParameterCount).ToArray(), members.Select(r => r.Loss).ToArray());
            if (spline.Found)
                (nOpt, minimum) = (Math.Exp(spline.LnParameterCount), spline.Loss);
            else
                reason = "Akima spline: " + spline.Failure;
        }
        if (reason is not null)
            return new IsoFlopBudget(nominal, meanFlops, flops, members, minN, maxN, fit.Parabola, null, null, null, false, reason, null);
        return new IsoFlopBudget(nominal, meanFlops, flops, members, minN, maxN, fit.Parabola, nOpt, rule.TokenCount(flops, nOpt), minimum, true, null, null);
    }

    private sealed record BudgetGroup(double? Nominal, int[] Members);

    private static (IsoFlopGrouping, List<BudgetGroup>) GroupRuns(Run[] runs, IsoFlopFitOptions options, List<Diagnostic> diagnostics)
    {
        var log10C = runs.Select(r => Math.Log10(r.Flops)).ToArray();
        var hasLabels = runs.Any(r => r.FlopBudget is not null);
        if (hasLabels && options.Budgets is { Count: > 0 })
        {
            // Budgets given explicitly win over the file's labels: the caller asked for them.
            diagnostics.Add(DiagnosticCodes.BudgetsOverrideLabels.With(
                "The runs carry their own FLOP budget labels, but Budgets were given: the given budgets group the runs and the labels were not used."));
        }
        else if (hasLabels)
        {
            var unlabelled = runs.Count(r => r.FlopBudget is null);
            if (unlabelled > 0)
                diagnostics.Add(DiagnosticCodes.RunsUnlabelled.With($"{unlabelled} runs carry no FLOP budget while others do; they were not used."));
            var merged = BudgetLabels.Merge(runs.Where(r => r.FlopBudget is not null).Select(r => r.FlopBudget!.Value), options.BudgetTolerance);
            var joined = merged.GroupBy(p => p.Value).Where(g => g.Count() > 1).OrderBy(g => g.Key).ToList();
            if (joined.Count > 0)
            {
                var examples = string.Join("; ", joined.Take(3).Select(g => string.Join(", ", g.Select(p => p.Key).Order().Select(b => b.ToString("R", CultureInfo.InvariantCulture)))));
                diagnostics.Add(DiagnosticCodes.BudgetLabelsMerged.With(string.Create(CultureInfo.InvariantCulture,
                    $"{joined.Count} budgets were written with several labels within {options.BudgetTolerance} decades of each other and were merged ({examples}).")));
            }

            var labelled = Enumerable.Range(0, runs.Length).Where(i => runs[i].FlopBudget is not null)
                .GroupBy(i => merged[runs[i].FlopBudget!.Value]).OrderBy(g => g.Key)
                .Select(g => new BudgetGroup(g.Key, g.ToArray())).ToList();
            return (IsoFlopGrouping.Labels, labelled);
        }
        if (options.Budgets is { Count: > 0 } budgets)
            return (IsoFlopGrouping.Budgets, GroupByBudgets(log10C, budgets, options, diagnostics));
        var groups = IsoFlopMath.GroupByGaps(log10C, options.GapDecades, options.MaxWidthDecades)
            .Select(g => new BudgetGroup(null, g)).ToList();
        return (IsoFlopGrouping.Automatic, groups);
    }

    private static List<BudgetGroup> GroupByBudgets(double[] log10C, IReadOnlyList<double> budgets, IsoFlopFitOptions options, List<Diagnostic> diagnostics)
    {
        var sorted = budgets.Distinct().Order().ToArray();
        var centres = new double[sorted.Length];
        var claims = new List<int>[sorted.Length];
        for (int j = 0; j < sorted.Length; j++)
        {
            double lb = Math.Log10(sorted[j]);
            var near = Enumerable.Range(0, log10C.Length).Where(i => Math.Abs(log10C[i] - lb) < options.RecentreWindow).ToArray();
            claims[j] = [];
            if (near.Length == 0)
            {
                centres[j] = lb;
                continue;
            }
            centres[j] = IsoFlopMath.Median(near.Select(i => log10C[i]));
            claims[j].AddRange(near.Where(i => Math.Abs(log10C[i] - centres[j]) <= options.BudgetTolerance));
        }
        // A run claimed by two budgets goes to the nearer centre (ties to the smaller budget), so strata stay disjoint.
        var owner = new Dictionary<int, int>();
        int contested = 0;
        for (int j = 0; j < sorted.Length; j++)
        {
            foreach (int i in claims[j])
            {
                if (!owner.TryGetValue(i, out int other))
                    owner[i] = j;
                else
                {
                    contested++;
                    if (Math.Abs(log10C[i] - centres[j]) < Math.Abs(log10C[i] - centres[other]))
                        owner[i] = j;
                }
            }
        }
        if (contested > 0)
            diagnostics.Add(DiagnosticCodes.RunsContested.With($"{contested} runs lay within the tolerance of two budgets; each went to the nearer centre."));
        return Enumerable.Range(0, sorted.Length)
            .Select(j => new BudgetGroup(sorted[j], claims[j].Where(i => owner[i] == j).Order().ToArray()))
            .ToList();
    }

    private static string Label(IsoFlopBudget b) =>
        b.NominalFlops is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"{n:0.##e+0}")
            : string.Create(CultureInfo.InvariantCulture, $"at C̄ = {b.MeanFlops:0.##e+0}");
}
