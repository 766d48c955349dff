using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Tests.TestSupport;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.Envelope;

/// <summary>
/// Approach 1 on the Gemstones curves (McLeish et al. 2025; 22 runs × 50 checkpoints, constant learning rate) and
/// side by side with the Python reference approach1.py.
/// </summary>
public class EnvelopeSharedDataTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Fit_Gemstones_EachMethodGivesExponentsWithIntervals()
    {
        var runs = CurveFiles.LoadGemstones();
        Assert.Equal(22, runs.Curves.Count);
        Assert.All(runs.Curves, c => Assert.Equal(50, c.Points.Count));

        foreach (var method in new[] { EnvelopeMethod.Paper, EnvelopeMethod.Hull, EnvelopeMethod.Bins })
        {
            foreach (var edges in new[] { EdgeExclusion.Ranges, EdgeExclusion.Points })
            {
                var result = EnvelopeFitter.Fit(runs, EnvelopeFitOptions.Default with { Method = method, EdgeExclusion = edges });
                var a = result.ExponentA;
                var b = result.ExponentB;
                output.WriteLine($"{method,-5} {edges,-6} smooth {result.SmoothingWidth}: a = {a.Value:F4} ({a.Interval!.Value.Low:F4}, {a.Interval.Value.High:F4}), "
                    + $"b = {b.Value:F4} ({b.Interval!.Value.Low:F4}, {b.Interval.Value.High:F4}), {result.PointCount}/{result.Frontier.Count} frontier points used");

                Assert.True(result.Succeeded);
                Assert.Equal(method, result.Method);
                Assert.InRange(a.Value, 0.4, 0.7);
                Assert.True(a.Interval.Value.Contains(a.Value));
                Assert.True(b.Interval.Value.Contains(b.Value));
                Assert.Equal(1, a.Value + b.Value, 12);
                Assert.Equal(1000, result.Bootstrap!.Succeeded);
            }
        }
    }

    [SharedDataFact]
    public void Fit_GemstonesWithoutSmoothingOrEdgeRule_ReproducesTheDataReadmesHullAndBinFigures()
    {
        // shared/data/README.md: with C = 6ND a convex-hull envelope gives about 0.54, a 20-bin minimum about 0.56.
        var runs = CurveFiles.LoadGemstones();
        var plain = EnvelopeFitOptions.Default with { Smooth = 1, EdgeExclusion = EdgeExclusion.None, Bootstrap = BootstrapOptions.None };

        var hull = EnvelopeFitter.Fit(runs, plain with { Method = EnvelopeMethod.Hull });
        var bins = EnvelopeFitter.Fit(runs, plain with { Method = EnvelopeMethod.Bins, Bins = 20 });
        output.WriteLine($"hull a = {hull.ExponentA.Value:F4} ({hull.PointCount} vertices), 20 bins a = {bins.ExponentA.Value:F4}");

        Assert.Equal(0.54, hull.ExponentA.Value, 0.01);
        Assert.Equal(0.56, bins.ExponentA.Value, 0.01);
    }

    [ReferenceFact]
    public void Fit_Gemstones_MatchesApproach1Py()
    {
        var runs = CurveFiles.LoadGemstones();
        foreach (int smooth in new[] { 1, 3, 5 })
        {
            var reference = CurveFiles.RunReference(runs, smooth);
            var result = EnvelopeFitter.Fit(runs, EnvelopeFitOptions.Default with
            {
                Smooth = smooth,
                EdgeExclusion = EdgeExclusion.Points, // approach1.py's rule
                Bootstrap = BootstrapOptions.None,
            });
            output.WriteLine($"smooth {smooth}: a = {result.ExponentA.Value:F6} (approach1.py {reference.A:F6}), points {result.PointCount} ({reference.Points})");

            Assert.Equal(reference.A, result.ExponentA.Value, 0.01);
            Assert.Equal(reference.B, result.ExponentB.Value, 0.01);
            Assert.Equal(reference.Points, result.PointCount);
        }
    }

    [ReferenceFact]
    public void Fit_SimulatedCurveSweep_MatchesApproach1Py()
    {
        var law = ParametricLaw.EpochReplication;
        var runs = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0.005, Seed: 5), SweepSimulator.LogSpace(3e7, 3e9, 12));
        foreach (int smooth in new[] { 1, 3 })
        {
            var reference = CurveFiles.RunReference(runs, smooth);
            var result = EnvelopeFitter.Fit(runs, EnvelopeFitOptions.Default with
            {
                Smooth = smooth,
                EdgeExclusion = EdgeExclusion.Points,
                Bootstrap = BootstrapOptions.None,
            });
            output.WriteLine($"smooth {smooth}: a = {result.ExponentA.Value:F6} (approach1.py {reference.A:F6}), points {result.PointCount} ({reference.Points}); truth {law.ExponentA:F4}");

            Assert.Equal(reference.A, result.ExponentA.Value, 0.01);
            Assert.Equal(reference.Points, result.PointCount);
        }
    }
}
