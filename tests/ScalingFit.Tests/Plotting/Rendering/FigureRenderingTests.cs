using System.Xml.Linq;
using ScalingFit.Plotting;
using ScalingFit.Tests.Plotting.Figures;
using ScottPlot;
using SkiaSharp;

namespace ScalingFit.Tests.Plotting.Rendering;

/// <summary>What every figure must do whatever it shows: identical bytes for identical input, and text the font can draw.</summary>
public class FigureRenderingTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Render_SameInputTwice_SameBytesInBothFormats()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        IReadOnlyList<ReportFigure> first = ReportFigures.All(inputs);
        IReadOnlyList<ReportFigure> second = ReportFigures.All(inputs);

        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Figure.ToPng(), second[i].Figure.ToPng());
            Assert.Equal(first[i].Figure.ToSvg(), second[i].Figure.ToSvg());
        }
        // And the same figure rendered again (ScottPlot keeps state between renders, Skia counts ids per process).
        Assert.Equal(first[0].Figure.ToSvg(), first[0].Figure.ToSvg());
    }

    [Fact]
    public void ToPng_MultiPanelFigure_IsAPngOfTheGridSize()
    {
        Figure figure = IsoFlopFigure.Build(FigureFixtures.Normal.IsoFlop!);

        byte[] png = figure.ToPng();

        Assert.Equal(PngSignature, png[..8]);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal(3 * figure.PanelWidth, bitmap.Width);
        Assert.Equal(figure.PanelHeight, bitmap.Height);
        Assert.Equal(figure.Width, bitmap.Width);
    }

    [Fact]
    public void ToSvg_IsAScalableDocumentWithTextInASansSerifStack()
    {
        Figure figure = FrontierFigure.Build(FigureFixtures.Normal.Fits, FrontierReferences.Paper);

        XDocument svg = XDocument.Parse(figure.ToSvg());

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal($"0 0 {figure.Width} {figure.Height}", (string?)svg.Root.Attribute("viewBox"));
        Assert.Contains("sans-serif", svg.Root.Element(ns + "style")!.Value, StringComparison.Ordinal);
        string[] texts = [.. svg.Descendants(ns + "text").Select(t => t.Value.Trim())];
        // Text stays text, unshaped: no ligature characters (U+FB00–FB06) in place of "ff", "fi".
        Assert.Contains("Hoffmann et al. (2022), Table 3", texts);
        Assert.Contains("Compute-optimal model size", texts);
        Assert.Contains(texts, t => t.Contains("Chinchilla (70B)", StringComparison.Ordinal));
    }

    [Fact]
    public void ToInlineSvg_TwoDifferentFigures_ShareNoIdsAndHaveNoXmlDeclaration()
    {
        string a = FrontierFigure.Build(FigureFixtures.Normal.Fits, FrontierReferences.Paper).ToInlineSvg();
        string b = IsoFlopFigure.Build(FigureFixtures.Normal.IsoFlop!).ToInlineSvg();

        Assert.StartsWith("<svg", a, StringComparison.Ordinal);
        static HashSet<string> Ids(string svg) =>
            [.. XDocument.Parse(svg).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()];
        Assert.NotEmpty(Ids(a));
        Assert.Empty(Ids(a).Intersect(Ids(b)));
    }

    [Fact]
    public void Save_ByExtension_WritesPngOrSvgAndRejectsOthers()
    {
        Figure figure = BootstrapFigure.Build(FigureFixtures.Normal.Fits);
        string folder = Directory.CreateTempSubdirectory("scalingfit-figure-").FullName;
        try
        {
            figure.Save(Path.Combine(folder, "b.png"));
            figure.Save(Path.Combine(folder, "b.svg"));

            Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(folder, "b.png"))[..8]);
            Assert.Equal("svg", XDocument.Load(Path.Combine(folder, "b.svg")).Root!.Name.LocalName);
            Assert.Throws<ArgumentException>(() => figure.Save(Path.Combine(folder, "b.jpg")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Legends_InsideThePlot_CoverNoMarker(string name)
    {
        int checkedLegends = 0;
        foreach (ReportFigure report in ReportFigures.All(FigureFixtures.Case(name)))
        {
            report.Figure.ToPng();
            foreach (Plot plot in report.Figure.Panels.Where(p => p.Legend.IsVisible && p.Legend.GetItems().Length > 0))
            {
                // Where ScottPlot drew the legend box: its last size, aligned inside the data area less the margin.
                PixelRect data = plot.RenderManager.LastRender.DataRect;
                PixelSize size = plot.Legend.LastRenderSize;
                PixelRect box = new PixelRect(0, size.Width, size.Height, 0).AlignedInside(data.Contract(plot.Legend.Margin), plot.Legend.Alignment);
                foreach ((string legend, IReadOnlyList<Coordinates> points) in Panels.MarkerSeries(plot))
                {
                    foreach (Coordinates c in points)
                    {
                        Pixel p = plot.GetPixel(c);
                        Assert.False(box.Contains(p), $"{report.Name}, '{Panels.Title(plot)}': the legend covers a marker of '{legend}' at ({c.X:G4}, {c.Y:G4}).");
                    }
                }
                checkedLegends++;
            }
        }
        if (name == "normal")
            Assert.True(checkedLegends >= 5, $"only {checkedLegends} inside legends checked");
    }

    [Fact]
    public void FontFamily_IsAnInstalledSansSerif()
    {
        Assert.Contains(FigureStyle.FontFamily, FigureStyle.FontFamilies);
    }

    [Fact]
    public void EveryText_OfEveryFigure_HasGlyphsInTheFigureFont()
    {
        // ★-free by design (stars are drawn as markers), but titles and labels use ∝, −, L̂ (L + U+0302), superscript digits.
        using SKFontManager manager = SKFontManager.CreateDefault();
        using SKTypeface typeface = manager.MatchFamily(FigureStyle.FontFamily);
        using var font = new SKFont(typeface);
        var texts = new List<string>();
        foreach (ReportFigure report in ReportFigures.All(FigureFixtures.Normal))
        {
            report.Figure.ToPng();
            foreach (Plot plot in report.Figure.Panels)
            {
                texts.Add(plot.Axes.Title.Label.Text);
                foreach (IAxis axis in plot.Axes.GetAxes())
                {
                    texts.Add(axis.Label.Text);
                    texts.AddRange(axis.TickGenerator.Ticks.Select(t => t.Label));
                }
                if (Panels.ColorBar(plot) is { } bar)
                {
                    texts.Add(bar.Label);
                    texts.AddRange(bar.Axis.TickGenerator.Ticks.Select(t => t.Label));
                }
                texts.AddRange(Panels.LegendLabels(plot));
                texts.AddRange(Panels.Of<ScottPlot.Plottables.Text>(plot).Select(t => t.LabelText));
            }
        }
        string all = string.Concat(texts);
        Assert.Contains("∝", all, StringComparison.Ordinal);
        Assert.Contains("L̂", all, StringComparison.Ordinal);
        Assert.Contains("¹⁸", all, StringComparison.Ordinal);

        char[] missing = [.. all.Where(c => !char.IsWhiteSpace(c)).Distinct().Where(c => !font.ContainsGlyphs(c.ToString()))];
        Assert.True(missing.Length == 0, $"{FigureStyle.FontFamily} has no glyph for: {string.Join(" ", missing.Select(c => $"U+{(int)c:X4}"))}");
        Assert.True(font.ContainsGlyphs("★"), "the star used in captions and notebooks");
    }
}
