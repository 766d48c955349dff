using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Imports a file read whole as a <see cref="LogTable"/>: applies the selections, derives the run key and the budget from
/// a pattern, checks that the key tells runs apart, splits groups, then hands each part to the streaming importer (as CSV
/// in memory) so that every row rule (missing values, D = C/(kN), duplicates, budgets) is the same as for any file.
/// Issues are mapped back to the file's own lines.
/// </summary>
internal static partial class TableImport
{
    private const int MaxExamples = 3;

    public static ImportResult Import(Stream stream, ImportFormat format, string displayName, ImportOptions options, CancellationToken ct)
    {
        var table = LogTable.Read(stream, format, options.SkipBadRows, ct);
        if (table.Error is { } error)
            return Failed(displayName, format, options, table.Rows.Count, error.Line, error.Column, error.Code, error.Message);
        if (table.Rows.Count == 0)
        {
            return Failed(displayName, format, options, 0, 0, 0, ImportErrorCode.EmptyFile,
                format == ImportFormat.Csv ? ImportMessages.NoDataRows() : ImportMessages.NoJsonObjects());
        }

        var names = table.Columns.ToList();
        var problems = new List<(ImportErrorCode Code, string Message)>();
        var selections = new List<(string Text, Func<IReadOnlyList<string?>, bool> Keep)>();
        foreach (var text in options.Where)
        {
            if (!RowExpression.TryParse(text, out var expression, out var parseError))
                problems.Add((ImportErrorCode.InvalidSelection, ImportMessages.InvalidSelection(parseError!)));
            else if (expression!.CheckColumns(names) is { } columnError)
                problems.Add((ImportErrorCode.UnknownColumn, ImportMessages.InvalidSelection(columnError)));
            else
                selections.Add((text, expression.Bind(names)));
        }

        var groupColumns = ResolveColumns("--group-by", options.GroupBy, names, problems);
        var keyColumns = ResolveColumns("--run-key", options.RunKey, names, problems);
        var budgetColumn = options.BudgetFrom is { } pattern ? ResolveColumns("--budget-from", [pattern.Column], names, problems).FirstOrDefault(-1) : -1;
        if (problems.Count > 0)
            return Failed(displayName, format, options, table.Rows.Count, problems.Select(p => (0, 0, p.Code, p.Message)).ToList());

        // 1. Selection, each expression in turn so that the report can say what each removed.
        var rows = table.Rows;
        var filters = new List<RowFilterCount>();
        foreach (var (text, keep) in selections)
        {
            var kept = rows.Where(r => keep(r.Cells)).ToList();
            filters.Add(new RowFilterCount(text, rows.Count, rows.Count - kept.Count));
            rows = kept;
        }

        var notes = table.Skipped.Select(k => new ImportIssue(displayName, k.Line, k.Column, k.Code, k.Message)).ToList();
        foreach (var filter in filters)
            notes.Add(new ImportIssue(displayName, 0, 0, ImportErrorCode.RowsFiltered, filter.ToString()));
        if (rows.Count == 0)
        {
            var failed = Failed(displayName, format, options, table.Rows.Count, 0, 0, ImportErrorCode.NoUsableRows,
                $"the selection removed every row ({string.Join("; ", filters)}). Check the expressions against the file's values.");
            return failed with { Filters = filters };
        }

        // 2. Derived columns: the budget from a pattern, the run key.
        var innerOptions = options with { Where = [], GroupBy = [], RunKey = [], BudgetFrom = null };
        if (options.BudgetFrom is { } budgetFrom)
        {
            var column = table.AddColumn($"budget from {names[budgetColumn]}");
            names = table.Columns.ToList();
            var unmatched = new List<(int Line, string Text)>();
            var unmatchedCount = 0;
            rows = rows.Select(r =>
            {
                var cells = Widen(r.Cells, names.Count);
                var text = LogTable.Cell(cells, budgetColumn);
                var value = budgetFrom.Extract(text);
                cells[column] = value?.ToString("R", CultureInfo.InvariantCulture);
                if (value is null && unmatchedCount++ < MaxExamples)
                    unmatched.Add((r.Line, text ?? string.Empty));
                return (cells, r.Line);
            }).ToList();
            if (unmatchedCount > 0)
            {
                notes.Add(new ImportIssue(displayName, unmatched[0].Line, 0, ImportErrorCode.BudgetPatternUnmatched,
                    ImportMessages.BudgetPatternUnmatched(unmatchedCount, budgetFrom.ToString(), unmatched), names[budgetColumn]));
            }

            innerOptions = innerOptions.WithColumn(ColumnKey.FlopBudget, names[column]);
        }

        var keyColumn = -1;
        if (keyColumns.Count > 0)
        {
            keyColumn = table.AddColumn($"run key ({string.Join('+', keyColumns.Select(c => names[c]))})");
            names = table.Columns.ToList();
            rows = rows.Select(r =>
            {
                var cells = Widen(r.Cells, names.Count);
                cells[keyColumn] = string.Join('/', keyColumns.Select(c => LogTable.Cell(cells, c) ?? string.Empty));
                return (cells, r.Line);
            }).ToList();
            innerOptions = innerOptions.WithColumn(ColumnKey.RunId, names[keyColumn]);
        }

        // 3. Groups, in order of first appearance.
        var groupOf = rows.Select(r => groupColumns.Count == 0 ? string.Empty
            : string.Join(", ", groupColumns.Select(c => $"{names[c]}={LogTable.Cell(r.Cells, c) ?? ""}"))).ToArray();

        // 4. A run key must tell runs apart: no two rows of one run at the same tokens, no run with two model sizes.
        if (keyColumn >= 0 && CheckKey(displayName, format, innerOptions, table, names, rows, groupOf, keyColumn, keyColumns, options.RunKey) is { } collision)
            return Failed(displayName, format, options, table.Rows.Count, [collision]) with { Filters = filters };

        // 5. The whole selection (run ids prefixed by their group), then each group on its own.
        var whole = rows;
        var wholeOptions = innerOptions;
        if (groupColumns.Count > 0 && RunColumn(innerOptions, names, table.HeaderLine, displayName, format) is { } runColumn and >= 0)
        {
            var prefixed = table.AddColumn($"run ({string.Join('+', groupColumns.Select(c => names[c]))}/{names[runColumn]})");
            names = table.Columns.ToList();
            whole = rows.Select((r, i) =>
            {
                var cells = Widen(r.Cells, names.Count);
                cells[prefixed] = $"{groupOf[i]}/{LogTable.Cell(cells, runColumn)}";
                return (cells, r.Line);
            }).ToList();
            wholeOptions = innerOptions.WithColumn(ColumnKey.RunId, names[prefixed]);
        }

        var result = ImportPart(displayName, format, names, whole, wholeOptions, table.HeaderLine, ct);
        var groups = new List<ImportGroup>();
        if (groupColumns.Count > 0)
        {
            var order = groupOf.Distinct().ToList();
            foreach (var name in order)
            {
                var members = rows.Where((_, i) => groupOf[i] == name).ToList();
                var part = ImportPart(displayName, format, names, members, innerOptions, table.HeaderLine, ct);
                var values = groupColumns.ToDictionary(c => names[c], c => LogTable.Cell(members[0].Cells, c) ?? string.Empty, StringComparer.Ordinal);
                groups.Add(new ImportGroup(name, values, members.Count, part));
            }
        }

        return result with
        {
            RowsRead = table.Rows.Count + table.Skipped.Count,
            RowsRejected = result.RowsRejected + table.Skipped.Count,
            Notes = [.. notes, .. result.Notes],
            Filters = filters,
            Groups = groups,
        };
    }

