using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Tests.Core;

public class NumbersTests
{
    /// <summary>A comma-decimal culture (InvariantGlobalization is on, so de-DE cannot be loaded: clone and change the invariant one).</summary>
    private static CultureInfo CommaDecimal()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        return comma;
    }

    public static TheoryData<double, string> Counts => new()
    {
        { 0, "0" },
        { 7, "7.00" },
        { 512, "512" },
        { 999.4, "999" },
        { 999.6, "1.00K" },
        { 1_500, "1.50K" },
        { 4e8, "400M" },
        { 6.7e10, "67.0B" },
        { 999.4e9, "999B" },
        { 999.7e9, "1.00T" },
        { 1.5e12, "1.50T" },
        { 216e12, "216T" },
        { 999.4e12, "999T" },
        { 999.7e12, "1.00e+15" },
        { 6.583e15, "6.58e+15" },
        { -4e8, "-400M" },
        { 0.25, "2.50e-01" },
        { double.NaN, "n/a" },
        { double.PositiveInfinity, "n/a" },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Count_RollsOverToTheNextSuffixThenScientific_InvariantCulture(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Count(value));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Count_IsTheSameUnderACommaDecimalCurrentCulture(double value, string expected)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaDecimal();
            Assert.Equal(expected, Numbers.Count(value));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Count_WithACommaDecimalProvider_UsesItsSeparator()
    {
        var comma = CommaDecimal();

        Assert.Equal("1,50T", Numbers.Count(1.5e12, comma));
        Assert.Equal("67,0B", Numbers.Count(6.7e10, comma));
        Assert.Equal("6,58e+15", Numbers.Count(6.583e15, comma));
    }

    [Fact]
    public void ScientificFormatAndInterval_GoldenUnderBothCultures()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CommaDecimal() })
            {
                CultureInfo.CurrentCulture = culture;
                Assert.Equal("5.76e+23", Numbers.Scientific(5.76e23));
                Assert.Equal("1.00e+21", Numbers.Scientific(1e21));
                Assert.Equal("0.5139", Numbers.Format(0.51394, "0.0000"));
                Assert.Equal("n/a", Numbers.Format(double.NaN, "0.0000"));
                Assert.Equal("0.514 (0.482, 0.555)", Numbers.WithInterval(0.5139, 0.4816, 0.5552));
                Assert.Equal("0.514", Numbers.WithInterval(0.5139, null, null));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Equal("0,514 (0,482, 0,555)", Numbers.WithInterval(0.5139, 0.4816, 0.5552, provider: CommaDecimal()));
    }

    [Theory]
    [InlineData(70e9, "70B")]
    [InlineData(1.4e12, "1.4T")]
    [InlineData(175e9, "175B")]
    [InlineData(999.7e9, "1T")]
    [InlineData(6.583e15, "6.58e+15")]
    [InlineData(double.NaN, "n/a")]
    public void ShortCount_TrimsTrailingZeros_AndRollsOver(double value, string expected)
    {
        Assert.Equal(expected, Numbers.ShortCount(value));
    }

    [Fact]
    public void ShortScientific_GoldenUnderBothCultures()
    {
        Assert.Equal("5.76e23", Numbers.ShortScientific(5.76e23));
        Assert.Equal("1e21", Numbers.ShortScientific(1e21));
        Assert.Equal("1e22", Numbers.ShortScientific(9.999e21));
        Assert.Equal("5,76e23", Numbers.ShortScientific(5.76e23, CommaDecimal()));
        Assert.Equal("1,4T", Numbers.ShortCount(1.4e12, CommaDecimal()));
    }
}
