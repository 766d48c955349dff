namespace ScalingFit.IO;

/// <summary>Which column (0-based index into <see cref="Names"/>) holds each quantity; −1 when absent.</summary>
internal sealed class ColumnLayout
{
    private ColumnLayout(IReadOnlyList<string> names) => Names = names;

    public IReadOnlyList<string> Names { get; }

    public int Run { get; private set; } = -1;

    public int N { get; private set; } = -1;

    public int D { get; private set; } = -1;

    public int C { get; private set; } = -1;

    public int Loss { get; private set; } = -1;

    public int Budget { get; private set; } = -1;

    /// <summary>The distinct columns used, in file order (errors in a row are reported for the leftmost bad one).</summary>
    public int[] Used { get; private set; } = [];

    /// <summary>For each column, whether it is used.</summary>
    public bool[] IsUsed { get; private set; } = [];

    public int Count => Names.Count;

    public string NameOf(int column) => column >= 0 && column < Names.Count ? Names[column] : $"field {column + 1}";

    public IReadOnlyDictionary<ColumnKey, string> ToColumns()
    {
        var map = new Dictionary<ColumnKey, string>();
        void Add(ColumnKey key, int index)
        {
            if (index >= 0)
                map[key] = Names[index];
        }

        Add(ColumnKey.ParameterCount, N);
        Add(ColumnKey.TokenCount, D);
        Add(ColumnKey.Flops, C);
        Add(ColumnKey.Loss, Loss);
        Add(ColumnKey.RunId, Run);
        Add(ColumnKey.FlopBudget, Budget);
        return map;
    }

