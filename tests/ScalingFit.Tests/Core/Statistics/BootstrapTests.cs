using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Statistics;

public class BootstrapTests
{
    private static readonly double[] Values = Enumerable.Range(0, 60).Select(i => Math.Sin(i) * 3 + i * 0.1).ToArray();

    private static double[]? MeanAndMax(int[] idx)
    {
        double sum = 0, max = double.MinValue;
        foreach (var i in idx)
        {
            sum += Values[i];
            max = Math.Max(max, Values[i]);
        }
        return [sum / idx.Length, max];
    }

    [Fact]
    public void Run_SameSeed_GivesIdenticalIntervalsWithOneAndFourThreads()
    {
        var one = Bootstrap.Run(new BootstrapOptions(500, Seed: 7, Threads: 1), Values.Length, ["mean", "max"], MeanAndMax);
        var four = Bootstrap.Run(new BootstrapOptions(500, Seed: 7, Threads: 4), Values.Length, ["mean", "max"], MeanAndMax);

        Assert.Equal(one.Samples("mean"), four.Samples("mean"));
        Assert.Equal(one.Interval("mean"), four.Interval("mean"));
        Assert.Equal(one.Interval("max"), four.Interval("max"));
    }

    [Fact]
    public void Run_DifferentSeeds_GiveDifferentResamples()
    {
        var a = Bootstrap.Run(new BootstrapOptions(50, Seed: 1), Values.Length, ["mean", "max"], MeanAndMax);
        var b = Bootstrap.Run(new BootstrapOptions(50, Seed: 2), Values.Length, ["mean", "max"], MeanAndMax);

        Assert.NotEqual(a.Samples("mean"), b.Samples("mean"));
    }

    [Fact]
    public void DrawIndices_PaperProtocol_Draws80PercentWithoutReplacement()
    {
        var options = BootstrapOptions.Paper;
        for (int r = 0; r < options.Resamples; r++)
        {
            var idx = Bootstrap.DrawIndices(options, 240, null, r);

            Assert.Equal(192, idx.Length);
            Assert.Equal(192, idx.Distinct().Count());
            Assert.All(idx, i => Assert.InRange(i, 0, 239));
        }
        Assert.Equal(100, options.Resamples);
        Assert.Equal(0.80, options.Level);
    }

    [Fact]
    public void DrawIndices_WithReplacement_DrawsAsManyAsThereAreWithRepeats()
    {
        var idx = Bootstrap.DrawIndices(BootstrapOptions.Default, 240, null, 3);

        Assert.Equal(240, idx.Length);
        Assert.True(idx.Distinct().Count() < 240);
    }

    [Fact]
    public void DrawIndices_WithStrata_ResamplesWithinEachStratumKeepingItsSize()
    {
        int[] strata = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];

        var idx = Bootstrap.DrawIndices(BootstrapOptions.Default, strata.Length, strata, 0);

        Assert.Equal(3, idx.Count(i => strata[i] == 0));
        Assert.Equal(2, idx.Count(i => strata[i] == 1));
        Assert.Equal(5, idx.Count(i => strata[i] == 2));
    }

    [Fact]
    public void Run_RefitsThatFailOrThrow_AreCountedNotThrown()
    {
        int calls = 0;
        var result = Bootstrap.Run(new BootstrapOptions(100, Seed: 3, Threads: 2), 10, ["v"], idx =>
        {
            int k = Interlocked.Increment(ref calls);
            return (idx[0] % 3) switch
            {
                0 => null,
                1 => throw new InvalidOperationException("boom"),
                _ => [1.0],
            };
        });

        Assert.Equal(100, result.Requested);
        Assert.Equal(100, result.Succeeded + result.Failed);
        Assert.True(result.Failed > 0);
        Assert.Contains(result.FailureReasons, r => r.Reason == "boom");
        Assert.Contains(result.FailureReasons, r => r.Reason == "the refit did not converge");
    }

    [Fact]
    public void Run_NormalMean_PercentileIntervalCoversTrueMeanAtAboutNominalRate()
    {
        int covered = 0;
        for (int s = 0; s < 200; s++)
        {
            var rng = new SeededRandom(s);
            var data = Enumerable.Range(0, 50).Select(_ => rng.NextGaussian()).ToArray();
            var result = Bootstrap.Run(new BootstrapOptions(400, Seed: s), data.Length, ["mean"], idx => [idx.Average(i => data[i])]);
            if (result.Interval("mean")!.Value.Contains(0.0))
                covered++;
        }

        Assert.InRange(covered, 176, 198);
    }

    [Fact]
    public void Run_Cancelled_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Bootstrap.Run(new BootstrapOptions(1000), 10, ["v"], _ => [1.0], cancellationToken: cts.Token));
    }

    [Fact]
    public void Replay_GivenIndexSets_UsesThemVerbatim()
    {
        var sets = new List<int[]> { new[] { 0, 0, 0 }, new[] { 1, 1, 1 }, new[] { 2, 2, 2 } };

        var result = Bootstrap.Replay(sets, ["first"], idx => [idx[0]]);

        Assert.Equal([0.0, 1.0, 2.0], result.Samples("first"));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 5.5)]
    [InlineData(1.0, 10.0)]
    [InlineData(0.25, 3.25)]
    public void Percentile_LinearInterpolation_MatchesNumpyDefault(double q, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, Percentile.OfSorted(sorted, q), 12);
    }
}
