using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>One sweep of a comparison of groups (e.g. one recipe of a tracker export split by a column).</summary>
/// <param name="Name">The group's label, e.g. <c>recipe=baseline</c>.</param>
/// <param name="Runs">Its runs; null when they could not be read (then <paramref name="Problem"/> says why).</param>
/// <param name="Problem">Why the group has no runs (e.g. its first import error), or null.</param>
public sealed record SweepGroup(string Name, RunSet? Runs, string? Problem = null);

/// <summary>
/// Options of <see cref="O:ScalingFit.Fitting.GroupComparer.Compare"/>. Every default is visible here; change them with <c>with { … }</c>.
/// </summary>
/// <param name="Fit">How every group is fitted (default <see cref="FitAllOptions.Default"/>: every approach the data supports).</param>
/// <param name="Frontier">The loss frontier L*(C) of every fit, with the base's bootstrap (default <see cref="LossFrontierOptions.Default"/>);
/// each variant is resampled with <see cref="FrontierComparer.VariantBootstrap"/> of it.</param>
/// <param name="Budgets">FLOP budgets to compare at; null for <see cref="FrontierComparer.DefaultBudgets"/> of each pair.</param>
/// <param name="Extrapolate">Compare at budgets that lie outside the FLOP range of both sweeps of a pair (default false:
/// such a pair is not compared).</param>
public sealed record GroupComparisonOptions(
    FitAllOptions? Fit = null,
    LossFrontierOptions? Frontier = null,
    IReadOnlyList<double>? Budgets = null,
    bool Extrapolate = false)
{
    /// <summary>Every approach, default frontiers and bootstrap, five budgets per pair, no extrapolation.</summary>
    public static GroupComparisonOptions Default { get; } = new();
}

/// <summary>Why a variant (or one of its approaches) was not compared with the base.</summary>
public enum NotComparedReason
{
    /// <summary>The group's runs could not be read.</summary>
    ImportFailed,

    /// <summary>The approach (or its loss frontier) could not be fitted to the variant, or to the base.</summary>
    NotFitted,

    /// <summary>A budget asked lies outside the FLOP range of both sweeps and <see cref="GroupComparisonOptions.Extrapolate"/> is off.</summary>
    BudgetsOutsideData,
}

/// <summary>One variant group against the base, for one approach: the comparison, or why there is none.</summary>
/// <param name="Variant">The variant group's name.</param>
/// <param name="Approach">The approach; null when the whole group was skipped (its import failed, or no approach could be fitted).</param>
/// <param name="Comparison">The comparison; null when not compared.</param>
/// <param name="Reason">Why not compared; null when compared.</param>
/// <param name="Message">The reason in words (the library's), null when compared.</param>
public sealed record GroupComparisonRow(string Variant, Approach? Approach, FrontierComparison? Comparison, NotComparedReason? Reason, string? Message);

/// <summary>
/// Every group of a sweep compared with one base group: the base's frontiers, and one row per variant and approach.
/// </summary>
/// <param name="BaseGroup">The base group's name.</param>
/// <param name="BaseFrontiers">The base's fitted loss frontiers (one per approach that succeeded).</param>
/// <param name="Rows">One row per variant (in the groups' order) and approach fitted to the base; one row per variant
/// (with a null approach) when its import failed or the base could not be fitted at all. Approaches the base could not be
/// fitted with are in <paramref name="Notes"/>.</param>
/// <param name="Notes">Decisions and skips worth telling the user (fit notes, approaches skipped for the base), one sentence each.</param>
public sealed record GroupComparisonResult(string BaseGroup, IReadOnlyList<LossFrontier> BaseFrontiers, IReadOnlyList<GroupComparisonRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The comparisons made, in row order.</summary>
    public IReadOnlyList<(string Variant, FrontierComparison Comparison)> Comparisons =>
        [.. Rows.Where(r => r.Comparison is not null).Select(r => (r.Variant, r.Comparison!))];

    /// <summary>True when at least one comparison has a finite multiplier at one budget.</summary>
    public bool HasMultiplier => Rows.Any(r => r.Comparison is { HasMultiplier: true });
}

