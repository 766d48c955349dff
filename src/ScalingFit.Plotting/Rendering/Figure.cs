using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace ScalingFit.Plotting;

/// <summary>
/// A finished figure: one or more ScottPlot <see cref="Plot"/>s (the panels), laid out row by row in a grid, that renders
/// itself to PNG or SVG in memory (<see cref="ToPng"/>, <see cref="ToSvg"/>, <see cref="Render"/>) or to a file
/// (<see cref="Save"/>). Every figure builder in <c>ScalingFit.Plotting</c> returns one. The panels are ordinary
/// ScottPlot plots: read them (plottables, axis limits, labels) or restyle them with ScottPlot's API before rendering.
/// </summary>
/// <remarks>
/// Rendering is deterministic: the same figure gives the same bytes on one machine (each render lays the panels out
/// once before drawing them, so nothing depends on an earlier render). Multi-panel figures are lettered (a), (b), … at
/// each panel's top left, as in Hoffmann et al. (2022), Figures 2–4.
/// </remarks>
/// <param name="Panels">The panels in reading order (at least one).</param>
public sealed record Figure(IReadOnlyList<Plot> Panels)
{
    /// <summary>Panels per row; 0 (the default) puts every panel in one row.</summary>
    public int Columns { get; init; }

    /// <summary>Width of each panel in px. Default 460.</summary>
    public int PanelWidth { get; init; } = 460;

    /// <summary>Height of each panel in px. Default 380.</summary>
    public int PanelHeight { get; init; } = 380;

    /// <summary>Whether to letter the panels (a), (b), … at their top left; default: when there is more than one panel.</summary>
    public bool? PanelLetters { get; init; }

    /// <summary>A one-panel figure of <paramref name="width"/> × <paramref name="height"/> px.</summary>
    public static Figure Single(Plot plot, int width, int height) => new([plot]) { PanelWidth = width, PanelHeight = height };

    /// <summary>The panel at <paramref name="index"/>.</summary>
    public Plot this[int index] => Panels[index];

    /// <summary>The number of columns actually used.</summary>
    public int ColumnCount => Columns > 0 ? Math.Min(Columns, Math.Max(1, Panels.Count)) : Math.Max(1, Panels.Count);

    /// <summary>The number of rows.</summary>
    public int RowCount => (Math.Max(1, Panels.Count) + ColumnCount - 1) / ColumnCount;

    /// <summary>The width of the whole figure in px.</summary>
    public int Width => ColumnCount * Math.Max(1, PanelWidth);

    /// <summary>The height of the whole figure in px.</summary>
    public int Height => RowCount * Math.Max(1, PanelHeight);

    /// <summary>The figure as a PNG image of <see cref="Width"/> × <see cref="Height"/> px.</summary>
    public byte[] ToPng()
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Skia could not create a {Width}×{Height} surface.");
        lock (RenderLock)
        {
            Layout();
            Draw(surface.Canvas);
        }
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// The figure as a standalone SVG document (UTF-8 text). Text stays text, in <see cref="FigureStyle.FontFamily"/> with
    /// sans-serif fallbacks (<see cref="FigureStyle.CssFontFamilies"/>); lines, markers and filled contours are vectors;
    /// colour bars are embedded PNG strips.
    /// </summary>
    public string ToSvg()
    {
        using var stream = new MemoryStream();
        lock (RenderLock)
        {
            Layout();
            using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
                Draw(canvas);
        }
        return Polish(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>
    /// The SVG without its XML declaration, ready to inline in an HTML page (e.g. a notebook's output: register
    /// <c>Formatter.Register&lt;Figure&gt;((f, w) =&gt; w.Write(f.ToInlineSvg()), "text/html")</c>). Its ids are unique to the
    /// drawing, so several figures can share a page.
    /// </summary>
    public string ToInlineSvg()
    {
        string svg = ToSvg();
        int root = svg.IndexOf("<svg", StringComparison.Ordinal);
        return root > 0 ? svg[root..] : svg;
    }

    /// <summary>The figure in one format (<see cref="FigureFormat.Png"/> or <see cref="FigureFormat.Svg"/>), as file bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a single format.</exception>
    public byte[] Render(FigureFormat format) => format switch
    {
        FigureFormat.Png => ToPng(),
        FigureFormat.Svg => Encoding.UTF8.GetBytes(ToSvg()),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Name one format: Png or Svg."),
    };

    /// <summary>
    /// Writes the figure to <paramref name="path"/> as PNG or SVG, chosen by the extension (<c>.png</c> or <c>.svg</c>).
    /// For atomic writes (complete or absent), take <see cref="Render"/>'s bytes to the IO project's <c>AtomicFile</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FigureFormat format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => FigureFormat.Png,
            ".svg" => FigureFormat.Svg,
            _ => throw new ArgumentException($"'{path}': name a .png or .svg file.", nameof(path)),
        };
        File.WriteAllBytes(path, Render(format));
    }

