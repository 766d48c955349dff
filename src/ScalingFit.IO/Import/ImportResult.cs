using System.Globalization;
using System.Text;
using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>The file formats <see cref="RunImporter"/> reads.</summary>
public enum ImportFormat
{
    /// <summary>Comma-separated values with a header row (<c>.csv</c>); <c>;</c> or tab separators are detected from the header.</summary>
    Csv,

    /// <summary>JSON Lines (<c>.jsonl</c>): one object per line.</summary>
    JsonLines,

    /// <summary>A JSON array of objects (<c>.json</c>).</summary>
    JsonArray,

    /// <summary>
    /// A <c>Microsoft.Data.Analysis.DataFrame</c> in memory (<c>RunSet.FromDataFrame</c>): issues are located by row index
    /// (<see cref="ImportIssue.RowIndex"/>) and column name. Never chosen for a file.
    /// </summary>
    DataFrame,
}

/// <summary>
/// What an import produced: the runs (and curves) plus every problem found, located by line and column.
/// Reading <see cref="RunSet"/> of a failed import throws <see cref="ImportFailedException"/> with the first located
/// error, so a failed import cannot be mistaken for empty data.
/// </summary>
public sealed record ImportResult
{
    private readonly RunSet _runSet = new([]);

    /// <summary>The file's path or display name.</summary>
    public required string File { get; init; }

    /// <summary>How the file was read; null when its extension is not one the importer reads.</summary>
    public required ImportFormat? Format { get; init; }

    /// <summary>The runs, and the training curves when a run had several rows.</summary>
    /// <exception cref="ImportFailedException">The import failed (<see cref="Succeeded"/> is false): the message is the first located error.</exception>
    public required RunSet RunSet
    {
        get => Succeeded ? _runSet : throw new ImportFailedException(this);
        init => _runSet = value;
    }

    /// <summary>Rows rejected and problems that stop the import. Any error means the import failed.</summary>
    public required IReadOnlyList<ImportIssue> Errors { get; init; }

    /// <summary>Things worth knowing that do not stop the import: rows left out under --skip-bad-rows, curves sorted, C vs 6ND.</summary>
    public required IReadOnlyList<ImportIssue> Notes { get; init; }

    /// <summary>Data rows read (records or objects, not counting the header and blank lines).</summary>
    public int RowsRead { get; init; }

    /// <summary>Data rows in <see cref="RunSet"/> (as runs or curve points); 0 when the import failed.</summary>
    public int RowsKept { get; init; }

    /// <summary>Data rows found bad (rejected, or left out under --skip-bad-rows), including those not listed.</summary>
    public int RowsRejected { get; init; }

    /// <summary>The column (header name or JSON key) used for each quantity found.</summary>
    public IReadOnlyDictionary<ColumnKey, string> Columns { get; init; } = new Dictionary<ColumnKey, string>();

    /// <summary>True when the file has no D column and D was computed as C / (kN).</summary>
    public bool TokensDerived { get; init; }

    /// <summary>True when the file has no C column and C was computed as kND.</summary>
    public bool FlopsDerived { get; init; }

    /// <summary>True when the file has no N column and N was computed as C / (kD).</summary>
    public bool ParametersDerived { get; init; }

    /// <summary>
    /// Each selection (<see cref="ImportOptions.Where"/>) with the rows it removed, in the order applied. Empty without selections.
    /// </summary>
    public IReadOnlyList<RowFilterCount> Filters { get; init; } = [];

    /// <summary>
    /// The groups of <see cref="ImportOptions.GroupBy"/>, in order of first appearance, each imported on its own (a group
    /// whose import failed carries its errors and an empty run set). Empty without grouping; <see cref="RunSet"/> then holds
    /// every group's runs, with run ids prefixed by the group.
    /// </summary>
    public IReadOnlyList<ImportGroup> Groups { get; init; } = [];

