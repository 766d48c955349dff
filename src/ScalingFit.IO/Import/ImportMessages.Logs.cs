using System.Globalization;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>Messages about selecting, grouping, keying and recognising the columns of real sweep logs.</summary>
public static partial class ImportMessages
{
    /// <summary>A <c>--where</c> expression that does not parse, or names an unknown column.</summary>
    public static string InvalidSelection(RowExpressionError error) =>
        $"--where: {error}";

    /// <summary>A column named by an option (<c>--group-by</c>, <c>--run-key</c>, <c>--budget-from</c>) that the file lacks.</summary>
    public static string UnknownColumn(string option, string column, IEnumerable<string> available) =>
        $"{option}: no column '{column}'; the columns are {Quote(available)}. Names are matched exactly, or ignoring case, spaces and underscores.";

    /// <summary>A loss-like or path-like column was taken for a quantity.</summary>
    public static string ColumnRecognised(ColumnKey key, string used, IEnumerable<string> others)
    {
        var rest = others.ToList();
        return $"using '{used}' as {ColumnKeys.Describe(key)}" + (rest.Count > 0 ? $" (also possible: {Quote(rest)})" : "")
            + $". Pass --column {ColumnKeys.CliKey(key)}=NAME to choose another.";
    }

    /// <summary>Several columns could be one quantity and none has its usual name.</summary>
    public static string ColumnChoiceNeeded(ColumnKey key, IReadOnlyList<string> candidates) =>
        $"several columns could be {ColumnKeys.Describe(key)}: {Quote(candidates)}. Choose one, e.g. " +
        string.Join(" or ", candidates.Take(3).Select(c => $"--column {ColumnKeys.CliKey(key)}={c}")) + ".";

    /// <summary>Rows of one run id carry different FLOP budgets.</summary>
    internal static string RunIdReusedAcrossBudgets(IReadOnlyList<MixedBudgetRun> runs, string runColumn, string budgetColumn, IReadOnlyList<string> runKey)
    {
        var first = runs[0];
        var budgets = string.Join(", ", first.Budgets.Order().Take(4).Select(b => b.ToString("0.###e+0", CultureInfo.InvariantCulture)));
        var more = runs.Count > 1 ? $" {runs.Count} run ids are like this ({Quote(runs.Take(3).Select(r => r.RunId))}{(runs.Count > 3 ? ", …" : "")})." : "";
        // Columns made by the table import stand for the file's own: "run key (a+b)" for a+b, "budget from Name" for Name.
        var key = runKey.Count > 0 ? string.Join('+', runKey)
            : runColumn.StartsWith("run key (", StringComparison.Ordinal) && runColumn.EndsWith(')') ? runColumn[9..^1] : runColumn;
        if (budgetColumn.StartsWith("budget from ", StringComparison.Ordinal))
            budgetColumn = budgetColumn[12..];
        return $"run '{first.RunId}' (column '{runColumn}') has {first.Rows} rows at {first.Budgets.Count} different FLOP budgets ({budgets}): " +
               $"its id is reused across budgets, so these rows are separate runs, not one training curve.{more} " +
               $"Name each run by several columns, e.g. --run-key {key}+{budgetColumn}, or add a column that tells the runs apart.";
    }

    /// <summary>Curves whose points all sit at a few FLOP values shared across runs: ids reused across IsoFLOP budgets.</summary>
    internal static string CurvesAtSharedFlops(int curves, IReadOnlyList<string> examples, IReadOnlyList<double> flops, string runColumn, string? budgetColumn, string? tokenColumn) =>
        $"the {curves} runs with several rows (e.g. {Quote(examples)}) have every row at one of {flops.Count} FLOP values shared by many runs " +
        $"({string.Join(", ", flops.Take(5).Select(f => f.ToString("0.##e+0", CultureInfo.InvariantCulture)))}{(flops.Count > 5 ? ", …" : "")}), one row per value: " +
        $"these look like final losses of IsoFLOP runs whose ids (column '{runColumn}') are reused across budgets, not training curves. " +
        (budgetColumn is not null
            ? $"Name each run by several columns: --run-key {runColumn}+{budgetColumn}."
            : $"Name each run by several columns, e.g. --run-key {runColumn}+COLUMN with a column that differs between budgets" +
              (tokenColumn is not null ? $"; when every row is the final loss of its own run, --run-key {runColumn}+{tokenColumn} makes each row a run." : "."));

    /// <summary>A key (<c>--run-key</c>) under which two rows still collide.</summary>
    internal static string RunKeyCollision(string key, string runId, int line, int otherLine, string what, IReadOnlyList<string> differing, int collisions) =>
        $"--run-key {key}: rows {otherLine} and {line} both have run id '{runId}' and {what}, so the key does not tell these runs apart " +
        $"({collisions} rows collide like this). " +
        (differing.Count > 0
            ? $"The columns that differ between them are {Quote(differing)}: add one, e.g. --run-key {key}+{differing[0]}."
            : "No other column differs between them: they may be duplicated rows; remove them or pass --skip-bad-rows.");

    /// <summary>No run column, yet model sizes repeat with growing tokens.</summary>
    internal static string PossibleCurvesWithoutRunColumn(int rows, int sizes, double exampleN, int exampleRows, IReadOnlyList<string> unused) =>
        string.Create(CultureInfo.InvariantCulture,
            $"the file has no run column, so each of its {rows} rows is read as a run of its own (a final loss), but {sizes} model sizes have " +
            $"several rows with growing tokens (N = {exampleN:0.###e+0}: {exampleRows} rows). If these rows are checkpoints of training curves, " +
            $"name the run column with --column run=NAME or build it from several columns with --run-key COL+COL") +
        (unused.Count > 0 ? $" (columns not used: {Quote(unused.Take(8))})." : ".");

    /// <summary>Rows whose text did not match the budget pattern.</summary>
    internal static string BudgetPatternUnmatched(int rows, string pattern, IReadOnlyList<(int Line, string Text)> examples) =>
        $"--budget-from {pattern}: {rows} rows did not match and carry no FLOP budget (e.g. " +
        string.Join(", ", examples.Select(e => $"line {e.Line}: '{e.Text}'")) + "); leave them out with --where if they are not part of the sweep.";
}
