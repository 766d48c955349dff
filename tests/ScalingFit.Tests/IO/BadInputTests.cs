using System.Text;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

/// <summary>
/// Every kind of bad input, in every format, with the code, line and column the importer must report
/// (CSV columns are field numbers; JSON columns are character columns).
/// </summary>
public sealed class BadInputTests
{
    private const string Csv4 = "run,params,tokens,loss\n";
    private const string Line1 = """{"params":1e8,"tokens":1e9,"loss":3}""";

    /// <summary>case, format, text, code, line, column, whether the problem is one row's (skippable).</summary>
    public static TheoryData<string, ImportFormat, string, ImportErrorCode, int, int, bool> Cases { get; } = new()
    {
        // CSV: the file and its header.
        { "csv empty", ImportFormat.Csv, "", ImportErrorCode.EmptyFile, 0, 0, false },
        { "csv blank lines only", ImportFormat.Csv, "  \n\n", ImportErrorCode.EmptyFile, 0, 0, false },
        { "csv header only", ImportFormat.Csv, "params,tokens,loss\n", ImportErrorCode.EmptyFile, 0, 0, false },
        { "csv no N column", ImportFormat.Csv, "size,tokens,loss\n1,2,3\n", ImportErrorCode.MissingColumn, 1, 0, false },
        { "csv no D or C column", ImportFormat.Csv, "params,loss\n1e8,3\n", ImportErrorCode.MissingColumn, 1, 0, false },
        { "csv unterminated quote", ImportFormat.Csv, Csv4 + "a,1e8,1e9,3\n\"b,1e8,2e9,3\nc,1e8,3e9,2\n", ImportErrorCode.UnterminatedQuote, 3, 1, false },
        { "csv unterminated quote in third field", ImportFormat.Csv, Csv4 + "a,1e8,\"1e9,3\n", ImportErrorCode.UnterminatedQuote, 2, 3, false },
        { "csv unterminated quote in header", ImportFormat.Csv, "\"params,tokens,loss\n1,2,3\n", ImportErrorCode.UnterminatedQuote, 1, 1, false },

        // CSV: rows.
        { "csv abc in loss", ImportFormat.Csv, Csv4 + "a,1e8,1e9,3.5\na,1e8,2e9,abc\n", ImportErrorCode.UnparsableNumber, 3, 4, true },
        { "csv comma decimal", ImportFormat.Csv, "params;tokens;loss\n1e8;2e9;3,1\n", ImportErrorCode.UnparsableNumber, 2, 3, true },
        { "csv NaN", ImportFormat.Csv, "params,tokens,loss\n1e8,2e9,NaN\n", ImportErrorCode.NonFinite, 2, 3, true },
        { "csv inf", ImportFormat.Csv, "params,tokens,loss\ninf,2e9,3\n", ImportErrorCode.NonFinite, 2, 1, true },
        { "csv -infinity", ImportFormat.Csv, "params,tokens,loss\n1e8,-infinity,3\n", ImportErrorCode.NonFinite, 2, 2, true },
        { "csv overflow to infinity", ImportFormat.Csv, "params,tokens,loss\n1e8,1e400,3\n", ImportErrorCode.NonFinite, 2, 2, true },
        { "csv D = C/6N underflows to zero", ImportFormat.Csv, "params,flops,loss\n1e300,1e-300,3\n", ImportErrorCode.NonFinite, 2, 2, true },
        { "csv C = 6ND overflows", ImportFormat.Csv, "params,tokens,loss\n1e300,1e300,3\n", ImportErrorCode.NonFinite, 2, 2, true },
        { "csv zero tokens", ImportFormat.Csv, "params,tokens,loss\n1e8,0,3\n", ImportErrorCode.NonPositive, 2, 2, true },
        { "csv negative loss", ImportFormat.Csv, "params,tokens,loss\n1e8,2e9,-0.5\n", ImportErrorCode.NonPositive, 2, 3, true },
        { "csv negative N", ImportFormat.Csv, "params,tokens,loss\n-1e8,2e9,3\n", ImportErrorCode.NonPositive, 2, 1, true },
        { "csv zero flops", ImportFormat.Csv, "params,flops,loss\n1e8,0,3\n", ImportErrorCode.NonPositive, 2, 2, true },
        { "csv empty loss", ImportFormat.Csv, "params,tokens,loss\n1e8,2e9,\n", ImportErrorCode.MissingValue, 2, 3, true },
        { "csv empty D and C", ImportFormat.Csv, "params,tokens,flops,loss\n1e8,,,3\n", ImportErrorCode.MissingValue, 2, 2, true },
        { "csv empty run id", ImportFormat.Csv, Csv4 + ",1e8,1e9,3\n", ImportErrorCode.MissingValue, 2, 1, true },
        { "csv duplicate checkpoint", ImportFormat.Csv, Csv4 + "a,1e8,1e9,3\na,1e8,2e9,2.9\na,1e8,1e9,3\n", ImportErrorCode.DuplicateRow, 4, 3, true },
        { "csv duplicate in unsorted run", ImportFormat.Csv, Csv4 + "a,1e8,2e9,3\na,1e8,1e9,3.1\na,1e8,2e9,2.9\n", ImportErrorCode.DuplicateRow, 4, 3, true },
        { "csv N changes within run", ImportFormat.Csv, Csv4 + "a,1e8,1e9,3\na,2e8,2e9,2.9\n", ImportErrorCode.NChangesWithinRun, 3, 2, true },
        { "csv too few fields", ImportFormat.Csv, "params,tokens,loss\n1e8,2e9\n", ImportErrorCode.RaggedRow, 2, 3, true },
        { "csv too many fields", ImportFormat.Csv, "params,tokens,loss\n1e8,2e9,3,4\n", ImportErrorCode.RaggedRow, 2, 4, true },

        // JSON Lines.
        { "jsonl empty", ImportFormat.JsonLines, "", ImportErrorCode.EmptyFile, 0, 0, false },
        { "jsonl no N key", ImportFormat.JsonLines, """{"size":1,"tokens":2,"loss":3}""", ImportErrorCode.MissingColumn, 1, 1, false },
        { "jsonl truncated line", ImportFormat.JsonLines, Line1 + "\n{\"params\":1e8,\"tokens\":2e9,\"loss\"\n", ImportErrorCode.TruncatedJson, 2, 34, true },
        { "jsonl invalid line", ImportFormat.JsonLines, Line1 + "\n" + """{"params":1e8 "tokens":2e9}""", ImportErrorCode.InvalidJson, 2, 15, true },
        { "jsonl second value on a line", ImportFormat.JsonLines, Line1 + " 5", ImportErrorCode.InvalidJson, 1, 38, true },
        { "jsonl array line", ImportFormat.JsonLines, Line1 + "\n[1, 2]\n", ImportErrorCode.NotAnObject, 2, 1, true },
        { "jsonl NaN literal", ImportFormat.JsonLines, """{"params":1e8,"tokens":2e9,"loss":NaN}""", ImportErrorCode.NonFinite, 1, 35, true },
        { "jsonl -Infinity literal", ImportFormat.JsonLines, """{"params":1e8,"tokens":-Infinity,"loss":3}""", ImportErrorCode.NonFinite, 1, 24, true },
        { "jsonl NaN string", ImportFormat.JsonLines, """{"params":1e8,"tokens":2e9,"loss":"nan"}""", ImportErrorCode.NonFinite, 1, 35, true },
        { "jsonl abc string", ImportFormat.JsonLines, """{"params":1e8,"tokens":2e9,"loss":"abc"}""", ImportErrorCode.UnparsableNumber, 1, 35, true },
        { "jsonl boolean", ImportFormat.JsonLines, """{"params":true,"tokens":2e9,"loss":3}""", ImportErrorCode.UnparsableNumber, 1, 11, true },
        { "jsonl null loss", ImportFormat.JsonLines, """{"params":1e8,"tokens":2e9,"loss":null}""", ImportErrorCode.MissingValue, 1, 35, true },
        { "jsonl absent loss", ImportFormat.JsonLines, Line1 + "\n" + """  {"params":1e8,"tokens":2e9}""", ImportErrorCode.MissingValue, 2, 3, true },
        { "jsonl negative loss", ImportFormat.JsonLines, """{"params":1e8,"tokens":2e9,"loss":-3}""", ImportErrorCode.NonPositive, 1, 35, true },
        {
            "jsonl duplicate checkpoint", ImportFormat.JsonLines,
            """{"run":"a","params":1e8,"tokens":1e9,"loss":3}""" + "\n" + """{"run":"a","params":1e8,"tokens":1e9,"loss":3}""",
            ImportErrorCode.DuplicateRow, 2, 34, true
        },
        {
            "jsonl N changes within run", ImportFormat.JsonLines,
            """{"run":"a","params":1e8,"tokens":1e9,"loss":3}""" + "\n" + """{"run":"a","params":2e8,"tokens":2e9,"loss":3}""",
            ImportErrorCode.NChangesWithinRun, 2, 21, true
        },

        // JSON arrays.
        { "json empty", ImportFormat.JsonArray, "", ImportErrorCode.EmptyFile, 0, 0, false },
        { "json empty array", ImportFormat.JsonArray, "[ ]", ImportErrorCode.EmptyFile, 0, 0, false },
        { "json object instead of array", ImportFormat.JsonArray, Line1, ImportErrorCode.InvalidJson, 1, 1, false },
        { "json no N key", ImportFormat.JsonArray, """[{"size":1,"tokens":2,"loss":3}]""", ImportErrorCode.MissingColumn, 1, 2, false },
        { "json double comma", ImportFormat.JsonArray, """[{"params": 1e8,, "tokens": 2e9}]""", ImportErrorCode.InvalidJson, 1, 17, false },
        { "json cut off", ImportFormat.JsonArray, "[\n  " + Line1 + ",\n  {\"params\": 1e8,", ImportErrorCode.TruncatedJson, 3, 17, false },
        { "json NaN literal", ImportFormat.JsonArray, "[\n " + """{"params": 1e8, "tokens": 2e9, "loss": NaN}""" + "\n]", ImportErrorCode.NonFinite, 2, 41, false },
        { "json number element", ImportFormat.JsonArray, "[" + Line1 + ",\n 5]", ImportErrorCode.NotAnObject, 2, 2, true },
        { "json negative loss", ImportFormat.JsonArray, "[\n  " + """{"params": 1e8, "tokens": 2e9, "loss": -1}""" + "\n]", ImportErrorCode.NonPositive, 2, 42, true },
        {
            // Issues in a pretty-printed array name the line where the object starts.
            "json bad value on a later line of its object", ImportFormat.JsonArray,
            "[\n  {\n    \"params\": 1e8,\n    \"tokens\": 2e9,\n    \"loss\": \"abc\"\n  }\n]",
            ImportErrorCode.UnparsableNumber, 2, 3, true
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_BadInput_FailsWithCodeLineAndColumn(string name, ImportFormat format, string text, ImportErrorCode code, int line, int column, bool isRowProblem)
    {
        _ = isRowProblem;
        var result = ImportText.Run(text, format, name);

        Assert.False(result.Succeeded, name);
        Assert.Throws<ImportFailedException>(() => result.RunSet); // was an empty run set before the one-contract change
        var issue = result.Errors[0];
        Assert.True(code == issue.Code, $"{name}: expected {code}, got{Environment.NewLine}{ImportText.Describe(result)}");
        Assert.Equal((line, column), (issue.Line, issue.Column));
        Assert.Equal(name, issue.File);
        Assert.False(string.IsNullOrWhiteSpace(issue.Message));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_BadInputWithSkipBadRows_SkipsRowProblemsButStillFailsOnStructure(string name, ImportFormat format, string text, ImportErrorCode code, int line, int column, bool isRowProblem)
    {
        var result = ImportText.Run(text, format, name, ImportOptions.Default with { SkipBadRows = true });

        if (isRowProblem)
        {
            Assert.Contains(result.Notes, n => n.Code == code && n.Line == line && n.Column == column);
            Assert.All(result.Errors, e => Assert.Equal(ImportErrorCode.NoUsableRows, e.Code));
            Assert.True(result.RowsRejected >= 1);
        }
        else
        {
            Assert.False(result.Succeeded, name);
            Assert.Contains(result.Errors, e => e.Code == code && e.Line == line && e.Column == column);
        }
    }

    [Fact]
    public void Import_CsvWithAbcInLossOnThirdLine_ReportsUnparsableNumberAtLine3InTheLossColumn()
    {
        var result = ImportText.Csv("run,params,tokens,loss\nr1,1e8,2e9,3.2\nr2,2e8,2e9,abc\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.UnparsableNumber, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Equal("loss", error.ColumnName);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImportOptions.SkipBadRows", error.Message, StringComparison.Ordinal); // library words since the one-contract change (was --skip-bad-rows)
        Assert.Equal("test.csv, line 3, column 4 (loss)", error.Location);
    }

    [Fact]
    public void Import_ManyBadRows_ListsEveryOneUpToTheCapThenCountsTheRest()
    {
        var text = "params,tokens,loss\n" + string.Concat(Enumerable.Repeat("1e8,2e9,abc\n", 150));

        var result = ImportText.Csv(text);

        Assert.Equal(101, result.Errors.Count);
        Assert.All(result.Errors.Take(100), e => Assert.Equal(ImportErrorCode.UnparsableNumber, e.Code));
        Assert.Equal(Enumerable.Range(2, 100), result.Errors.Take(100).Select(e => e.Line));
        Assert.Equal(ImportErrorCode.TooManyIssues, result.Errors[^1].Code);
        Assert.Contains("50 more", result.Errors[^1].Message, StringComparison.Ordinal);
        Assert.Equal(150, result.RowsRejected);
        Assert.Equal(150, result.RowsRead);
    }

    [Theory]
    [InlineData(ImportFormat.Csv, "run,params,tokens,loss\na,1e8,1e9,3\n\"b,1e8,2e9,3\n", "c,1e8,2e9,3\n", 3)]
    [InlineData(ImportFormat.JsonLines, "{\"params\":1e8,\"tokens\":1e9,\"loss\":3}\n{\"run\":\"", "x", 2)]
    [InlineData(ImportFormat.JsonArray, "[{\"params\":1e8,\"tokens\":1e9,\"loss\":3},\n{\"run\":\"", "x", 2)]
    public void Import_RecordLongerThanTheLimit_StopsInsteadOfBufferingTheRestOfTheFile(ImportFormat format, string head, string filler, int line)
    {
        var text = head + new StringBuilder().Insert(0, filler, (RunImporter.MaxRecordBytes / filler.Length) + 1000);

        var result = ImportText.Run(text, format, "long", ImportOptions.Default with { SkipBadRows = true });

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportErrorCode.RecordTooLong, line), (error.Code, error.Line));
    }

    [Fact]
    public void Import_SeveralBadRows_ReportsAllOfThemNotJustTheFirst()
    {
        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,abc\n1e8,2e9,3\n1e8,-1,3\n1e8,3e9\n");

        Assert.Equal(
            [(ImportErrorCode.UnparsableNumber, 2), (ImportErrorCode.NonPositive, 4), (ImportErrorCode.RaggedRow, 5)],
            result.Errors.Select(e => (e.Code, e.Line)));
        Assert.Throws<ImportFailedException>(() => result.RunSet); // was an empty run set before the one-contract change
        Assert.Equal(0, result.RowsKept);
    }
}
