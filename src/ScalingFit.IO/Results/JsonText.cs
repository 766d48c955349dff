using System.Text;
using System.Text.Json;

namespace ScalingFit.IO;

/// <summary>The one way every JSON output of ScalingFit is written: indented UTF-8, ending in a newline.</summary>
public static class JsonText
{
    /// <summary>Runs <paramref name="write"/> on an indented writer and returns the document as text with a final newline.</summary>
    /// <param name="write">Writes one complete JSON value.</param>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
