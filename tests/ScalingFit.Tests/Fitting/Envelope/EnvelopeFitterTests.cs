using ScalingFit.Fitting;
using ScalingFit.Core;

namespace ScalingFit.Tests.Fitting.Envelope;

public class EnvelopeFitterTests
{
    private static readonly double[] Sizes = SweepSimulator.LogSpace(3e7, 3e9, 12);

    private static RunSet Sweep(ParametricLaw law, double sigma = 0.005, long seed = 0, double[]? sizes = null) =>
        SweepSimulator.Curves(new SimulationOptions(law, sigma, seed), sizes ?? Sizes);

    private static readonly EnvelopeFitOptions NoBootstrap = EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_NoiseFreeCurveSweep_RecoversExponentWithinOneHundredth(int lawIndex)
    {
        var law = new[] { ParametricLaw.Paper, ParametricLaw.EpochReplication, new ParametricLaw(1.8, 800, 600, 0.45, 0.30) }[lawIndex];

        var result = EnvelopeFitter.Fit(Sweep(law, sigma: 0), NoBootstrap with { Smooth = 1 });

        Assert.True(result.Succeeded);
        Assert.Equal(law.ExponentA, result.ExponentA.Value, 0.01);
        Assert.Equal(1 - result.ExponentA.Value, result.ExponentB.Value, 12);
    }

    [Theory]
    [InlineData(EnvelopeMethod.Paper)]
    [InlineData(EnvelopeMethod.Hull)]
    [InlineData(EnvelopeMethod.Bins)]
    public void Fit_EachMethod_SaysWhichWasUsedAndRecoversTheExponent(EnvelopeMethod method)
    {
        var law = ParametricLaw.Paper;

        var result = EnvelopeFitter.Fit(Sweep(law), NoBootstrap with { Method = method });

        Assert.True(result.Succeeded);
        Assert.Equal(method, result.Method);
        Assert.Equal(law.ExponentA, result.ExponentA.Value, 0.05);
        Assert.Contains(method switch { EnvelopeMethod.Hull => "convex hull", EnvelopeMethod.Bins => "FLOP bins", _ => "(paper)" }, result.ToReport());
    }

