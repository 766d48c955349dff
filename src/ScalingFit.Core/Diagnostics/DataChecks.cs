using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Core;

/// <summary>
/// Sanity checks of a sweep before fitting, for mistakes that parse cleanly but mislead a fit:
/// too few runs, one model size, N and D swapped, FLOPs in other units, implausibly low losses, identical duplicates.
/// </summary>
public static class DataChecks
{
    /// <summary>One petaFLOP/s-day in FLOPs (1e15 × 86,400), the unit Kaplan et al. 2020 plot compute in.</summary>
    public const double PetaflopDay = 8.64e19;

    /// <summary>Runs every check on <paramref name="runs"/>; an empty list means nothing suspicious was found.</summary>
    public static IReadOnlyList<Diagnostic> Check(RunSet runs)
    {
        var found = new List<Diagnostic>();
        var list = runs.Runs;
        if (list.Count == 0)
        {
            found.Add(DiagnosticCodes.NoRuns.With("The data holds no runs."));
            return found;
        }
        if (list.Count == 1)
            found.Add(DiagnosticCodes.SingleRun.With("The data holds a single run: no exponent can be fitted from it; a sweep needs runs at several sizes and budgets."));

        int sizes = list.Select(r => r.ParameterCount).Distinct().Count();
        if (list.Count > 1 && sizes == 1)
            found.Add(DiagnosticCodes.OneSize.With($"Every run has the same model size N = {Text(list[0].ParameterCount)}: compute-optimal sizes cannot be told apart; sweep several sizes."));

        int fewTokens = list.Count(r => r.TokensPerParameter < 1);
        if (fewTokens * 2 > list.Count)
            found.Add(DiagnosticCodes.TokensPerParameter.With($"{fewTokens} of {list.Count} runs have fewer tokens than parameters (D/N < 1): are the N and D columns swapped? Name them with ImportOptions.WithColumn(ColumnKey.ParameterCount, \"NAME\") and ImportOptions.WithColumn(ColumnKey.TokenCount, \"NAME\")."));

        var ratios = list.Select(r => r.Flops / runs.FlopRule.Flops(r.ParameterCount, r.TokenCount)).Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (ratios.Length > 0)
        {
            double median = ratios[ratios.Length / 2];
            if (median < 1e-3 || median > 1e3)
            {
                string hint = Math.Abs(Math.Log10(median * PetaflopDay)) < 1
                    ? " The ratio is about 1 / 8.64e19: the C column looks like petaFLOP/s-days; convert it to FLOPs (multiply by 8.64e19) or drop it so C = 6ND is used."
                    : " Check the units of the C column, or drop it so C = 6ND is used.";
                found.Add(DiagnosticCodes.FlopUnits.With($"The FLOPs given differ from {runs.FlopRule.Factor.ToString(CultureInfo.InvariantCulture)}·N·D by a factor of {Text(median)} (median over runs).{hint}"));
            }
        }

        var implausible = ImplausiblyLowLosses(list);
        if (implausible.Count > 0)
        {
            found.Add(DiagnosticCodes.ImplausibleLoss.With($"{implausible.Count} runs have less than half the median loss of the runs with as much compute or more "
                + $"(e.g. {string.Join(", ", implausible.Take(3).Select(r => $"{r.RunId}: L = {Text(r.Loss)}"))}): more compute should not lose to less by that much, so they look measured differently (another evaluation set, a training loss, other units than nats per token) "
                + "and would sit below a fitted irreducible loss E. Check them, or leave them out."));
        }

        var duplicates = list.GroupBy(r => (r.ParameterCount, r.TokenCount, r.Loss)).Where(g => g.Count() > 1).ToArray();
        if (duplicates.Length > 0)
            found.Add(DiagnosticCodes.DuplicateRuns.With($"{duplicates.Sum(g => g.Count() - 1)} runs repeat another run's N, D and loss exactly (e.g. {string.Join(", ", duplicates[0].Select(r => r.RunId).Take(3))}): duplicated rows weigh twice in a fit."));
        return found;
    }

    /// <summary>
    /// Runs whose loss is below half the median loss of the runs with at least their compute (themselves included).
    /// Under any law that falls with N and D, extra compute can only lower the best loss reachable, so a run far below
    /// most runs that cost as much or more is suspect; the median keeps a few such runs from hiding one another.
    /// O(n log n): runs are taken in decreasing compute, the median kept with two heaps.
    /// </summary>
    private static List<Run> ImplausiblyLowLosses(IReadOnlyList<Run> runs)
    {
        var found = new List<Run>();
        var byFlops = runs.Where(r => double.IsFinite(r.Flops) && double.IsFinite(r.Loss)).OrderByDescending(r => r.Flops).ToArray();
        var lower = new PriorityQueue<double, double>(); // the lower half, largest first
        var upper = new PriorityQueue<double, double>(); // the upper half, smallest first
        for (int start = 0; start < byFlops.Length;)
        {
            int end = start;
            while (end < byFlops.Length && byFlops[end].Flops == byFlops[start].Flops)
                end++;
            for (int i = start; i < end; i++)
            {
                double loss = byFlops[i].Loss;
                if (lower.Count == 0 || loss <= lower.Peek())
                    lower.Enqueue(loss, -loss);
                else
                    upper.Enqueue(loss, loss);
                if (lower.Count > upper.Count + 1)
                {
                    double moved = lower.Dequeue();
                    upper.Enqueue(moved, moved);
                }
                else if (upper.Count > lower.Count)
                {
                    double moved = upper.Dequeue();
                    lower.Enqueue(moved, -moved);
                }
            }
            double median = lower.Count > upper.Count ? lower.Peek() : 0.5 * (lower.Peek() + upper.Peek());
            for (int i = start; i < end; i++)
                if (byFlops[i].Loss < 0.5 * median)
                    found.Add(byFlops[i]);
            start = end;
        }
        return found;
    }

    private static string Text(double v) => Numbers.Format(v, "G4");
}