    private static List<int> ResolveColumns(string option, IReadOnlyList<string> wanted, List<string> names, List<(ImportErrorCode, string)> problems)
    {
        var found = new List<int>();
        foreach (var name in wanted)
        {
            var index = RowExpression.Resolve(name.Trim(), names);
            if (index < 0)
                problems.Add((ImportErrorCode.UnknownColumn, ImportMessages.UnknownColumn(option, name.Trim(), names)));
            else
                found.Add(index);
        }

        return found;
    }

    /// <summary>The index of the run column the importer will use, or −1 (resolved as the importer does, without reporting).</summary>
    private static int? RunColumn(ImportOptions options, List<string> names, int headerLine, string displayName, ImportFormat format)
    {
        var probe = new ImportSession(displayName, format, options);
        return ColumnLayout.Resolve(names, probe, headerLine, 0)?.Run;
    }

    private static ImportIssue? CheckKey(string displayName, ImportFormat format, ImportOptions innerOptions, LogTable table, List<string> names,
        List<(string?[] Cells, int Line)> rows, string[] groupOf, int keyColumn, List<int> keyColumns, IReadOnlyList<string> keyText)
    {
        var probe = new ImportSession(displayName, format, innerOptions);
        var layout = ColumnLayout.Resolve(names, probe, table.HeaderLine, 0);
        if (layout is null)
            return null;
        var rule = innerOptions.FlopRule;
        var seen = new Dictionary<string, List<(double Tokens, double N, int Row)>>(StringComparer.Ordinal);
        var collisions = 0;
        (int First, int Second, string What)? example = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Cells;
            var c = Number(LogTable.Cell(cells, layout.C));
            var d = layout.D >= 0 ? Number(LogTable.Cell(cells, layout.D)) : double.NaN;
            var n = layout.N >= 0 ? Number(LogTable.Cell(cells, layout.N)) : rule.ParameterCount(c, d);
            var tokens = double.IsFinite(d) ? d : rule.TokenCount(c, n);
            if (!double.IsFinite(tokens) || !double.IsFinite(n))
                continue;
            var key = groupOf[i] + "\u0001" + cells[keyColumn];
            if (!seen.TryGetValue(key, out var list))
                seen[key] = list = [];
            foreach (var (otherTokens, otherN, otherRow) in list)
            {
                string? what = null;
                if (Math.Abs(otherN - n) > 1e-9 * Math.Max(otherN, n))
                    what = string.Create(CultureInfo.InvariantCulture, $"different model sizes (N = {otherN:0.###e+0} and {n:0.###e+0})");
                else if (Math.Abs(otherTokens - tokens) <= 1e-12 * Math.Max(otherTokens, tokens))
                    what = string.Create(CultureInfo.InvariantCulture, $"the same token count (D = {tokens:0.###e+0})");
                if (what is null)
                    continue;
                collisions++;
                example ??= (otherRow, i, what);
                break;
            }

            list.Add((tokens, n, i));
        }

