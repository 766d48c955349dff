using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting;

public class TickTests
{
    private static string[] Labels(IEnumerable<Tick> ticks) => [.. ticks.Where(t => t.Label is not null).Select(t => t.Label!.Value.ToString())];

    [Fact]
    public void LogTicks_FiveDecadesOfFlops_LabelsEveryDecadeAsPowerOfTen()
    {
        IReadOnlyList<Tick> ticks = LogTicks.For(1e18, 1e22);

        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22"], Labels(ticks));
        Assert.All(ticks.Where(t => t.IsMajor), t => Assert.Equal(Math.Round(Math.Log10(t.Value)), Math.Log10(t.Value), 12));
    }

    [Fact]
    public void LogTicks_SiFormat_WritesCountsWithSuffixes()
    {
        Assert.Equal(["100M", "1B", "10B", "100B"], Labels(LogTicks.For(1e8, 1e11, TickFormat.Si)));
        Assert.Equal(["1K", "10K", "100K", "1M", "10M"], Labels(LogTicks.For(1e3, 1e7, TickFormat.Si)));
        Assert.Equal(["1T", "10T", "100T"], Labels(LogTicks.For(1e12, 1e14, TickFormat.Si)));
    }

    [Fact]
    public void LogTicks_EachDecade_HasMinorTicksAtTwoToNine()
    {
        IReadOnlyList<Tick> ticks = LogTicks.For(1e18, 1e20);

        double[] minors = [.. ticks.Where(t => !t.IsMajor).Select(t => t.Value)];
        Assert.Equal(16, minors.Length);
        Assert.Contains(2e18, minors);
        Assert.Contains(9e19, minors);
        Assert.All(ticks.Where(t => !t.IsMajor), t => Assert.Null(t.Label));
    }

    [Theory]
    [InlineData(2e18, 8e18)]
    [InlineData(3e9, 4.5e10)]
    [InlineData(1.2, 9.5)]
    public void LogTicks_LessThanOneDecade_StillHasAtLeastTwoLabels(double min, double max)
    {
        IReadOnlyList<Tick> ticks = LogTicks.For(min, max);

        Tick[] labelled = [.. ticks.Where(t => t.Label is not null)];
        Assert.True(labelled.Length >= 2, $"only {labelled.Length} labelled ticks in [{min}, {max}]");
        Assert.All(ticks, t => Assert.InRange(t.Value, min * (1 - 1e-9), max * (1 + 1e-9)));
    }

    [Fact]
    public void LogTicks_LessThanOneDecade_UsesOneTwoFiveSteps()
    {
        Assert.Equal(["2×10^18", "5×10^18", "10^19", "2×10^19", "5×10^19"], Labels(LogTicks.For(1.5e18, 6e19)));
        Assert.Equal(["200M", "500M", "1B", "2B"], Labels(LogTicks.For(1.5e8, 3e9, TickFormat.Si)));
    }

    [Fact]
    public void LogTicks_RangeNarrowerThanOneTwoFiveStep_FallsBackToLinearNiceTicks()
    {
        IReadOnlyList<Tick> ticks = LogTicks.For(3.1, 4.4, TickFormat.Plain);

        Assert.True(ticks.Count(t => t.Label is not null) >= 2);
        Assert.All(ticks, t => Assert.InRange(t.Value, 3.1, 4.4));
    }

    [Fact]
    public void LogTicks_MoreThanEightDecades_LabelsEveryOtherDecade()
    {
        IReadOnlyList<Tick> ticks = LogTicks.For(1e10, 1e24);

        Assert.Equal(15, ticks.Count(t => t.IsMajor));
        Assert.Equal(["10^10", "10^12", "10^14", "10^16", "10^18", "10^20", "10^22", "10^24"], Labels(ticks));
    }

    [Fact]
    public void LogTicks_NonPositiveRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogTicks.For(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogTicks.For(10, 1));
    }

    [Theory]
    [InlineData(0, 1, 0.2)]
    [InlineData(0, 10, 2)]
    [InlineData(1.7, 4.3, 0.5)]
    [InlineData(-3, 97, 20)]
    [InlineData(0, 0.003, 0.001)]
    [InlineData(2.05, 2.95, 0.2)]
    public void NiceTicks_Step_IsOneTwoOrFiveTimesAPowerOfTen(double min, double max, double expectedStep)
    {
        Assert.Equal(expectedStep, NiceTicks.Step(min, max), 12);
        IReadOnlyList<Tick> ticks = NiceTicks.For(min, max);
        Assert.InRange(ticks.Count, 3, 6);
        Assert.All(ticks, t => Assert.InRange(t.Value, min - 1e-12, max + 1e-12));
    }

    [Fact]
    public void NiceTicks_Labels_UseDecimalsImpliedByTheStep()
    {
        Assert.Equal(["2.0", "2.5", "3.0", "3.5", "4.0"], Labels(NiceTicks.For(1.7, 4.3)));
        Assert.Equal(["0", "20", "40", "60", "80"], Labels(NiceTicks.For(-3, 97)));
    }

    [Fact]
    public void NiceTicks_NegativeValues_UseTheMinusSign()
    {
        Assert.Equal("\u22121.0", Labels(NiceTicks.For(-1.2, 1.2))[0]);
    }

    [Theory]
    [InlineData(70e9, "70B")]
    [InlineData(1.4e12, "1.4T")]
    [InlineData(250e6, "250M")]
    [InlineData(999.9e6, "1B")]
    [InlineData(500, "500")]
    public void TickFormatter_Si_RoundsToThreeSignificantDigits(double value, string expected)
    {
        Assert.Equal(expected, TickFormatter.Format(value, TickFormat.Si).ToString());
    }

    [Fact]
    public void TickFormatter_Scientific_SplitsMantissaAndExponent()
    {
        Assert.Equal(new TickLabel("10", "18"), TickFormatter.Format(1e18, TickFormat.Scientific));
        Assert.Equal(new TickLabel("5.76×10", "23"), TickFormatter.Format(5.76e23, TickFormat.Scientific));
        Assert.Equal(new TickLabel("10", "\u22123"), TickFormatter.Format(1e-3, TickFormat.Scientific));
    }
}