    /// <summary>True when there are no errors: <see cref="RunSet"/> holds at least one run and may be used.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// A fixed-section summary for people: Data (counts), Columns (which column gave what, what was derived), Errors, Notes.
    /// </summary>
    public string ToReport()
    {
        var ic = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        builder.Append(ic, $"Import of {File} ({Format?.ToString() ?? "unknown format"}): {(Succeeded ? "succeeded" : "failed")}").AppendLine();
        builder.AppendLine("Data");
        builder.Append(ic, $"  rows read {RowsRead}, kept {RowsKept}, rejected {RowsRejected}").AppendLine();
        builder.Append(ic, $"  runs {_runSet.Runs.Count}, curves {_runSet.Curves.Count}").AppendLine();
        builder.AppendLine("Columns");
        foreach (var key in ColumnKeys.All)
        {
            if (Columns.TryGetValue(key, out var name))
                builder.Append(ic, $"  {ColumnKeys.Describe(key)}: '{name}'").AppendLine();
        }

        var k = _runSet.FlopRule.Factor.ToString("G6", ic);
        if (TokensDerived)
            builder.Append(ic, $"  D derived as C / ({k}N)").AppendLine();
        if (FlopsDerived)
            builder.Append(ic, $"  C derived as {k}ND").AppendLine();
        if (ParametersDerived)
            builder.Append(ic, $"  N derived as C / ({k}D)").AppendLine();
        if (Filters.Count > 0)
        {
            builder.AppendLine("Selection");
            foreach (var filter in Filters)
                builder.Append(ic, $"  {filter}").AppendLine();
        }

        if (Groups.Count > 0)
        {
            builder.AppendLine("Groups");
            foreach (var group in Groups)
                builder.Append(ic, $"  {group.Name}: {group.Rows} rows, {group.Import.RunSet.Runs.Count} runs{(group.Import.Succeeded ? "" : ", import failed")}").AppendLine();
        }

        builder.AppendLine("Errors");
        if (Errors.Count == 0)
            builder.AppendLine("  none");
        foreach (var issue in Errors)
            builder.Append(ic, $"  [{issue.Code}] {issue}").AppendLine();
        builder.AppendLine("Notes");
        if (Notes.Count == 0)
            builder.AppendLine("  none");
        foreach (var issue in Notes)
            builder.Append(ic, $"  [{issue.Code}] {issue}").AppendLine();
        return builder.ToString();
    }
}

/// <summary>How many rows one selection removed.</summary>
/// <param name="Expression">The selection as given.</param>
/// <param name="RowsBefore">Rows it was applied to.</param>
/// <param name="RowsRemoved">Rows it removed.</param>
public sealed record RowFilterCount(string Expression, int RowsBefore, int RowsRemoved)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"where {Expression}: removed {RowsRemoved} of {RowsBefore} rows, kept {RowsBefore - RowsRemoved}");
}

/// <summary>One group of <see cref="ImportOptions.GroupBy"/>: its name, the values that define it, and its own import.</summary>
/// <param name="Name">The group's label, e.g. <c>experiment=chinchilla</c> or <c>experiment=a, dataset=b</c>.</param>
/// <param name="Values">The grouping column → value.</param>
/// <param name="Rows">Data rows in the group (after selection).</param>
/// <param name="Import">The group's runs and issues, as if the group were a file of its own.</param>
public sealed record ImportGroup(string Name, IReadOnlyDictionary<string, string> Values, int Rows, ImportResult Import);

/// <summary>
/// Thrown when the runs of a failed import are read (<see cref="ImportResult.RunSet"/>): the message is the first located
/// error (file, line, column, what to do), followed by how many more there are.
/// </summary>
public sealed class ImportFailedException : InvalidOperationException
{
    /// <summary>An exception for the failed <paramref name="result"/>.</summary>
    public ImportFailedException(ImportResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    /// <summary>The failed import, with every error.</summary>
    public ImportResult Result { get; }

    private static string Describe(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count == 0)
            return $"{result.File}: the import failed.";
        string more = result.Errors.Count > 1 ? $" ({result.Errors.Count - 1} more problems: see ImportResult.Errors)" : "";
        return result.Errors[0] + more;
    }
}
