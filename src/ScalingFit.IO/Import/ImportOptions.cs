using System.Collections.Immutable;
using ScalingFit.Core;

namespace ScalingFit.IO;

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

    /// <summary>
    /// Row selections (<c>--where</c>), each a <see cref="RowExpression"/> over the file's columns, e.g.
    /// <c>experiment == "chinchilla" and outlier != true</c>. A row is kept when every selection holds. The import report
    /// (<see cref="ImportResult.Filters"/>) says how many rows each removed. Default: none (every row kept).
    /// </summary>
    public IReadOnlyList<string> Where { get; init; } = [];

    /// <summary>
    /// Columns whose values split the rows into groups fitted separately (<c>--group-by</c>), e.g. <c>["experiment"]</c>.
    /// Each group's runs are in <see cref="ImportResult.Groups"/>. Default: none (one sweep).
    /// </summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>
    /// Columns that together identify a run (<c>--run-key model+peak_lr</c>): the run id is their values joined by
    /// <c>/</c>. Rows that still share an id and a token count (or have different N) are an
    /// <see cref="ImportErrorCode.RunKeyCollision"/> that names the columns differing between them. Default: none (the run
    /// column, when there is one).
    /// </summary>
    public IReadOnlyList<string> RunKey { get; init; } = [];

    /// <summary>
    /// The FLOP budget read from a text column by a regular expression (<c>--budget-from Name:'isoflop-([0-9.e+]+)-'</c>):
    /// the first capture group (or the group named <c>budget</c>) parsed as a number, times <see cref="EffectiveBudgetScale"/>.
    /// Rows whose text does not match carry no budget (counted in a note). Default: null (a budget column, if any).
    /// </summary>
    public BudgetPattern? BudgetFrom { get; init; }

    /// <summary>
    /// K, multiplying every C read from the file (<c>--flops-scale</c>): 1e9 for GFLOPs, 3 for forward-only FLOPs
    /// (training ≈ 3× forward), 3e9 for forward GFLOPs. C derived as kND is not scaled. Default: 1.
    /// </summary>
    public double FlopsScale { get; init; } = 1.0;

    /// <summary>
    /// The factor for budget labels (a budget column, or <see cref="BudgetFrom"/>); null (default) uses
    /// <see cref="FlopsScale"/>. Differs from it when C is in GFLOPs but the run names give FLOPs.
    /// </summary>
    public double? BudgetScale { get; init; }

    /// <summary>The factor applied to budget labels: <see cref="BudgetScale"/> when set, else <see cref="FlopsScale"/>.</summary>
    public double EffectiveBudgetScale => BudgetScale ?? FlopsScale;

    /// <summary>
    /// Whether the file must be read as a whole table (selection, grouping, run keys, a budget pattern, or a column path into
    /// nested JSON such as <c>hyperparameters.params</c>) instead of streamed.
    /// </summary>
    /// <param name="format">The file's format.</param>
    public bool NeedsTable(ImportFormat format) =>
        Where.Count > 0 || GroupBy.Count > 0 || RunKey.Count > 0 || BudgetFrom is not null
        || (format != ImportFormat.Csv && ColumnOverrides.Values.Any(v => v.Contains('.', StringComparison.Ordinal) || v.Contains('[', StringComparison.Ordinal)));

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

    /// <summary>
    /// Parses the argument of <c>--budget-from</c>: <c>COLUMN:REGEX</c>, split at the first <c>:</c>, e.g.
    /// <c>Name:isoflop-([0-9.e+]+)-</c>.
    /// </summary>
    /// <param name="text">The argument as typed.</param>
    /// <param name="pattern">The column and pattern, when valid.</param>
    /// <param name="error">Why not, otherwise.</param>
    public static bool TryParseBudgetPattern(string? text, out BudgetPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            error = "write COLUMN:REGEX with a capture group around the number, e.g. Name:isoflop-([0-9.e+]+)-";
            return false;
        }

        var regexText = text[(colon + 1)..];
        System.Text.RegularExpressions.Regex regex;
        try
        {
            regex = new System.Text.RegularExpressions.Regex(regexText, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            error = $"'{regexText}' is not a valid regular expression: {e.Message}";
            return false;
        }

        if (regex.GetGroupNumbers().Length < 2)
        {
            error = $"'{regexText}' has no capture group: put parentheses around the number, e.g. isoflop-([0-9.e+]+)-";
            return false;
        }

        pattern = new BudgetPattern(text[..colon].Trim(), regex);
        return true;
    }
}

/// <summary>Where a run's FLOP budget is read from: a regular expression's capture on a text column.</summary>
/// <param name="Column">The column holding the text, e.g. <c>Name</c>.</param>
/// <param name="Pattern">The pattern; its group named <c>budget</c>, or else its first group, is the number.</param>
public sealed record BudgetPattern(string Column, System.Text.RegularExpressions.Regex Pattern)
{
    /// <summary>The budget in <paramref name="text"/> (unscaled), or null when the pattern does not match or the capture is no number.</summary>
    /// <param name="text">The cell's text.</param>
    public double? Extract(string? text)
    {
        if (text is null)
            return null;
        var match = Pattern.Match(text);
        if (!match.Success)
            return null;
        var group = match.Groups["budget"].Success ? match.Groups["budget"] : match.Groups[1];
        return group.Success && double.TryParse(group.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
               && value > 0 && double.IsFinite(value)
            ? value
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Column}:{Pattern}";
}
