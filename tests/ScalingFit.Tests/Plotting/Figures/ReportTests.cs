using System.Xml;
using System.Xml.Linq;
using ScalingFit.Fitting;
using ScalingFit.Core;
using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting.Figures;

public class ReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument ParseHtml(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    private static HtmlReport Report(FigureInputs inputs) => new("Chinchilla <reproduction> & checks")
    {
        Description = "81 simulated runs.\n\nNine budgets from 6e18 to 3e21 FLOPs.",
        Tables =
        [
            new ReportTable("Exponents", ["Approach", "a", "b", "points"],
                [.. inputs.Fits.Select(f => (IReadOnlyList<string>)[f.Approach.Name(), $"{f.ExponentA.Value:0.000} (0.41, 0.47)", f.Approach.Name() == "isoflop" ? "–" : $"{f.ExponentB.Value:0.000}", f.PointCount.ToString()])])
            {
                Note = "Intervals are 95% percentile intervals.",
            },
        ],
        Figures = ReportFigures.All(inputs),
        FitReports = [.. inputs.Fits.Select(f => new ReportText(f.Approach.Name(), f.ToReport()))],
        Diagnostics = [.. inputs.Fits.SelectMany(f => f.Diagnostics.Select(d => new ReportDiagnostic(f.Approach.Name(), d)))],
        Footer = "scalingfit report",
    };

    [Fact]
    public void All_EveryApproach_SixFiguresInOrder()
    {
        IReadOnlyList<ReportFigure> figures = ReportFigures.All(FigureFixtures.Normal);

        // Without loss frontiers and a backtest the last two figures are left out.
        Assert.Equal(ReportFigures.Names.Take(6), figures.Select(f => f.Name));
        Assert.All(figures, f =>
        {
            XDocument svg = XDocument.Parse(f.Svg);
            Assert.Equal(Svg + "svg", svg.Root!.Name);
            Assert.False(string.IsNullOrWhiteSpace(f.Caption));
        });
    }

    [Fact]
    public void All_WithLossFrontiersAndABacktest_AddsTheirThreeFiguresLast()
    {
        var normal = FigureFixtures.Normal;
        var fits = new FitAllResult([normal.IsoFlop!, normal.Parametric!], [], [], normal.Runs!);
        var inputs = normal with { LossFrontiers = ScalingLaws.LossFrontiers(fits), Backtest = SweepBacktester.Run(fits, SweepBacktestOptions.Default with { HeldOutBudgets = [1] }) };

        IReadOnlyList<ReportFigure> figures = ReportFigures.All(inputs);

        Assert.Equal(ReportFigures.Names, figures.Select(f => f.Name));
        Assert.Contains("bootstrap band", figures[6].Caption);
        Assert.Contains("held out", figures[7].Caption);
        // Both approaches' frontiers are drawn with their fitted law in the legend; the held-out losses as points.
        Assert.Contains("Approach 2 (IsoFLOP): L* =", figures[6].Svg);
        Assert.Contains("Approach 3 (parametric)", figures[7].Svg);
        Assert.Contains("Held out", figures[8].Svg);
    }

    [Fact]
    public void All_BacktestWithoutTargets_LeavesOutTheBacktestFigure()
    {
        var inputs = FigureFixtures.Normal with { Backtest = new SweepBacktest([], [], [DiagnosticCodes.NoBacktest.With("No backtest: too few budgets.")]) };

        Assert.DoesNotContain("backtest", ReportFigures.All(inputs).Select(f => f.Name));
    }

    [Fact]
    public void All_ParametricOnly_SkipsTheEnvelopeAndIsoFlopFigures()
    {
        var inputs = FigureFixtures.Normal with { Envelope = null, IsoFlop = null };

        IReadOnlyList<ReportFigure> figures = ReportFigures.All(inputs);

        Assert.Equal(["frontier", "parametric", "residuals", "bootstrap"], figures.Select(f => f.Name));
    }

    [Fact]
    public void All_NoFits_NoFigures()
    {
        Assert.Empty(ReportFigures.All(new FigureInputs { Runs = FigureFixtures.Normal.Runs }));
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void All_AnyInput_EverySvgIsWellFormed(string name)
    {
        IReadOnlyList<ReportFigure> figures = ReportFigures.All(FigureFixtures.Case(name));

        Assert.Equal(6, figures.Count);
        Assert.All(figures, f => Assert.Equal(Svg + "svg", XDocument.Parse(f.Svg).Root!.Name));
    }

    [Fact]
    public void All_Frontier_CaptionExplainsTheBands()
    {
        ReportFigure frontier = ReportFigures.All(FigureFixtures.Normal)[0];

        Assert.Contains("geometric-mean C", frontier.Caption, StringComparison.Ordinal);
        Assert.Contains("bootstrap refits' laws", frontier.Caption, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void ToHtml_AnyInput_IsSelfContainedAndWellFormed(string name)
    {
        HtmlReport report = Report(FigureFixtures.Case(name));

        string html = report.ToHtml();
        XDocument document = ParseHtml(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        // The only http in the page are the SVG and XLink namespace names, which are never fetched; colour bars are data: URIs.
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)
            .Replace("http://www.w3.org/1999/xlink", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(document.Descendants(Svg + "image"), i => !((string?)i.Attribute(XName.Get("href", "http://www.w3.org/1999/xlink")) ?? "data:").StartsWith("data:", StringComparison.Ordinal));
        Assert.Single(document.Descendants("style"));
        Assert.Equal(report.Figures.Count, document.Descendants(Svg + "svg").Count());
        foreach (ReportFigure figure in report.Figures)
        {
            Assert.Contains(document.Descendants("figcaption"), c => c.Value.Contains(figure.FileName(FigureFormat.Png), StringComparison.Ordinal)
                && c.Value.Contains(figure.FileName(FigureFormat.Svg), StringComparison.Ordinal));
        }
        Assert.Equal(report.FitReports.Count, document.Descendants("pre").Count());
    }

    [Fact]
    public void ToHtml_InlineSvgs_KeepEveryTextAndShareNoIds()
    {
        HtmlReport report = Report(FigureFixtures.Normal);

        XDocument document = ParseHtml(report.ToHtml());

        var svgs = document.Descendants(Svg + "svg").ToArray();
        for (int i = 0; i < report.Figures.Count; i++)
        {
            XDocument original = XDocument.Parse(report.Figures[i].Svg);
            Assert.Equal(original.Descendants(Svg + "text").Select(t => t.Value), svgs[i].Descendants(Svg + "text").Select(t => t.Value));
        }
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        // Every url(#…) reference points at an id in the same figure.
        foreach (XElement svg in svgs)
        {
            var local = svg.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
            foreach (XAttribute clip in svg.Descendants().Attributes().Where(a => a.Value.StartsWith("url(#", StringComparison.Ordinal)))
                Assert.Contains(clip.Value[5..^1], local);
            foreach (XAttribute use in svg.Descendants().Attributes().Where(a => a.Name.LocalName == "href" && a.Value.StartsWith('#')))
                Assert.Contains(use.Value[1..], local);
        }
    }

    [Fact]
    public void ToHtml_Text_IsEscaped()
    {
        string html = Report(FigureFixtures.Normal).ToHtml();

        Assert.Contains("<h1>Chinchilla &lt;reproduction&gt; &amp; checks</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<reproduction>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Tables_RightAlignNumericColumnsOnly()
    {
        XDocument document = ParseHtml(Report(FigureFixtures.Normal).ToHtml());

        XElement table = document.Descendants("table").Single();
        Assert.Equal("Exponents", table.Element("caption")!.Value);
        var headers = table.Descendants("th").ToArray();
        Assert.Equal([null, "num", "num", "num"], headers.Select(h => (string?)h.Attribute("class")));
        XElement firstRow = table.Element("tbody")!.Elements("tr").First();
        Assert.Equal([null, "num", "num", "num"], firstRow.Elements("td").Select(td => (string?)td.Attribute("class")));
        Assert.Contains(document.Descendants("p"), p => (string?)p.Attribute("class") == "note");
    }

    [Fact]
    public void ToHtml_Description_OneParagraphPerBlock()
    {
        XDocument document = ParseHtml(Report(FigureFixtures.Normal).ToHtml());

        Assert.Equal(2, document.Descendants("p").Count(p => (string?)p.Attribute("class") == "description"));
    }

    [Fact]
    public void ToHtml_Diagnostics_ErrorsFirstWithSourceAndCode()
    {
        var report = new HtmlReport("r")
        {
            Diagnostics =
            [
                new ReportDiagnostic("import", Diagnostic.Info("rows-sorted", "Rows were sorted.")),
                new ReportDiagnostic("isoflop", Diagnostic.Error("no-valley", "No budget has a valley.")),
            ],
        };

        XDocument document = ParseHtml(report.ToHtml());

        var items = document.Descendants("li").Where(li => li.Parent?.Attribute("class")?.Value == "diagnostics").ToArray();
        Assert.Equal(["error", "info"], items.Select(li => (string?)li.Attribute("class")));
        Assert.Contains("no-valley", items[0].Value, StringComparison.Ordinal);
        Assert.Contains("isoflop", items[0].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "0.454 (0.44, 0.46)", "1.92e19", "–", "70B" }, true)]
    [InlineData(new[] { "−0.5", "12%", "n/a" }, true)]
    [InlineData(new[] { "envelope", "0.5" }, false)]
    [InlineData(new[] { "–", "" }, false)]
    public void ToHtml_AutoAlignment_RightAlignsColumnsOfFormattedNumbers(string[] cells, bool numeric)
    {
        var report = new HtmlReport("r") { Tables = [new ReportTable("t", ["x"], [.. cells.Select(c => (IReadOnlyList<string>)[c])])] };

        XDocument document = ParseHtml(report.ToHtml());

        Assert.All(document.Descendants("td"), td => Assert.Equal(numeric ? "num" : null, (string?)td.Attribute("class")));
    }
}
