namespace ScalingFit.Plotting;

/// <summary>The image formats a <see cref="Figure"/> is written in; combine them with <c>|</c>.</summary>
[Flags]
public enum FigureFormat
{
    /// <summary>A raster PNG at the figure's pixel size: for slides, chat and READMEs.</summary>
    Png = 1,

    /// <summary>A vector SVG document: for papers and web pages; text stays text.</summary>
    Svg = 2,

    /// <summary>Both <see cref="Png"/> and <see cref="Svg"/>.</summary>
    Both = Png | Svg,
}

/// <summary>Parsing and file extensions of <see cref="FigureFormat"/>.</summary>
public static class FigureFormats
{
    /// <summary>
    /// Reads <c>png</c>, <c>svg</c> or <c>both</c> (case-insensitive); null when the text is none of them.
    /// </summary>
    public static FigureFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "png" => FigureFormat.Png,
        "svg" => FigureFormat.Svg,
        "both" => FigureFormat.Both,
        _ => null,
    };

    /// <summary>The single formats in <paramref name="formats"/>, PNG first.</summary>
    public static IReadOnlyList<FigureFormat> Each(FigureFormat formats) =>
        [.. new[] { FigureFormat.Png, FigureFormat.Svg }.Where(f => formats.HasFlag(f))];

    /// <summary>The file extension of a single format, with its dot: <c>.png</c> or <c>.svg</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a single format.</exception>
    public static string Extension(FigureFormat format) => format switch
    {
        FigureFormat.Png => ".png",
        FigureFormat.Svg => ".svg",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Name one format: Png or Svg."),
    };
}
