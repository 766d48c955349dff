using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting;

public class ColorTests
{
    [Fact]
    public void Viridis_Endpoints_MatchMatplotlib()
    {
        Assert.Equal("#440154", ColorScale.Viridis.Map(0).ToHex());
        Assert.Equal("#fde725", ColorScale.Viridis.Map(1).ToHex());
    }

    [Fact]
    public void Viridis_Midpoint_MatchesMatplotlibWithinOneUnit()
    {
        // matplotlib viridis(0.5) = (0.127568, 0.566949, 0.550556) → #21918c.
        RgbColor mid = ColorScale.Viridis.Map(128 / 255.0);
        Assert.InRange(mid.R, 0x20, 0x22);
        Assert.InRange(mid.G, 0x90, 0x92);
        Assert.InRange(mid.B, 0x8b, 0x8d);
    }

    [Fact]
    public void Viridis_OutOfRangeInput_IsClamped()
    {
        Assert.Equal(ColorScale.Viridis.Map(0), ColorScale.Viridis.Map(-3));
        Assert.Equal(ColorScale.Viridis.Map(1), ColorScale.Viridis.Map(7));
        Assert.Equal(ColorScale.Viridis.Map(0), ColorScale.Viridis.Map(double.NaN));
    }

    [Fact]
    public void Viridis_Lightness_IncreasesMonotonically()
    {
        double previous = -1;
        for (int i = 0; i <= 100; i++)
        {
            RgbColor c = ColorScale.Viridis.Map(i / 100.0);
            double luma = (0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B);
            Assert.True(luma >= previous - 0.5, $"luma drops at t = {i / 100.0}");
            previous = luma;
        }
    }

    [Fact]
    public void Palette_CyclesAfterTheLastColour()
    {
        Assert.Equal(Palette.OkabeIto[0], Palette.OkabeIto[Palette.OkabeIto.Colors.Count]);
        Assert.Equal("#0072b2", Palette.OkabeIto[0].ToHex());
        Assert.Equal("#4e79a7", Palette.Tableau10[0].ToHex());
    }

    [Fact]
    public void RgbColor_FromHex_RoundTrips()
    {
        Assert.Equal("#d55e00", RgbColor.FromHex("#D55E00").ToHex());
        Assert.Throws<FormatException>(() => RgbColor.FromHex("#12345"));
    }
}