    /// <summary>
    /// Finds the columns for every key, reporting missing ones (fatal) and ambiguous ones (notes) to <paramref name="session"/>.
    /// Returns null when a required column is missing.
    /// </summary>
    /// <param name="names">Header names (or the first JSON object's keys), in order.</param>
    /// <param name="session">Receives issues.</param>
    /// <param name="line">Where the header is, for issues.</param>
    /// <param name="column">Where the header is, for issues (0 for a CSV header).</param>
    public static ColumnLayout? Resolve(IReadOnlyList<string> names, ImportSession session, int line, int column)
    {
        var layout = new ColumnLayout(names);
        var normalized = names.Select(ColumnKeys.NormalizeName).ToArray();
        var taken = new ColumnKey?[names.Count];
        var found = new Dictionary<ColumnKey, int>();
        var ok = true;

        // Overrides first, so that a name given explicitly is never taken by an alias of another key.
        foreach (var (key, overrideName) in session.Options.ColumnOverrides)
        {
            var wanted = ColumnKeys.NormalizeName(overrideName);
            var index = Array.IndexOf(normalized, wanted);
            if (index < 0)
            {
                session.Fatal(line, column, ImportErrorCode.MissingColumn, ImportMessages.OverrideNotFound(key, overrideName, names));
                ok = false;
                continue;
            }

            found[key] = index;
            taken[index] ??= key;
        }

        foreach (var key in ColumnKeys.All)
        {
            if (found.ContainsKey(key))
                continue;
            foreach (var alias in ColumnKeys.Aliases(key))
            {
                var wanted = ColumnKeys.NormalizeName(alias);
                var index = -1;
                for (var i = 0; i < normalized.Length; i++)
                {
                    // A budget column may also be C (cli-contract.md lists compute_budget and budget under C).
                    var free = taken[i] is null || (key == ColumnKey.FlopBudget && taken[i] == ColumnKey.Flops);
                    if (free && normalized[i] == wanted)
                    {
                        index = i;
                        break;
                    }
                }

                if (index >= 0)
                {
                    found[key] = index;
                    taken[index] ??= key;
                    break;
                }
            }
        }

        // Tracker exports and flattened JSON: a path whose last part is a usual name (throughput/total_tokens, hyperparameters.params).
        foreach (var key in ColumnKeys.All)
        {
            // The loss is left to the loss-like rule below, which lists every candidate when there are several.
            if (found.ContainsKey(key) || key is ColumnKey.FlopBudget or ColumnKey.Loss)
                continue;
            var aliases = ColumnKeys.Aliases(key).Where(a => a.Length > 1).Select(ColumnKeys.NormalizeName).ToHashSet(StringComparer.Ordinal);
            var matches = Enumerable.Range(0, names.Count)
                .Where(i => taken[i] is null && names[i] != ColumnKeys.LastSegment(names[i]) && aliases.Contains(ColumnKeys.NormalizeName(ColumnKeys.LastSegment(names[i]))))
                .ToList();
            if (matches.Count == 0)
                continue;
            found[key] = matches[0];
            taken[matches[0]] = key;
            session.Note(line, column, ImportErrorCode.ColumnRecognised, ImportMessages.ColumnRecognised(key, names[matches[0]], matches.Skip(1).Select(i => names[i])), names[matches[0]]);
        }

        // No usual loss name: a single loss-like column (eval/paloma/macro_loss, train/loss) is the loss; several need a choice.
        if (!found.ContainsKey(ColumnKey.Loss) && !session.Options.ColumnOverrides.ContainsKey(ColumnKey.Loss))
        {
            var candidates = Enumerable.Range(0, names.Count).Where(i => taken[i] is null && ColumnKeys.LooksLikeLoss(names[i])).ToList();
            if (candidates.Count == 1)
            {
                found[ColumnKey.Loss] = candidates[0];
                taken[candidates[0]] = ColumnKey.Loss;
                session.Note(line, column, ImportErrorCode.ColumnRecognised, ImportMessages.ColumnRecognised(ColumnKey.Loss, names[candidates[0]], []), names[candidates[0]]);
            }
            else if (candidates.Count > 1)
            {
                session.Fatal(line, column, ImportErrorCode.ColumnChoiceNeeded, ImportMessages.ColumnChoiceNeeded(ColumnKey.Loss, candidates.Select(i => names[i]).ToList()));
                return null;
            }
        }

        // A file with only flop_budget: the budget is the run's compute.
        if (!found.ContainsKey(ColumnKey.Flops) && found.TryGetValue(ColumnKey.FlopBudget, out var budgetIndex))
            found[ColumnKey.Flops] = budgetIndex;

        // N may be derived as C / (kD) when both D and C are given.
        var nDerivable = found.ContainsKey(ColumnKey.TokenCount) && found.ContainsKey(ColumnKey.Flops);
        foreach (var key in new[] { ColumnKey.ParameterCount, ColumnKey.Loss })
        {
            if (key == ColumnKey.ParameterCount && nDerivable)
                continue;
            if (!found.ContainsKey(key) && !session.Options.ColumnOverrides.ContainsKey(key))
            {
                session.Fatal(line, column, ImportErrorCode.MissingColumn, ImportMessages.MissingColumn(key, names));
                ok = false;
            }
        }

        if (!found.ContainsKey(ColumnKey.TokenCount) && !found.ContainsKey(ColumnKey.Flops)
            && !session.Options.ColumnOverrides.ContainsKey(ColumnKey.TokenCount) && !session.Options.ColumnOverrides.ContainsKey(ColumnKey.Flops))
        {
            session.Fatal(line, column, ImportErrorCode.MissingColumn, ImportMessages.MissingTokensAndFlops(names));
            ok = false;
        }

        if (!ok)
            return null;

        layout.N = found.GetValueOrDefault(ColumnKey.ParameterCount, -1);
        layout.D = found.GetValueOrDefault(ColumnKey.TokenCount, -1);
        layout.C = found.GetValueOrDefault(ColumnKey.Flops, -1);
        layout.Loss = found.GetValueOrDefault(ColumnKey.Loss, -1);
        layout.Run = found.GetValueOrDefault(ColumnKey.RunId, -1);
        layout.Budget = found.GetValueOrDefault(ColumnKey.FlopBudget, -1);

        var used = new[] { layout.Run, layout.N, layout.D, layout.C, layout.Loss, layout.Budget }.Where(i => i >= 0).Distinct().Order().ToArray();
        layout.Used = used;
        layout.IsUsed = new bool[names.Count];
        foreach (var i in used)
            layout.IsUsed[i] = true;

        foreach (var key in new[] { ColumnKey.ParameterCount, ColumnKey.TokenCount, ColumnKey.Flops, ColumnKey.Loss, ColumnKey.RunId })
        {
            if (!found.TryGetValue(key, out var index) || session.Options.ColumnOverrides.ContainsKey(key))
                continue;
            var aliases = ColumnKeys.Aliases(key).Select(ColumnKeys.NormalizeName).ToHashSet(StringComparer.Ordinal);
            var ignored = Enumerable.Range(0, names.Count)
                .Where(i => !layout.IsUsed[i] && aliases.Contains(normalized[i]))
                .Select(i => names[i])
                .ToList();
            if (ignored.Count > 0)
                session.Note(line, column, ImportErrorCode.AmbiguousColumn, ImportMessages.AmbiguousColumn(key, names[index], ignored), names[index]);
        }

        return layout;
    }
}
