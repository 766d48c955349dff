using System.Globalization;

namespace ScalingFit.IO;

/// <summary>
/// Every message the importers produce, in one place: each says what is wrong and what to do, naming the
/// <see cref="ImportOptions"/> to set (a library user cannot pass command-line flags; the CLI translates these names to
/// its flags). Tests assert on <see cref="ImportErrorCode"/>s, not on this wording.
/// </summary>
public static partial class ImportMessages
{
    private const string SkipHint = " Fix or delete the row, or set ImportOptions.SkipBadRows to leave out bad rows.";
    private const string SkippedSuffix = " The row was left out (ImportOptions.SkipBadRows).";

    /// <summary>How a message names the option that picks the column for <paramref name="key"/>: <c>ImportOptions.WithColumn(ColumnKey.Loss, "NAME")</c>.</summary>
    public static string WithColumn(ColumnKey key, string name = "NAME") => $"ImportOptions.WithColumn(ColumnKey.{key}, \"{name}\")";

    /// <summary>The file does not exist.</summary>
    public static string FileNotFound(string path) =>
        $"file not found: '{path}'. Check the path (a relative path starts at {Environment.CurrentDirectory}).";

    /// <summary>The file could not be opened or read.</summary>
    public static string Unreadable(string reason) =>
        $"the file could not be read: {reason} Check that the path names a file (not a folder) that you may read.";

    /// <summary>The extension is not one the importer reads.</summary>
    public static string UnsupportedFormat(string extension) =>
        $"cannot import '{(extension.Length == 0 ? "(no extension)" : extension)}' files: use .csv (with a header row), " +
        ".jsonl (one JSON object per line) or .json (an array of objects), and name the file accordingly.";

    /// <summary>The file has no header at all.</summary>
    public static string EmptyFile() =>
        "the file is empty: expected a header row naming the columns (e.g. run,params,tokens,loss) and at least one data row.";

    /// <summary>The file has a header (or first object) but no data rows.</summary>
    public static string NoDataRows() =>
        "the file has no data rows: add at least one row of N, loss and D or C.";

    /// <summary>A JSON file with no objects in it.</summary>
    public static string NoJsonObjects() =>
        "the file holds no JSON objects: expected objects with N, loss and D or C (e.g. {\"params\": 1e8, \"tokens\": 2e9, \"loss\": 3.1}).";

    /// <summary>No column was found for a required quantity.</summary>
    public static string MissingColumn(ColumnKey key, IEnumerable<string> available) =>
        $"no column for {ColumnKeys.Describe(key)}: looked for {Quote(ColumnKeys.Aliases(key))} (case, spaces and underscores ignored); " +
        $"the columns are {Quote(available)}. Name it with {WithColumn(key)}.";

    /// <summary>Neither D nor C was found.</summary>
    public static string MissingTokensAndFlops(IEnumerable<string> available) =>
        $"no column for D (tokens) or C (FLOPs); one of them is needed (the other is derived with C = 6ND): looked for " +
        $"{Quote(ColumnKeys.Aliases(ColumnKey.TokenCount))} and {Quote(ColumnKeys.Aliases(ColumnKey.Flops))}; the columns are " +
        $"{Quote(available)}. Name one with {WithColumn(ColumnKey.TokenCount)} or {WithColumn(ColumnKey.Flops)}.";

    /// <summary>A <c>--column KEY=NAME</c> names a column that is not in the file.</summary>
    public static string OverrideNotFound(ColumnKey key, string name, IEnumerable<string> available) =>
        $"{WithColumn(key, name)} names no column of this file; the columns are {Quote(available)}. " +
        "Check the spelling (case, spaces and underscores are ignored).";

    /// <summary>Several columns match one quantity.</summary>
    public static string AmbiguousColumn(ColumnKey key, string used, IEnumerable<string> ignored) =>
        $"several columns could be {ColumnKeys.Describe(key)}: using '{used}', ignoring {Quote(ignored)}. " +
        $"Name another with {WithColumn(key)}.";

    /// <summary>A value that is not a number.</summary>
    public static string UnparsableNumber(string columnName, string text, bool skipped)
    {
        var hint = text.Contains(',', StringComparison.Ordinal)
            ? " Use '.' as the decimal point and no thousands separators (e.g. 1.5 or 6e+18)."
            : " Write numbers like 1.5, 400000000 or 6e+18.";
        return $"'{Shorten(text)}' in column '{columnName}' is not a number.{hint}{RowSuffix(skipped)}";
    }

