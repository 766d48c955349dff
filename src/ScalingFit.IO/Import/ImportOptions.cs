using System.Collections.Immutable;
using ScalingFit.Core.Domain;

namespace ScalingFit.IO.Import;

/// <summary>
/// How <see cref="RunImporter"/> reads a file. Every default is here; change them with <c>with { … }</c>.
/// </summary>
public sealed record ImportOptions
{
    /// <summary>
    /// The defaults: columns found by their common names, C = 6ND, bad rows rejected (the import fails),
    /// C and 6ND allowed to differ by 10%, at most 100 issues listed.
    /// </summary>
    public static ImportOptions Default { get; } = new();

    /// <summary>
    /// Column names given explicitly (<c>--column KEY=NAME</c>), matched like the built-in names
    /// (case, whitespace and underscores ignored). Default: none. Compared by reference in record equality.
    /// </summary>
    public IReadOnlyDictionary<ColumnKey, string> ColumnOverrides { get; init; } = ImmutableDictionary<ColumnKey, string>.Empty;

    /// <summary>
    /// How C relates to N and D: fills in D = C / (kN) or C = kND when one is missing, and is the reference for
    /// <see cref="FlopDisagreementTolerance"/>. Default: C = 6ND.
    /// </summary>
    public FlopRule FlopRule { get; init; } = FlopRule.Default;

    /// <summary>
    /// False (default): any bad row is an error and the import fails, listing every bad row.
    /// True (<c>--skip-bad-rows</c>): bad rows are left out and listed as notes; the import succeeds when a row is left.
    /// Errors in the file's structure (an unterminated quote, a malformed JSON array, missing columns) fail the import either way.
    /// </summary>
    public bool SkipBadRows { get; init; }

    /// <summary>
    /// When a row gives both D and C, the relative difference |C − kND| / kND above which it is counted in a
    /// <see cref="ImportErrorCode.FlopDisagreement"/> note. The file's C is kept either way. Default: 0.10.
    /// </summary>
    public double FlopDisagreementTolerance { get; init; } = 0.10;

    /// <summary>
    /// At most this many errors (and as many skipped-row notes) are listed; one more issue with code
    /// <see cref="ImportErrorCode.TooManyIssues"/> counts the rest. Default: 100.
    /// </summary>
    public int MaxReportedIssues { get; init; } = 100;

    /// <summary>These options with the column for <paramref name="key"/> named explicitly (as <c>--column KEY=NAME</c> does).</summary>
    /// <param name="key">Which quantity.</param>
    /// <param name="columnName">The header name or JSON key that holds it.</param>
    public ImportOptions WithColumn(ColumnKey key, string columnName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(columnName);
        var overrides = ColumnOverrides.ToImmutableDictionary().SetItem(key, columnName);
        return this with { ColumnOverrides = overrides };
    }

    /// <summary>
    /// Parses the argument of <c>--column</c>: <c>KEY=NAME</c> with KEY one of <c>n</c>, <c>d</c>, <c>c</c>,
    /// <c>loss</c>, <c>run</c>, <c>budget</c>. The name may contain spaces and <c>=</c>; only the first <c>=</c> splits.
    /// </summary>
    /// <param name="text">The argument as typed, e.g. <c>n=Model Size</c>.</param>
    /// <param name="key">The key, when the argument is valid.</param>
    /// <param name="columnName">The column name, when the argument is valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid <c>KEY=NAME</c>.</returns>
    public static bool TryParseColumnOverride(string? text, out ColumnKey key, out string columnName)
    {
        key = default;
        columnName = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            return false;
        if (!ColumnKeys.TryParse(text[..equals], out key))
            return false;
        columnName = text[(equals + 1)..].Trim();
        return columnName.Length > 0;
    }
}