/// <summary>
/// "Compare every group with the base" (issue 13, <c>compare --group-by COL --compare-to GROUP</c>): each group of one sweep
/// file is fitted on its own, the same way, and every group but the base is compared with the base by
/// <see cref="FrontierComparer.Compare"/> (the effective compute multiplier k(C) = C_base(L*_variant(C)) / C with a
/// bootstrap interval, the loss gap, the crossings).
/// Seeds: the base is resampled with the frontier options' bootstrap and every variant with
/// <see cref="FrontierComparer.VariantBootstrap"/> of it (seed + 1), exactly as the two-file comparison; so each
/// comparison is deterministic, equals the two-file comparison of the same two sweeps, and does not depend on which other
/// groups the file holds or in which order.
/// A group that cannot be read or fitted is a row with its reason, never an exception.
/// </summary>
public static class GroupComparer
{
    /// <summary>Fits every group and compares each with <paramref name="baseGroup"/>.</summary>
    /// <param name="groups">The groups, in the order to report (at least two, names distinct).</param>
    /// <param name="baseGroup">The base group's name (one of <paramref name="groups"/>, compared ordinally).</param>
    /// <param name="options">Options (default <see cref="GroupComparisonOptions.Default"/>).</param>
    /// <param name="progress">Receives each fit's progress (starts and bootstraps), group after group.</param>
    /// <param name="cancellationToken">Stops the fits; throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The result; when the base has no frontier at all, <see cref="GroupComparisonResult.BaseFrontiers"/> is empty and every row says why.</returns>
    /// <exception cref="ArgumentException">Fewer than two groups; <paramref name="baseGroup"/> is not among them (the message
    /// lists the groups); the base group has no runs; or a budget is not finite and positive.</exception>
    public static GroupComparisonResult Compare(IReadOnlyList<SweepGroup> groups, string baseGroup, GroupComparisonOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Compare(groups, baseGroup, options, _ => progress, cancellationToken);

    /// <summary>
    /// As <see cref="Compare(IReadOnlyList{SweepGroup}, string, GroupComparisonOptions?, IProgress{FitProgress}?, CancellationToken)"/>,
    /// with a progress reporter per group (e.g. one progress bar per group and stage).
    /// </summary>
    /// <param name="groups">The groups, in the order to report (at least two, names distinct).</param>
    /// <param name="baseGroup">The base group's name.</param>
    /// <param name="options">Options (default <see cref="GroupComparisonOptions.Default"/>).</param>
    /// <param name="progressFor">The reporter of a group's fits, asked once per group by its name (null: none).</param>
    /// <param name="cancellationToken">Stops the fits; throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">As the other overload.</exception>
    public static GroupComparisonResult Compare(IReadOnlyList<SweepGroup> groups, string baseGroup, GroupComparisonOptions? options,
        Func<string, IProgress<FitProgress>?> progressFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progressFor);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(baseGroup);
        options ??= GroupComparisonOptions.Default;
        if (options.Budgets is { } asked && asked.Any(c => !(c > 0) || !double.IsFinite(c)))
            throw new ArgumentException("Every budget must be a finite, positive FLOP count.", nameof(options));
        if (groups.Count < 2)
            throw new ArgumentException($"A comparison needs at least two groups; the data has {groups.Count}{(groups.Count == 1 ? $" ({groups[0].Name})" : "")}.", nameof(groups));
        var baseSweep = groups.FirstOrDefault(g => string.Equals(g.Name, baseGroup, StringComparison.Ordinal))
            ?? throw new ArgumentException($"No group is named '{baseGroup}'; the groups are: {string.Join("; ", groups.Select(g => g.Name))}.", nameof(baseGroup));
        if (baseSweep.Runs is null)
            throw new ArgumentException($"The base group {baseSweep.Name} has no runs: {baseSweep.Problem ?? "its import failed"}.", nameof(groups));

        var fit = options.Fit ?? FitAllOptions.Default;
        var frontier = options.Frontier ?? LossFrontierOptions.Default;
        var variantFrontier = frontier with { Bootstrap = FrontierComparer.VariantBootstrap(frontier.EffectiveBootstrap) };
        var notes = new List<string>();
        var rows = new List<GroupComparisonRow>();

        var (baseFrontiers, baseMissing) = Frontiers(baseSweep.Runs, fit, frontier, notes, baseSweep.Name, progressFor(baseSweep.Name), cancellationToken);
        foreach (var (approach, why) in baseMissing)
            notes.Add($"{baseSweep.Name} (base): {approach.Name()} not fitted: {why}");

        foreach (var variant in groups.Where(g => !ReferenceEquals(g, baseSweep)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (variant.Runs is null)
            {
                rows.Add(new GroupComparisonRow(variant.Name, null, null, NotComparedReason.ImportFailed, variant.Problem ?? "its import failed."));
                continue;
            }
            if (baseFrontiers.Count == 0)
            {
                rows.Add(new GroupComparisonRow(variant.Name, null, null, NotComparedReason.NotFitted, $"the base group {baseSweep.Name} could not be fitted with any approach."));
                continue;
            }
            var (variantFrontiers, variantMissing) = Frontiers(variant.Runs, fit with { Approaches = [.. baseFrontiers.Select(f => f.Approach)] },
                variantFrontier, notes, variant.Name, progressFor(variant.Name), cancellationToken);
            foreach (var bf in baseFrontiers)
            {
                if (variantFrontiers.FirstOrDefault(v => v.Approach == bf.Approach) is not { } vf)
                {
                    string why = variantMissing.FirstOrDefault(m => m.Approach == bf.Approach).Reason ?? "not fitted.";
                    rows.Add(new GroupComparisonRow(variant.Name, bf.Approach, null, NotComparedReason.NotFitted, why));
                    continue;
                }
                var at = options.Budgets ?? FrontierComparer.DefaultBudgets(bf, vf);
                var outside = FrontierComparer.OutsideBothSweeps(bf, vf, at);
                if (outside.Length > 0 && !options.Extrapolate)
                {
                    rows.Add(new GroupComparisonRow(variant.Name, bf.Approach, null, NotComparedReason.BudgetsOutsideData,
                        $"the budget(s) {string.Join(", ", outside.Select(c => Numbers.Scientific(c)))} lie outside the FLOP range of both sweeps "
                        + $"(base {Numbers.Scientific(bf.DataFlops.Min)}–{Numbers.Scientific(bf.DataFlops.Max)}, variant {Numbers.Scientific(vf.DataFlops.Min)}–{Numbers.Scientific(vf.DataFlops.Max)}); "
                        + "choose budgets inside one of them, or set GroupComparisonOptions.Extrapolate to compare the fitted frontiers there anyway."));
                    continue;
                }
                rows.Add(new GroupComparisonRow(variant.Name, bf.Approach, FrontierComparer.Compare(bf, vf, at), null, null));
            }
        }
        return new GroupComparisonResult(baseSweep.Name, baseFrontiers, rows, notes);
    }

    private static (List<LossFrontier> Frontiers, List<(Approach Approach, string Reason)> Missing) Frontiers(RunSet runs, FitAllOptions fit,
        LossFrontierOptions frontier, List<string> notes, string group, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var outcome = ScalingLaws.FitAll(runs, fit, progress, cancellationToken);
        notes.AddRange(outcome.Notes.Select(n => $"{group}: {n}"));
        var missing = outcome.Skipped.Select(s => (s.Approach, s.Reason)).ToList();
        var frontiers = new List<LossFrontier>();
        foreach (var f in outcome.Fits)
        {
            var lf = LossFrontierFitter.Fit(f, runs, frontier, progress, cancellationToken);
            if (lf.Succeeded)
                frontiers.Add(lf);
            else
                missing.Add((f.Approach, lf.FailureReason ?? "no loss frontier could be fitted."));
        }
        return (frontiers, missing);
    }
}
