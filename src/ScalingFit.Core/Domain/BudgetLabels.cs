namespace ScalingFit.Core;

/// <summary>
/// Merges FLOP budget labels that name one budget but were written differently (3e+9 and 3.0000001e+9, or a
/// float32 round trip): labels within a tolerance, in decades of C, of a cluster's first (smallest) label are one budget.
/// </summary>
public static class BudgetLabels
{
    /// <summary>
    /// Maps every label to its budget: labels are sorted, and each starts a new budget unless it lies within
    /// <paramref name="toleranceDecades"/> (|log10 b − log10 b₀| ≤ tolerance) of the current budget's smallest label b₀.
    /// A budget is represented by its most frequent label (ties: the smallest).
    /// </summary>
    /// <param name="labels">The labels, one per run (repeats expected); each positive and finite.</param>
    /// <param name="toleranceDecades">The half-width of a budget in decades (e.g. 0.03, the IsoFLOP budget tolerance).</param>
    /// <returns>Label → representative label; labels that stand alone map to themselves.</returns>
    public static IReadOnlyDictionary<double, double> Merge(IEnumerable<double> labels, double toleranceDecades)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(toleranceDecades >= 0) || double.IsInfinity(toleranceDecades))
            throw new ArgumentOutOfRangeException(nameof(toleranceDecades), toleranceDecades, "The tolerance is a number of decades, 0 or more.");
        var counts = labels.GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        var map = new Dictionary<double, double>();
        var sorted = counts.Keys.Order().ToArray();
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start + 1;
            var first = Math.Log10(sorted[start]);
            while (end < sorted.Length && Math.Log10(sorted[end]) - first <= toleranceDecades)
                end++;
            var representative = sorted[start];
            for (var i = start + 1; i < end; i++)
            {
                if (counts[sorted[i]] > counts[representative])
                    representative = sorted[i];
            }

            for (var i = start; i < end; i++)
                map[sorted[i]] = representative;
            start = end;
        }

        return map;
    }
}
