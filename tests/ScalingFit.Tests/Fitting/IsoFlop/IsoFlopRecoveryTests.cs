using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.IsoFlop;

/// <summary>
/// The recovery matrix of Approach 2: 100 seeded IsoFLOP sweeps per law (the paper's nine budgets, 9 sizes over
/// ±0.8 decades around the true optimum, 0.5% multiplicative noise on every run), each fitted with 200 bootstrap
/// resamples within budgets.
/// </summary>
public class IsoFlopRecoveryTests(ITestOutputHelper output)
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
    public void Fit_NoisyIsoFlopSweeps_RecoverExponentWithinThreeHundredthsAndIntervalsCoverTheTruth(double e, double a, double b, double alpha, double beta)
    {
        var law = new ParametricLaw(e, a, b, alpha, beta);
        double truth = law.ExponentA;
        var estimates = new double[Sweeps];
        int covered = 0, within = 0;
        double width = 0;
        for (int seed = 0; seed < Sweeps; seed++)
        {
            var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.005, Seed: seed));
            var result = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(Resamples), Seed = seed });
            Assert.True(result.Succeeded, $"seed {seed}: {string.Join("; ", result.Diagnostics)}");
            estimates[seed] = result.ExponentA.Value;
            if (Math.Abs(result.ExponentA.Value - truth) <= 0.03)
                within++;
            var interval = result.ExponentA.Interval!.Value;
            if (interval.Contains(truth))
                covered++;
            width += interval.Width;
        }
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(v => (v - mean) * (v - mean)) / (Sweeps - 1));
        output.WriteLine($"truth a = {truth:F4}: mean {mean:F4}, sd {sd:F4}, max |error| {estimates.Max(v => Math.Abs(v - truth)):F4}, "
            + $"{within}/{Sweeps} within ±0.03, 95% interval covers the truth in {covered}/{Sweeps}, mean width {width / Sweeps:F4}");

        Assert.Equal(truth, estimates[0], 0.03);
        Assert.True(within >= 95, $"{within}/{Sweeps} sweeps within ±0.03");
        Assert.Equal(truth, mean, 0.005);
        Assert.True(covered >= 90, $"coverage {covered}/{Sweeps}");
    }
}
