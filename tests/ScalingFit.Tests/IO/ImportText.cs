using System.Text;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

/// <summary>Imports text held in a test, as if it were a UTF-8 file.</summary>
internal static class ImportText
{
    public static ImportResult Csv(string text, ImportOptions? options = null) => Run(text, ImportFormat.Csv, "test.csv", options);

    public static ImportResult JsonLines(string text, ImportOptions? options = null) => Run(text, ImportFormat.JsonLines, "test.jsonl", options);

    public static ImportResult Json(string text, ImportOptions? options = null) => Run(text, ImportFormat.JsonArray, "test.json", options);

    public static ImportResult Run(string text, ImportFormat format, string name = "test", ImportOptions? options = null) =>
        RunImporter.Import(new StringReader(text), format, name, options);

    /// <summary>Imports raw bytes (for byte order marks and encodings).</summary>
    public static ImportResult Bytes(byte[] bytes, ImportFormat format, ImportOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return RunImporter.Import(stream, format, "test", options);
    }

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>The issues as readable lines, for assertion messages.</summary>
    public static string Describe(ImportResult result) =>
        string.Join(Environment.NewLine, result.Errors.Concat(result.Notes).Select(i => $"[{i.Code}] {i.Line}:{i.Column} {i.Message}"));
}