    [Fact]
    public void Fit_PaperMethod_GivesOneFrontierPointPerFlopValueInIncreasingFlops()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), NoBootstrap with { FlopPoints = 400 });

        Assert.Equal(400, result.Frontier.Count);
        Assert.True(result.Frontier.Zip(result.Frontier.Skip(1), (p, q) => q.Flops > p.Flops).All(x => x));
        Assert.All(result.Frontier, p =>
        {
            Assert.Equal(p.Flops / (6 * p.ParameterCount), p.TokenCount, p.TokenCount * 1e-9);
            Assert.True(double.IsFinite(p.Loss));
            Assert.Equal(p.Used, p.ExclusionReason is null);
        });
        Assert.Equal(result.PointCount, result.Frontier.Count(p => p.Used));
    }

    [Fact]
    public void Fit_SmoothZeroOrOne_TurnsSmoothingOff()
    {
        var sweep = Sweep(ParametricLaw.Paper);

        var zero = EnvelopeFitter.Fit(sweep, NoBootstrap with { Smooth = 0 });
        var one = EnvelopeFitter.Fit(sweep, NoBootstrap with { Smooth = 1 });
        var three = EnvelopeFitter.Fit(sweep, NoBootstrap with { Smooth = 3 });

        Assert.Equal(1, zero.SmoothingWidth);
        Assert.Equal(zero.ExponentA.Value, one.ExponentA.Value);
        Assert.NotEqual(one.ExponentA.Value, three.ExponentA.Value);
        Assert.Contains("smoothing                  off", zero.ToReport());
    }

    [Fact]
    public void Fit_BootstrapOff_ReportsNoIntervalAndSaysWhy()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), NoBootstrap);

        Assert.Null(result.ExponentA.Interval);
        Assert.Equal("bootstrap off", result.ExponentA.MissingIntervalReason);
        Assert.Null(result.Bootstrap);
        Assert.Contains("no interval: bootstrap off", result.ToReport());
        Assert.Contains(result.Diagnostics, d => d.Code == "naive-interval");
    }

    [Fact]
    public void Fit_WithBootstrap_HeadlineIntervalIsTheBootstrapsNotTheRegressions()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(100) });

        Assert.NotNull(result.Bootstrap);
        Assert.Equal(result.Bootstrap!.Interval("a"), result.ExponentA.Interval);
        Assert.NotEqual(result.ParameterFit!.ExponentInterval, result.ExponentA.Interval);
        Assert.True(result.ExponentA.Interval!.Value.Contains(result.ExponentA.Value));
        Assert.Equal(0.95, result.Level);
    }

    [Fact]
    public void Fit_EdgeSizesWin_TheirFlopRangesAreLeftOutAndReported()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), NoBootstrap);

        var smallest = Sizes.Min();
        var largest = Sizes.Max();
        var left = result.Frontier.Where(p => !p.Used).ToArray();
        Assert.NotEmpty(left);
        Assert.DoesNotContain(result.Frontier, p => p.Used && (p.ParameterCount == smallest || p.ParameterCount == largest));
        double lastSmallWin = result.Frontier.Where(p => p.ParameterCount == smallest).Max(p => p.Flops);
        double firstLargeWin = result.Frontier.Where(p => p.ParameterCount == largest).Min(p => p.Flops);
        Assert.All(result.Frontier.Where(p => p.Used), p => Assert.InRange(p.Flops, lastSmallWin * (1 + 1e-12), firstLargeWin * (1 - 1e-12)));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == "edge-excluded"));
    }

    [Fact]
    public void Fit_PointsRule_LeavesOutOnlyThePointsTheEdgeSizesWin()
    {
        var sweep = Sweep(ParametricLaw.Paper);

        var points = EnvelopeFitter.Fit(sweep, NoBootstrap with { EdgeExclusion = EdgeExclusion.Points });
        var none = EnvelopeFitter.Fit(sweep, NoBootstrap with { EdgeExclusion = EdgeExclusion.None });

        Assert.All(points.Frontier, p => Assert.Equal(p.ParameterCount != Sizes.Min() && p.ParameterCount != Sizes.Max(), p.Used));
        Assert.Equal(none.Frontier.Count, none.PointCount);
    }

    [Fact]
    public void Fit_ThreadsOneOrFour_GiveIdenticalResults()
    {
        var sweep = Sweep(ParametricLaw.EpochReplication, seed: 3);
        var options = EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(200), Seed = 11 };

        var one = EnvelopeFitter.Fit(sweep, options with { Threads = 1 });
        var four = EnvelopeFitter.Fit(sweep, options with { Threads = 4 });

        Assert.Equal(one.ExponentA, four.ExponentA);
        Assert.Equal(one.ExponentB, four.ExponentB);
        Assert.Equal(one.Bootstrap!.Samples("a"), four.Bootstrap!.Samples("a"));
        Assert.Equal(one.ToReport(), four.ToReport());
    }

    [Fact]
    public void Fit_ReportsBootstrapProgress()
    {
        var progress = new CountingProgress();

        EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(50) }, progress);

        Assert.Equal(50, progress.Max);
    }

    [Fact]
    public void Fit_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), null, null, cts.Token));
    }

    [Fact]
    public void Fit_Report_HasTheFixedSections()
    {
        var report = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(50) }).ToReport();

        var sections = new[] { "Data", "Coefficients", "Intervals", "Convergence", "Diagnostics" };
        var positions = sections.Select(s => report.IndexOf("\n" + s + "\n", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("95% interval", report);
        Assert.Contains("whole curves", report);
    }

    [Fact]
    public void Fit_FinalLossesOnly_FailsWithAnErrorDiagnosticInsteadOfThrowing()
    {
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper));

        var result = EnvelopeFitter.Fit(runs);

        AssertFailedCleanly(result, "no-curves");
        Assert.Contains("final losses only", result.Diagnostics.Single(d => d.Severity == Severity.Error).Message);
    }

    [Fact]
    public void Fit_CurvesOfASingleSize_FailsWithAnErrorDiagnostic()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper, sizes: [1e9]));

        AssertFailedCleanly(result, "one-size");
    }

    [Fact]
    public void Fit_EveryMinimumAtTheEdge_FailsWithAnErrorDiagnostic()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper, sizes: [1e8, 1e9]));

        AssertFailedCleanly(result, "edge-only");
        Assert.NotEmpty(result.Frontier);
        Assert.All(result.Frontier, p => Assert.False(p.Used));
        Assert.Contains(result.Diagnostics, d => d.Code == "few-sizes");
    }

    [Fact]
    public void Fit_EmptyRunSet_FailsWithAnErrorDiagnostic()
    {
        AssertFailedCleanly(EnvelopeFitter.Fit(new RunSet([])), "no-curves");
    }

    [Fact]
    public void Fit_BadCheckpointsAndOnePointCurves_AreLeftOutWithWarnings()
    {
        var sweep = Sweep(ParametricLaw.Paper);
        var curves = sweep.Curves.ToList();
        var first = curves[0];
        curves[0] = first with { Points = first.Points.Select((p, i) => i == 3 ? p with { Loss = double.NaN } : i == 4 ? p with { TokenCount = -1 } : p).ToArray() };
        curves.Add(new TrainingCurve("lonely", 2e8, [new CurvePoint(1e9, 3.0)]));
        curves.Add(new TrainingCurve("bad-size", 0, curves[1].Points));

        // Skipping invalid values is asked for since the one-contract change; the default rejects them (FitContractTests).
        var result = EnvelopeFitter.Fit(sweep with { Curves = curves }, NoBootstrap with { InvalidValues = InvalidValuePolicy.Skip });

        Assert.True(result.Succeeded);
        Assert.Equal(sweep.Curves.Count, result.CurveCount);
        Assert.Contains(result.Diagnostics, d => d.Code == "invalid-values" && d.Message.StartsWith("2 ", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == "curve-skipped" && d.Message.Contains("lonely") && d.Message.Contains("bad-size"));
        Assert.All(result.Frontier, p => Assert.True(double.IsFinite(p.Loss)));
    }

    [Fact]
    public void Fit_InvalidOptions_Throw()
    {
        var sweep = Sweep(ParametricLaw.Paper);
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeFitter.Fit(sweep, EnvelopeFitOptions.Default with { FlopPoints = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeFitter.Fit(sweep, EnvelopeFitOptions.Default with { Smooth = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeFitter.Fit(sweep, EnvelopeFitOptions.Default with { Bins = 0 }));
    }

    [Fact]
    public void Fit_Succeeded_ProjectionsFollowTheFittedPowerLaws()
    {
        var result = EnvelopeFitter.Fit(Sweep(ParametricLaw.Paper), NoBootstrap);

        double c = 1e22;
        Assert.Equal(result.ParameterFit!.Predict(c), result.OptimalParameterCount(c));
        Assert.Equal(c / 6, result.OptimalParameterCount(c) * result.OptimalTokenCount(c), c * 1e-9);
        Assert.Equal("envelope", result.Approach.Name());
    }

    private static void AssertFailedCleanly(EnvelopeFitResult result, string code)
    {
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(code, error.Code);
        Assert.True(double.IsNaN(result.ExponentA.Value));
        Assert.StartsWith("fit failed", result.ExponentA.MissingIntervalReason);
        Assert.True(double.IsNaN(result.OptimalParameterCount(1e21)));
        Assert.Equal(0, result.PointCount);
        Assert.Contains("not fitted", result.ToReport());
    }

    private sealed class CountingProgress : IProgress<FitProgress>
    {
        private int _max;
        public int Max => Volatile.Read(ref _max);

        public void Report(FitProgress progress)
        {
            int value = progress.Completed;
            int seen;
            while ((seen = Volatile.Read(ref _max)) < value && Interlocked.CompareExchange(ref _max, value, seen) != seen)
            {
            }
        }
    }
}