        if (example is not { } ex)
            return null;
        var first = rows[ex.First].Cells;
        var second = rows[ex.Second].Cells;
        var ignored = new HashSet<int>(keyColumns) { keyColumn, layout.Loss, layout.D, layout.C };
        var differing = Enumerable.Range(0, table.Columns.Count)
            .Where(j => !ignored.Contains(j) && !names[j].StartsWith("budget from ", StringComparison.Ordinal) && !ColumnKeys.LooksLikeLoss(names[j])
                        && !string.Equals(LogTable.Cell(first, j) ?? "", LogTable.Cell(second, j) ?? "", StringComparison.Ordinal))
            .Select(j => names[j])
            .ToList();
        var message = ImportMessages.RunKeyCollision(string.Join('+', keyText.Select(k => k.Trim())), second[keyColumn] ?? "",
            rows[ex.Second].Line, rows[ex.First].Line, ex.What, differing, collisions);
        return new ImportIssue(displayName, rows[ex.Second].Line, 0, ImportErrorCode.RunKeyCollision, message);
    }

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    private static string?[] Widen(string?[] cells, int width)
    {
        if (cells.Length >= width)
            return cells;
        var wider = new string?[width];
        Array.Copy(cells, wider, cells.Length);
        return wider;
    }

    /// <summary>Imports rows through the streaming CSV importer and maps the issues back to the file's lines.</summary>
    private static ImportResult ImportPart(string displayName, ImportFormat format, List<string> names, List<(string?[] Cells, int Line)> rows,
        ImportOptions options, int headerLine, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', names.Select(Quote)).Append('\n');
        foreach (var (cells, _) in rows)
        {
            for (var j = 0; j < names.Count; j++)
            {
                if (j > 0)
                    text.Append(',');
                text.Append(Quote(LogTable.Cell(cells, j) ?? string.Empty));
            }

            text.Append('\n');
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var result = RunImporter.Import(stream, ImportFormat.Csv, displayName, options, ct);
        int Map(int line) => line == 1 ? headerLine : line >= 2 && line - 2 < rows.Count ? rows[line - 2].Line : line;
        ImportIssue Remap(ImportIssue issue) => issue with
        {
            Line = Map(issue.Line),
            Column = format == ImportFormat.Csv && issue.Column <= names.Count ? issue.Column : 0,
            Message = LineMention().Replace(issue.Message, m => "line " + Map(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)),
        };
        return result with
        {
            Format = format,
            Errors = result.Errors.Select(Remap).ToList(),
            Notes = result.Notes.Select(Remap).ToList(),
        };
    }

    private static string Quote(string value)
    {
        value = value.Replace('\n', ' ').Replace('\r', ' ');
        return value.AsSpan().IndexOfAny(",\"") >= 0 || value.StartsWith(' ') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static ImportResult Failed(string displayName, ImportFormat format, ImportOptions options, int rowsRead, int line, int column, ImportErrorCode code, string message) =>
        Failed(displayName, format, options, rowsRead, [(line, column, code, message)]);

    private static ImportResult Failed(string displayName, ImportFormat format, ImportOptions options, int rowsRead, IReadOnlyList<(int Line, int Column, ImportErrorCode Code, string Message)> errors) =>
        Failed(displayName, format, options, rowsRead, errors.Select(e => new ImportIssue(displayName, e.Line, e.Column, e.Code, e.Message)).ToList());

    private static ImportResult Failed(string displayName, ImportFormat format, ImportOptions options, int rowsRead, IReadOnlyList<ImportIssue> errors) => new()
    {
        File = displayName,
        Format = format,
        RunSet = new Core.RunSet([], [], options.FlopRule),
        Errors = errors,
        Notes = [],
        RowsRead = rowsRead,
    };

    [GeneratedRegex(@"\bline (\d+)")]
    private static partial Regex LineMention();
}