    /// <summary>NaN or an infinity.</summary>
    public static string NonFinite(string columnName, string text, bool skipped) =>
        $"'{Shorten(text)}' in column '{columnName}' is not a finite number; N, D, C and the loss must be finite and positive " +
        $"(a diverged run's loss cannot be fitted).{RowSuffix(skipped)}";

    /// <summary>Zero or negative.</summary>
    public static string NonPositive(string columnName, string text, bool skipped) =>
        $"'{Shorten(text)}' in column '{columnName}' is not positive; N, D, C and the loss must be greater than zero " +
        $"(the fits work on their logarithms; a checkpoint at 0 tokens has no place on a log axis).{RowSuffix(skipped)}";

    /// <summary>An empty, null or absent value.</summary>
    public static string MissingValue(string columnName, bool skipped) =>
        $"the row has no value for '{columnName}'.{RowSuffix(skipped)}";

    /// <summary>Both D and C empty in a row.</summary>
    public static string MissingTokensAndFlopsValue(string columnName, bool skipped) =>
        $"the row has no value for '{columnName}' and no other value to derive it from (C = 6ND needs D or C).{RowSuffix(skipped)}";

    /// <summary>A value derived with C = kND is zero or infinite.</summary>
    public static string DerivedOutOfRange(string derived, string given, bool skipped) =>
        $"{derived} computed from '{given}' with C = 6ND is zero or infinite; check the units of '{given}' and of N.{RowSuffix(skipped)}";

    /// <summary>The run id is empty.</summary>
    public static string MissingRunId(string columnName, bool skipped) =>
        $"the row has an empty run id in column '{columnName}'; every row of a curve file must name its run.{RowSuffix(skipped)}";

    /// <summary>The same run and tokens as an earlier row.</summary>
    public static string DuplicateRow(string runId, double tokens, int firstLine, bool skipped) =>
        $"run '{runId}' already has a row at {Num(tokens)} tokens (line {firstLine.ToString(CultureInfo.InvariantCulture)}); " +
        $"each checkpoint of a run must appear once. Delete one of the two rows.{(skipped ? " This row was left out (ImportOptions.SkipBadRows)." : " Or set ImportOptions.SkipBadRows to keep the first.")}";

    /// <summary>N changes within a run.</summary>
    public static string NChangesWithinRun(string runId, double firstN, int firstLine, double n, bool skipped) =>
        $"run '{runId}' has N = {Num(firstN)} from line {firstLine.ToString(CultureInfo.InvariantCulture)} but N = {Num(n)} here; " +
        $"a run's parameter count cannot change. Give each model its own run id, or correct N.{RowSuffix(skipped)}";

    /// <summary>A CSV record with the wrong number of fields.</summary>
    public static string RaggedRow(int expected, int actual, bool skipped) =>
        $"the row has {actual.ToString(CultureInfo.InvariantCulture)} field(s) but the header has {expected.ToString(CultureInfo.InvariantCulture)}; " +
        $"a value containing the separator must be quoted (\"like, this\").{RowSuffix(skipped)}";

    /// <summary>A CSV quoted field that never ends.</summary>
    public static string UnterminatedQuote() =>
        "a quoted field starts here but its closing quote is missing, so the rest of the file would be read as one value. " +
        "Close the quote (a quote inside a quoted value is written twice: \"\").";

    /// <summary>A record, line or value larger than the importer buffers.</summary>
    public static string RecordTooLong(int limitBytes) =>
        $"a single record starting here is longer than {(limitBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB, " +
        "so reading stops. This is usually a quote that is never closed, or a file whose extension does not match its format.";

    /// <summary>A JSONL line whose object is cut off.</summary>
    public static string TruncatedJsonLine(bool skipped) =>
        "the line ends before its JSON object is complete; each line of a .jsonl file must hold one whole object " +
        $"(a file with one array or pretty-printed objects should be named .json).{RowSuffix(skipped)}";

    /// <summary>A JSON array file that ends before the array does.</summary>
    public static string TruncatedJsonArray() =>
        "the file ends before the JSON array is complete (missing ']' or '}'); the file may have been cut off while being written. " +
        "Complete or regenerate it.";

    /// <summary>A JSONL line that is not valid JSON.</summary>
    public static string InvalidJsonLine(string detail, bool skipped) =>
        $"the line is not valid JSON ({detail}).{RowSuffix(skipped)}";

