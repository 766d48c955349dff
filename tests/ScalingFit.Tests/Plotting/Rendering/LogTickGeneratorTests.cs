using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting.Rendering;

public class LogTickGeneratorTests
{
    private static readonly LogTickGenerator Flops = new(TickText.Scientific);

    [Fact]
    public void Generate_SixDecadesWithRoom_LabelsEveryDecadeWithMinorTicksBetween()
    {
        var ticks = Flops.Generate(18, 24, 58, 600).ToArray();

        Assert.Equal(["10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²", "10²³", "10²⁴"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(6 * 8, ticks.Count(t => !t.IsMajor));
    }

    [Fact]
    public void Generate_TenDecadesOnAShortAxis_LabelsEveryOtherDecade()
    {
        var majors = Flops.Generate(17, 27, 58, 400).Where(t => t.IsMajor).Select(t => t.Position).ToArray();

        Assert.Equal([18, 20, 22, 24, 26], majors);
    }

    [Fact]
    public void Generate_UnderTwoDecades_AlsoLabelsTwoAndFiveTimesEachDecade()
    {
        var labels = new LogTickGenerator(TickText.Count).Generate(Math.Log10(4e7), Math.Log10(3e9), 28, 300)
            .Where(t => t.IsMajor).Select(t => t.Label).ToArray();

        Assert.Equal(["50M", "100M", "200M", "500M", "1B", "2B"], labels);
    }

    [Fact]
    public void Generate_EmptyOrInvalidRange_NoTicks()
    {
        Assert.Empty(Flops.Generate(3, 3, 58, 600));
        Assert.Empty(Flops.Generate(double.NaN, 3, 58, 600));
    }

    [Theory]
    [InlineData(1e18, "10¹⁸")]
    [InlineData(2e18, "2×10¹⁸")]
    [InlineData(5.76e23, "5.76×10²³")]
    [InlineData(1e-3, "10⁻³")]
    [InlineData(9.999e20, "10²¹")]
    public void Scientific_WritesSuperscriptPowersOfTen(double value, string expected)
    {
        Assert.Equal(expected, TickText.Scientific(value));
    }

    [Theory]
    [InlineData(4.4e7, "44M")]
    [InlineData(1e9, "1B")]
    [InlineData(7e10, "70B")]
    [InlineData(1.4e12, "1.4T")]
    [InlineData(2.5e3, "2.5K")]
    [InlineData(500, "500")]
    [InlineData(3e15, "3×10¹⁵")]
    public void Count_WritesSuffixes(double value, string expected)
    {
        Assert.Equal(expected, TickText.Count(value));
    }

    [Theory]
    [InlineData("png", FigureFormat.Png)]
    [InlineData(" SVG ", FigureFormat.Svg)]
    [InlineData("Both", FigureFormat.Both)]
    [InlineData("jpeg", null)]
    [InlineData(null, null)]
    public void FigureFormats_Parse_ReadsTheThreeNames(string? text, FigureFormat? expected)
    {
        Assert.Equal(expected, FigureFormats.Parse(text));
    }
}