    // ScottPlot keeps static font state and lays a plot out during its render; one render at a time per process keeps
    // both deterministic.
    private static readonly object RenderLock = new();

    private PixelRect Cell(int index)
    {
        int column = index % ColumnCount, row = index / ColumnCount;
        float left = column * PanelWidth, top = row * PanelHeight;
        return new PixelRect(left, left + PanelWidth, top + PanelHeight, top);
    }

    /// <summary>A throw-away render that lets each plot measure its legend and colour bar, so the real render is final.</summary>
    private void Layout()
    {
        using var recorder = new SKPictureRecorder();
        using SKCanvas canvas = recorder.BeginRecording(new SKRect(0, 0, Width, Height));
        Draw(canvas);
        using SKPicture picture = recorder.EndRecording();
    }

    private void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        bool letters = PanelLetters ?? Panels.Count > 1;
        using Paint paint = Paint.NewDisposablePaint();
        for (int i = 0; i < Panels.Count; i++)
        {
            Plot plot = Panels[i];
            PixelRect cell = Cell(i);
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            canvas.Save();
            canvas.ClipRect(new SKRect(cell.Left, cell.Top, cell.Right, cell.Bottom));
            plot.Render(canvas, cell);
            canvas.Restore();
            if (letters)
            {
                var letter = new LabelStyle
                {
                    Text = $"({(char)('a' + (i % 26))})",
                    FontName = FigureStyle.FontFamily,
                    FontSize = FigureStyle.TitleSize,
                    Bold = true,
                    ForeColor = FigureStyle.Text,
                    Alignment = Alignment.UpperLeft,
                };
                letter.Render(canvas, new Pixel(cell.Left + 8, cell.Top + 8), paint);
            }
        }
    }

    private static readonly Regex SvgRoot = new("<svg ", RegexOptions.CultureInvariant);

    private static readonly Regex IdUse = new(@"(?<pre>id=""|url\(#|href=""#)(?<id>[A-Za-z]+_[0-9a-f]+)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Adds a viewBox (so the SVG scales in a page) and the sans-serif fallbacks for its text, and renames Skia's ids
    /// (clip paths, images): Skia counts them per process, so the same figure would otherwise get different ids, and
    /// different bytes, each time it is rendered. The new ids are a hash of the drawing plus a count in order of
    /// appearance, so two different figures inlined in one page (a notebook, a report) never share an id.
    /// </summary>
    private string Polish(string svg)
    {
        string canonical = IdUse.Replace(svg, m => m.Groups["pre"].Value + "id");
        string stem = "f" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..8].ToLowerInvariant() + "-";
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = IdUse.Replace(svg, m =>
        {
            string id = m.Groups["id"].Value;
            if (!ids.TryGetValue(id, out string? renamed))
            {
                renamed = stem + id[..(id.IndexOf('_') + 1)] + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids[id] = renamed;
            }
            return m.Groups["pre"].Value + renamed;
        });
        string viewBox = FormattableString.Invariant($"viewBox=\"0 0 {Width} {Height}\" ");
        string withBox = svg.Contains("viewBox=", StringComparison.Ordinal) ? svg : SvgRoot.Replace(svg, "<svg " + viewBox, 1);
        int close = withBox.IndexOf('>', withBox.IndexOf("<svg", StringComparison.Ordinal));
        return close < 0 ? withBox : withBox.Insert(close + 1, $"<style>text {{ font-family: {FigureStyle.CssFontFamilies}; }}</style>");
    }
}
