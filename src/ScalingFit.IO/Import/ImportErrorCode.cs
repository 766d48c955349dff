namespace ScalingFit.IO;

/// <summary>
/// What an <see cref="ImportIssue"/> is about. Codes are stable (tests and scripts match on them); messages may be reworded.
/// Row codes (<see cref="UnparsableNumber"/> … <see cref="NotAnObject"/>) are errors by default and notes under
/// <see cref="ImportOptions.SkipBadRows"/>; structural codes always fail the import; note codes never do.
/// </summary>
public enum ImportErrorCode
{
    /// <summary>The file does not exist (or its folder does not).</summary>
    FileNotFound,

    /// <summary>The file exists but could not be read (permissions, a folder, an I/O error).</summary>
    Unreadable,

    /// <summary>The file's extension is not <c>.csv</c>, <c>.jsonl</c> or <c>.json</c>.</summary>
    UnsupportedFormat,

    /// <summary>The file has no header, or a header but no data rows.</summary>
    EmptyFile,

    /// <summary>A required column (N, loss, and D or C) was not found, or a <c>--column</c> name is not in the file.</summary>
    MissingColumn,

    /// <summary>A row: a value that is not a number, such as <c>abc</c> or <c>1,5</c>.</summary>
    UnparsableNumber,

    /// <summary>A row: NaN or an infinity (<c>nan</c>, <c>inf</c>, <c>Infinity</c>, or a number too large for a double).</summary>
    NonFinite,

    /// <summary>A row: N, D, C, the loss or the budget is zero or negative.</summary>
    NonPositive,

    /// <summary>A row: a required value is empty, null or absent (D and C: both of them).</summary>
    MissingValue,

    /// <summary>A row: the same run and token count as an earlier row.</summary>
    DuplicateRow,

    /// <summary>A row: N differs from the N of the run's earlier rows.</summary>
    NChangesWithinRun,

    /// <summary>A row: a CSV record with more or fewer fields than the header.</summary>
    RaggedRow,

    /// <summary>Structural: a CSV quoted field that is never closed (it would swallow the rest of the file).</summary>
    UnterminatedQuote,

    /// <summary>A JSONL line that ends before its object is complete, or a JSON array cut off before its <c>]</c> (structural there).</summary>
    TruncatedJson,

    /// <summary>Text that is not valid JSON: a row for a JSONL line, structural for a JSON array file.</summary>
    InvalidJson,

    /// <summary>A row: a JSONL line or array element that is valid JSON but not an object.</summary>
    NotAnObject,

    /// <summary>
    /// Structural: a CSV record, JSONL line or JSON value longer than <see cref="RunImporter.MaxRecordBytes"/>, usually a
    /// quote that is never closed or a file in another format; reading stops rather than buffer the rest of the file.
    /// </summary>
    RecordTooLong,

    /// <summary>Every data row was left out under <see cref="ImportOptions.SkipBadRows"/>; nothing is left to fit.</summary>
    NoUsableRows,

    /// <summary>More issues than <see cref="ImportOptions.MaxReportedIssues"/>; this one counts those not listed.</summary>
    TooManyIssues,

    /// <summary>Note: several columns match one quantity; the one named is used.</summary>
    AmbiguousColumn,

    /// <summary>Note: rows of a training curve were not in token order; they were sorted.</summary>
    CurveSorted,

    /// <summary>Note: rows whose C differs from kND by more than <see cref="ImportOptions.FlopDisagreementTolerance"/>; the file's C is kept.</summary>
    FlopDisagreement,

    /// <summary>A selection (<see cref="ImportOptions.Where"/>) is not a valid expression; the message gives the position.</summary>
    InvalidSelection,

    /// <summary>A selection, group, run-key or budget-pattern column names no column of the file; the message lists those that exist.</summary>
    UnknownColumn,

    /// <summary>
    /// Rows that share a run id (<see cref="ImportOptions.RunKey"/>) and a token count, or give one run two model sizes:
    /// the key does not tell runs apart. The message names the columns that differ between the colliding rows.
    /// </summary>
    RunKeyCollision,

    /// <summary>
    /// One run id carries rows with different FLOP budget labels: the id is reused across budgets (e.g. a model name in an
    /// IsoFLOP sweep), so the rows are not one training curve. Name runs by several columns (<see cref="ImportOptions.RunKey"/>).
    /// </summary>
    RunIdReusedAcrossBudgets,

    /// <summary>Several columns could be one quantity (e.g. <c>train/loss</c> and <c>eval/loss</c>) and none is the usual name: choose one.</summary>
    ColumnChoiceNeeded,

    /// <summary>Note: a column was recognised by a looser rule (a loss-like name such as <c>eval/paloma/macro_loss</c>, or a path's last part).</summary>
    ColumnRecognised,

    /// <summary>
    /// Note: the file has no run column, so every row is a run of its own, but model sizes repeat with growing tokens:
    /// the rows may be checkpoints of training curves. The message says how to name the run column.
    /// </summary>
    PossibleCurvesWithoutRunColumn,

    /// <summary>Note: rows whose text did not match <see cref="ImportOptions.BudgetFrom"/>; they carry no FLOP budget.</summary>
    BudgetPatternUnmatched,

    /// <summary>Note: how many rows a selection (<see cref="ImportOptions.Where"/>) removed.</summary>
    RowsFiltered,

    /// <summary>
    /// A note: a DataFrame column holds single-precision numbers (<c>float</c>), the type <c>DataFrame.LoadCsv</c> guesses
    /// when not given <c>dataTypes</c>; values carry about 7 digits and may have been read in the wrong culture.
    /// </summary>
    SinglePrecisionColumn,
}
