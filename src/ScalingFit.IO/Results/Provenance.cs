using System.Security.Cryptography;
using System.Text.Json;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>One input file behind a result: where it was, its SHA-256, and how many rows were read, kept and skipped.</summary>
/// <param name="Role">Which option gave it (<c>input</c>, <c>curves</c>, <c>embedded</c>).</param>
/// <param name="Path">Its full path, or the embedded resource's name.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="RowsKept">Data rows kept (as runs or curve points).</param>
/// <param name="RowsSkipped">Data rows found bad and left out (under --skip-bad-rows).</param>
public sealed record ProvenanceInput(string Role, string Path, string Sha256, int RowsRead, int RowsKept, int RowsSkipped)
{
    /// <summary>The provenance of an import of the file at <paramref name="path"/> (hashed here).</summary>
    public static ProvenanceInput Of(string role, string path, ImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        using var stream = File.OpenRead(path);
        return Of(role, System.IO.Path.GetFullPath(path), stream, import);
    }

    /// <summary>The provenance of an import whose bytes are read from <paramref name="content"/> (hashed here).</summary>
    public static ProvenanceInput Of(string role, string name, Stream content, ImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return new ProvenanceInput(role, name, Sha256Of(content), import.RowsRead, import.RowsKept, import.RowsRejected);
    }

    /// <summary>The SHA-256 of a stream's remaining bytes, lower-case hex.</summary>
    public static string Sha256Of(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }
}

/// <summary>
/// Where a result came from, so that it can be traced and rerun: the tool and its version, the command, every input
/// with its SHA-256 and row counts, every option with the value used (defaults included, seed and threads among them),
/// and the approaches skipped with the reason. Written as the <c>provenance</c> block of the JSON.
/// </summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Version">The tool's version.</param>
/// <param name="Command">The command (e.g. <c>fit all</c>).</param>
/// <param name="Inputs">The inputs.</param>
/// <param name="Options">Every option of the command with the value used, in the command's order.</param>
/// <param name="Skipped">Approaches not run, with the reason.</param>
/// <param name="Notes">Anything else that changed the data before the fit (e.g. runs dropped by a mode).</param>
public sealed record Provenance(
    string Tool,
    string Version,
    string Command,
    IReadOnlyList<ProvenanceInput> Inputs,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    IReadOnlyList<KeyValuePair<string, string>> Skipped,
    IReadOnlyList<string> Notes)
{
    /// <summary>Writes <c>"provenance": {…}</c> into the current JSON object.</summary>
    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject("provenance");
        w.WriteString("tool", Tool);
        w.WriteString("version", Version);
        w.WriteString("command", Command);
        w.WriteStartArray("inputs");
        foreach (var i in Inputs)
        {
            w.WriteStartObject();
            w.WriteString("role", i.Role);
            w.WriteString("path", i.Path);
            w.WriteString("sha256", i.Sha256);
            w.WriteNumber("rowsRead", i.RowsRead);
            w.WriteNumber("rowsKept", i.RowsKept);
            w.WriteNumber("rowsSkipped", i.RowsSkipped);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("options");
        foreach (var (name, value) in Options)
            w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteStartArray("skipped");
        foreach (var (approach, reason) in Skipped)
        {
            w.WriteStartObject();
            w.WriteString("approach", approach);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in Notes)
            w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