    /// <summary>The detail for a JSON string that cannot be read as text: bytes that are not UTF-8, or an unpaired surrogate escape.</summary>
    public static string InvalidJsonText() =>
        "a string holds bytes that are not UTF-8, or an unpaired surrogate escape such as \\ud800; save the file as UTF-8";

    /// <summary>A JSON array file that is not valid JSON.</summary>
    public static string InvalidJsonArray(string detail) =>
        $"the file is not valid JSON ({detail}); a .json file must hold one array of objects. Fix the file; rows after this point cannot be read.";

    /// <summary>A .json file whose top level is not an array.</summary>
    public static string NotAnArray(string found) =>
        $"a .json file must hold an array of objects ([{{...}}, {{...}}]) but this one starts with {found}. " +
        "If it holds one object per line, name it .jsonl.";

    /// <summary>A NaN or Infinity literal, which JSON does not allow, in a JSON array file.</summary>
    public static string NonFiniteJsonLiteral(string literal) =>
        $"'{literal}' is not valid JSON (JSON has no NaN or Infinity), so the array cannot be read past it. Write null, or remove that object.";

    /// <summary>A JSONL line or array element that is not an object.</summary>
    public static string NotAnObject(string found, bool skipped) =>
        $"expected a JSON object ({{\"params\": ..., \"loss\": ...}}) but found {found}.{RowSuffix(skipped)}";

    /// <summary>Where a value is, when the issue is located at the start of its (multi-line) JSON object.</summary>
    public static string ValueAt(int line, int column) =>
        $" (The value is at line {line.ToString(CultureInfo.InvariantCulture)}, column {column.ToString(CultureInfo.InvariantCulture)}.)";

    /// <summary>Every row was skipped.</summary>
    public static string NoUsableRows(int rejected) =>
        $"all {rejected.ToString(CultureInfo.InvariantCulture)} data row(s) were bad and left out, so nothing is left; see the notes for each row.";

    /// <summary>The count of issues not listed.</summary>
    public static string TooManyIssues(int more, string what) =>
        $"and {more.ToString(CultureInfo.InvariantCulture)} more {what} not listed.";

    /// <summary>Curves whose rows were out of token order.</summary>
    public static string CurveSorted(int runs, IReadOnlyList<(string RunId, int Line)> examples) =>
        $"{runs.ToString(CultureInfo.InvariantCulture)} run(s) had rows out of token order and were sorted by tokens " +
        $"(e.g. {string.Join("; ", examples.Select(e => $"run '{e.RunId}' at line {e.Line.ToString(CultureInfo.InvariantCulture)}"))}). " +
        "A run's final loss is its point with the most tokens.";

    /// <summary>Rows whose C and kND disagree.</summary>
    public static string FlopDisagreement(int rows, double tolerance, double factor, IReadOnlyList<(int Line, double Flops, double RuleFlops)> examples) =>
        $"{rows.ToString(CultureInfo.InvariantCulture)} row(s) give a C that differs from {Num(factor)}·N·D by more than " +
        $"{(tolerance * 100).ToString("0.#", CultureInfo.InvariantCulture)}% (e.g. {string.Join("; ", examples.Select(e => $"line {e.Line.ToString(CultureInfo.InvariantCulture)}: C = {Num(e.Flops)}, {Num(factor)}ND = {Num(e.RuleFlops)}"))}). " +
        "The file's C is used; if the file counts FLOPs another way (e.g. with attention), the fits that use C follow it.";

    /// <summary>A DataFrame column of single-precision numbers.</summary>
    public static string SinglePrecisionColumn(string columnName) =>
        $"column '{columnName}' holds single-precision numbers (float, about 7 digits), the type DataFrame.LoadCsv guesses " +
        "when it is given no dataTypes; it also parses with the current culture, so under de-DE \"2.5\" becomes 25. " +
        "Load with explicit dataTypes (double) and CultureInfo.InvariantCulture, or use DataFrameCsv.Load.";

    /// <summary>A DataFrame cell of a type that is not a number (a date, a boolean, …).</summary>
    public static string NotANumberType(string typeName) => $"a {typeName}";

    private static string RowSuffix(bool skipped) => skipped ? SkippedSuffix : SkipHint;

    private static string Num(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string Quote(IEnumerable<string> names)
    {
        var list = names.Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
