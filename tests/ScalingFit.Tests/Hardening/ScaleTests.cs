using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Hardening;

/// <summary>
/// Small stand-ins for the 10M-row benchmark (tests/ScalingFit.Benchmarks, <c>scale</c>): the envelope's memory per
/// checkpoint stays bounded, and the in-place smoothing that bounds it gives the same numbers as the plain moving average.
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    private static RunSet Curves(int sizes, int checkpoints) =>
        SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.01, Seed: 5), SweepSimulator.LogSpace(4e7, 4e9, sizes),
            CurveDesign.Default with { CheckpointsPerRun = checkpoints });

    [Fact]
    public void Fit_FourHundredThousandCheckpoints_AllocatesLittleMoreThanTheCurvesThemselves()
    {
        var runs = Curves(80, 1000); // 80 sizes × 5 horizons × 1,000 checkpoints
        int checkpoints = runs.Curves.Sum(c => c.Points.Count);
        var options = EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None };
        EnvelopeFitter.Fit(Curves(4, 20), options); // JIT and statics first

        long before = GC.GetAllocatedBytesForCurrentThread();
        var fit = EnvelopeFitter.Fit(runs, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        double perCheckpoint = (double)allocated / checkpoints;
        output.WriteLine($"{checkpoints:N0} checkpoints: {allocated / 1048576.0:F1} MiB allocated by the fit, {perCheckpoint:F1} bytes per checkpoint");
        Assert.True(fit.Succeeded);
        // The prepared curves hold ln tokens and the smoothed loss: 16 bytes per checkpoint; the rest is per curve or per FLOP value.
        Assert.InRange(perCheckpoint, 16, 24);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Fit_SmoothedInPlace_GivesTheSameFrontierToTheBit_AsCurvesSmoothedByThePlainMovingAverage(int width)
    {
        var runs = Curves(12, 40);
        var smoothed = runs with { Curves = runs.Curves.Select(c => c with { Points = MovingAverage(c.Points, width) }).ToArray() };
        var options = EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None };

        var inPlace = EnvelopeFitter.Fit(runs, options with { Smooth = width });
        var plain = EnvelopeFitter.Fit(smoothed, options with { Smooth = 0 });

        Assert.True(inPlace.Succeeded && plain.Succeeded);
        Assert.Equal(plain.Frontier.Select(p => (p.Flops, p.Loss, p.RunId)), inPlace.Frontier.Select(p => (p.Flops, p.Loss, p.RunId)));
        Assert.Equal(plain.ExponentA.Value, inPlace.ExponentA.Value);
    }

    /// <summary>The centred moving average of EnvelopeFitOptions.Smooth, written out plainly: each window summed first to last.</summary>
    private static CurvePoint[] MovingAverage(IReadOnlyList<CurvePoint> points, int width)
    {
        int k = width / 2;
        var result = new CurvePoint[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            int lo = Math.Max(0, i - k), hi = Math.Min(points.Count - 1, i + k);
            double sum = 0;
            for (int j = lo; j <= hi; j++)
                sum += points[j].Loss;
            result[i] = points[i] with { Loss = sum / (hi - lo + 1) };
        }
        return result;
    }
}
