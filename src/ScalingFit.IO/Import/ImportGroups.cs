using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// The groups of an import made with <see cref="ImportOptions.GroupBy"/> as sweeps to compare
/// (<see cref="O:ScalingFit.Fitting.GroupComparer.Compare"/>), and a group found by its name or its values.
/// </summary>
public static class ImportGroups
{
    /// <summary>Each group as a <see cref="SweepGroup"/>: its runs, or (when its import failed) its first error.</summary>
    /// <param name="import">An import made with <see cref="ImportOptions.GroupBy"/>.</param>
    public static IReadOnlyList<SweepGroup> Sweeps(ImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return [.. import.Groups.Select(g => g.Import.Succeeded
            ? new SweepGroup(g.Name, g.Import.RunSet)
            : new SweepGroup(g.Name, null, g.Import.Errors[0].ToString()))];
    }

    /// <summary>
    /// The name of the group <paramref name="text"/> names: its full name (<c>recipe=base</c>) or its values alone
    /// (<c>base</c>; <c>a, b</c> for several grouping columns); full names first, then values, each compared ordinally and
    /// then ignoring case. Null when none, or when the values alone match several groups.
    /// </summary>
    /// <param name="import">An import made with <see cref="ImportOptions.GroupBy"/>.</param>
    /// <param name="text">What the user wrote.</param>
    public static string? Find(ImportResult import, string text)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            if (import.Groups.FirstOrDefault(g => string.Equals(g.Name, text, comparison)) is { } byName)
                return byName.Name;
            var byValues = import.Groups.Where(g => string.Equals(string.Join(", ", g.Values.Values), text, comparison)).ToList();
            if (byValues.Count == 1)
                return byValues[0].Name;
            if (byValues.Count > 1)
                return null;
        }
        return null;
    }
}
