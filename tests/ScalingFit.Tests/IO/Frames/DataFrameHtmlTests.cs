using Microsoft.Data.Analysis;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO.Frames;

public sealed class DataFrameHtmlTests
{
    [Fact]
    public void Table_HeaderRowThenCellsInvariantAndEncoded()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("run", ["<a&b>", null]),
            new DoubleDataFrameColumn("loss", [2.5, null]),
            new DoubleDataFrameColumn("flops", [5.76e23, 1234567.891]));

        string html = DataFrameHtml.Table(frame);

        Assert.StartsWith("<table class=\"dataframe\"><thead><tr><th>run</th><th>loss</th><th>flops</th></tr></thead>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>&lt;a&amp;b&gt;</td><td>2.5</td><td>5.76E+23</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td></td><td></td><td>1.23457E+06</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<caption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_MoreRowsThanShown_SaysHowManyInACaption()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("i", Enumerable.Range(0, 50)));

        string html = DataFrameHtml.Table(frame, maxRows: 5);

        Assert.Contains("<caption>first 5 of 50 rows</caption>", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("<tr>").Length - 1); // the header and five rows
    }
}
