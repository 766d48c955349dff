namespace ScalingFit.IO.Import;

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

    /// <summary>
    /// A note: a DataFrame column holds single-precision numbers (<c>float</c>), the type <c>DataFrame.LoadCsv</c> guesses
    /// when not given <c>dataTypes</c>; values carry about 7 digits and may have been read in the wrong culture.
    /// </summary>
    SinglePrecisionColumn,
}
