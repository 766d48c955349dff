using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

public sealed class JsonImportTests
{
    [Fact]
    public void Import_JsonLinesCurves_GroupsRowsByRunName()
    {
        var text = """
            {"run_name":"small","params_active_precise":50000000,"tokens":1000000000,"step":1,"final_loss":4.2}
            {"run_name":"small","params_active_precise":50000000,"tokens":2000000000,"step":2,"final_loss":3.9}
            {"run_name":"large","params_active_precise":200000000,"tokens":1000000000,"step":1,"final_loss":3.8}
            {"run_name":"large","params_active_precise":200000000,"tokens":2000000000,"step":2,"final_loss":3.4}
            """;

        var result = ImportText.JsonLines(text);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["small", "large"], result.RunSet.Curves.Select(c => c.RunId));
        Assert.Equal(new Run("large", 2e8, 2e9, 6 * 2e8 * 2e9, 3.4), result.RunSet.Runs[1]);
        Assert.Equal(4, result.RowsKept);
    }

    [Fact]
    public void Import_JsonLinesWithCrLfBlankLinesAndBom_ReadsEveryObject()
    {
        var bytes = ImportText.Utf8WithBom("{\"params\":1e8,\"tokens\":2e9,\"loss\":3}\r\n\r\n  \r\n{\"params\":2e8,\"tokens\":2e9,\"loss\":2.9}\r\n{\"params\":2e8,\"tokens\":2e9,\"loss\":x}\r\n");

        var result = ImportText.Bytes(bytes, ImportFormat.JsonLines);

        Assert.Equal((ImportErrorCode.InvalidJson, 5), (result.Errors[0].Code, result.Errors[0].Line));
        Assert.Equal(3, result.RowsRead);
    }

    [Fact]
    public void Import_JsonValuesAsIntegersStringsAndEscapedKeys_AllParse()
    {
        var result = ImportText.JsonLines("""
            {"params": 100000000, "tokens": "2e9", "lo\u0073s": 3}
            {"tokens": 4000000000, "loss": "2.5", "params": 2e8, "extra": {"nested": [1, 2, {"loss": -1}]}}
            """);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([(1e8, 2e9, 3.0), (2e8, 4e9, 2.5)], result.RunSet.Runs.Select(r => (r.ParameterCount, r.TokenCount, r.Loss)));
    }

    [Fact]
    public void Import_JsonRunIdsThatAreNumbers_AreUsedAsText()
    {
        var result = ImportText.JsonLines("""
            {"run": 7, "params": 1e8, "tokens": 1e9, "loss": 4}
            {"run": 7, "params": 1e8, "tokens": 2e9, "loss": 3.5}
            """);

        Assert.Equal("7", Assert.Single(result.RunSet.Curves).RunId);
    }

    [Fact]
    public void Import_JsonLinesWithNonAsciiText_ReportsCharacterColumns()
    {
        var result = ImportText.JsonLines("""{"run":"größe-λ","params":1e8,"tokens":2e9,"loss":"x"}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(51, error.Column);
    }

    [Fact]
    public void Import_JsonLinesSkipBadRows_LeavesOutTruncatedAndInvalidLines()
    {
        var text = "{\"params\":1e8,\"tokens\":1e9,\"loss\":3}\n{\"params\":1e8,\"tokens\":2e9,\n{\"params\":2e8,\"tokens\":1e9,\"loss\":NaN}\n{\"params\":2e8,\"tokens\":1e9,\"loss\":2.9}\n";

        var result = ImportText.JsonLines(text, ImportOptions.Default with { SkipBadRows = true });

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([ImportErrorCode.TruncatedJson, ImportErrorCode.NonFinite], result.Notes.Select(n => n.Code));
        Assert.Equal(2, result.RunSet.Runs.Count);
    }

    [Fact]
    public void Import_JsonArray_ReadsObjectsWithBudgets()
    {
        var text = """
            [
              {"parameters": 49999999, "compute_budget": 6e+18, "final_loss": 7.19},
              {"parameters": 78730505, "compute_budget": 6e+18, "final_loss": 6.75},
              {"parameters": 49999999, "compute_budget": 1e+19, "final_loss": 6.9}
            ]
            """;

        var result = ImportText.Json(text);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([6e18, 6e18, 1e19], result.RunSet.Runs.Select(r => r.FlopBudget!.Value));
        Assert.Equal(6e18 / (6 * 49999999), result.RunSet.Runs[0].TokenCount, 6);
        Assert.Equal(["row2", "row3", "row4"], result.RunSet.Runs.Select(r => r.RunId));
    }

    [Fact]
    public void Import_PrettyPrintedJsonArray_LocatesTheValueInTheMessage()
    {
        var text = "[\n  {\n    \"params\": 1e8,\n    \"tokens\": 2e9,\n    \"loss\": 3\n  },\n  {\n    \"params\": 1e8,\n    \"tokens\": 3e9,\n    \"loss\": 0\n  }\n]";

        var result = ImportText.Json(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportErrorCode.NonPositive, 7, 3), (error.Code, error.Line, error.Column));
        Assert.Contains("line 10, column 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_LargeJsonArray_IsStreamedAcrossBufferRefills()
    {
        var objects = Enumerable.Range(1, 20_000)
            .Select(i => $"{{\"run\": \"r{i % 7}\", \"params\": {1e8 * (1 + (i % 7))}, \"tokens\": {i}e6, \"loss\": {3 + (1.0 / i)}, \"note\": \"ünïcödé {new string('x', i % 50)}\"}}");
        var text = "[\n" + string.Join(",\n", objects) + "\n]";

        var result = ImportText.Json(text);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(20_000, result.RowsKept);
        Assert.Equal(7, result.RunSet.Curves.Count);
        var bad = ImportText.Json(text.Replace("\"tokens\": 19999e6", "\"tokens\": -19999e6", StringComparison.Ordinal));
        Assert.Equal((ImportErrorCode.NonPositive, 20_000), (bad.Errors.Single().Code, bad.Errors.Single().Line));
        Assert.Equal(46, bad.Errors.Single().Column);
    }

    [Fact]
    public void Import_JsonArrayCutOffAfterManyObjects_FailsAsTruncated()
    {
        var text = "[\n" + string.Join(",\n", Enumerable.Range(1, 5000).Select(i => $"{{\"params\": 1e8, \"tokens\": {i}e6, \"loss\": 3}}"));

        var result = ImportText.Json(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportErrorCode.TruncatedJson, 5001), (error.Code, error.Line));
    }
}
