using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.Envelope;

/// <summary>
/// The recovery matrix of Approach 1: 100 seeded cosine-horizon curve sweeps per law (12 sizes over two decades,
/// 5 horizons spanning 16×, 20 checkpoints each, 0.5% multiplicative noise on every checkpoint, κ = 0.1), each fitted
/// with the default options and 200 bootstrap resamples of whole curves.
/// </summary>
public class EnvelopeRecoveryTests(ITestOutputHelper output)
{
    private const int Sweeps = 100;
    private const int Resamples = 200;

    public static TheoryData<double, double, double, double, double> Laws => new()
    {
        { 1.69, 406.4, 410.7, 0.34, 0.28 },       // the paper's law, α > β
        { 1.8172, 477.8, 2143.9, 0.3473, 0.3672 }, // Epoch AI's refit, α < β
        { 1.8, 800, 600, 0.45, 0.30 },             // α much larger than β
    };

    [Theory]
    [MemberData(nameof(Laws))]
    public void Fit_NoisyCurveSweeps_RecoverExponentWithinFiveHundredthsAndIntervalsCoverTheTruth(double e, double a, double b, double alpha, double beta)
    {
        var law = new ParametricLaw(e, a, b, alpha, beta);
        double truth = law.ExponentA;
        var sizes = SweepSimulator.LogSpace(3e7, 3e9, 12);
        var estimates = new double[Sweeps];
        int covered = 0;
        double width = 0;
        for (int seed = 0; seed < Sweeps; seed++)
        {
            var sweep = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0.005, Seed: seed), sizes);
            var result = EnvelopeFitter.Fit(sweep, EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(Resamples), Seed = seed });
            Assert.True(result.Succeeded, $"seed {seed}: {string.Join("; ", result.Diagnostics)}");
            estimates[seed] = result.ExponentA.Value;
            var interval = result.ExponentA.Interval!.Value;
            if (interval.Contains(truth))
                covered++;
            width += interval.Width;
        }
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(v => (v - mean) * (v - mean)) / (Sweeps - 1));
        output.WriteLine($"truth a = {truth:F4}: mean {mean:F4}, sd {sd:F4}, max |error| {estimates.Max(v => Math.Abs(v - truth)):F4}, "
            + $"95% interval covers the truth in {covered}/{Sweeps}, mean width {width / Sweeps:F4}");

        Assert.All(estimates, v => Assert.Equal(truth, v, 0.05));
        Assert.Equal(truth, mean, 0.015);
        Assert.True(covered >= 90, $"coverage {covered}/{Sweeps}");
    }
}
