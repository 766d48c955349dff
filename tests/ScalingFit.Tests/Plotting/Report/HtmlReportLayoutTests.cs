using System.Text.Json;
using System.Text.RegularExpressions;
using ScalingFit.Tests.Cli;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Plotting.Report;

/// <summary>The HTML report as a browser lays it out (headless Chromium).</summary>
public partial class HtmlReportLayoutTests
{
    // Measures the page after layout and writes the result into the DOM, which --dump-dom prints. Injected into a copy:
    // the report itself has no scripts.
    private const string Probe = """
        <script>
        const boxes = [...document.querySelectorAll('main, table, figure, div.svg, div.table, pre, nav, p')];
        const wide = boxes.filter(e => e.scrollWidth > e.clientWidth + 1)
          .map(e => e.tagName + ': ' + ((e.querySelector('caption, h3') || e).textContent || '').trim().slice(0, 60));
        const figures = [...document.querySelectorAll('div.svg svg')].map(s => Math.round(s.getBoundingClientRect().width));
        document.body.setAttribute('data-layout', JSON.stringify({
          page: document.documentElement.scrollWidth, viewport: window.innerWidth, wide, figures }));
        </script>
        """;

    [GeneratedRegex("data-layout=\"([^\"]*)\"")]
    private static partial Regex LayoutAttribute();

    [ChromiumFact]
    public void Reproduce_SampleReportAt1400Px_HasNoHorizontalOverflow()
    {
        using var temp = new TempFolder();
        string outDir = temp.File("report");
        var (code, _, error) = CliRunner.Run("reproduce", "--bootstrap", "100", "--out", outDir, "--format", "svg");
        Assert.True(code == 0, error);
        string html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        string probed = temp.File("probed.html");
        File.WriteAllText(probed, html.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        string dom = Chromium.DumpDom(probed, width: 1400);

        Match match = LayoutAttribute().Match(dom);
        Assert.True(match.Success, "the probe script did not run: " + dom[..Math.Min(dom.Length, 500)]);
        using JsonDocument layout = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value));
        JsonElement root = layout.RootElement;
        int page = root.GetProperty("page").GetInt32(), viewport = root.GetProperty("viewport").GetInt32();
        Assert.True(page <= viewport, $"the page is {page} px wide in a {viewport} px window");
        string[] wide = [.. root.GetProperty("wide").EnumerateArray().Select(e => e.GetString()!)];
        Assert.True(wide.Length == 0, "cut off or scrolling: " + string.Join("; ", wide));
        // Every figure is drawn, scaled to the column, none wider than the window.
        int[] figures = [.. root.GetProperty("figures").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(9, figures.Length);
        Assert.All(figures, w => Assert.InRange(w, 300, viewport));
    }
}
