using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting;

/// <summary>The one contract of <see cref="IAllocationFit"/>, checked the same way for all three approaches.</summary>
public class FitContractTests
{
    private static readonly double[] Sizes = SweepSimulator.LogSpace(3e7, 3e9, 12);

    private static RunSet Curves() => SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, 0.005, 1), Sizes);

    private static RunSet IsoFlopRuns() => SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 4 });

    private static IAllocationFit Fit(Approach approach, BootstrapOptions bootstrap) => approach switch
    {
        Approach.Envelope => EnvelopeFitter.Fit(Curves(), EnvelopeFitOptions.Default with { Bootstrap = bootstrap }),
        Approach.IsoFlop => IsoFlopFitter.Fit(IsoFlopRuns(), IsoFlopFitOptions.Default with { Bootstrap = bootstrap }),
        _ => ParametricFitter.Fit(IsoFlopRuns(), ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = bootstrap }),
    };

    public static TheoryData<Approach> All => [Approach.Envelope, Approach.IsoFlop, Approach.Parametric];

    [Theory]
    [MemberData(nameof(All))]
    public void Fit_SimulatedSweep_SucceedsWithIntervalsAndFrontierBands(Approach approach)
    {
        var fit = Fit(approach, BootstrapOptions.Default with { Resamples = 200, Seed = 7 });

        Assert.Equal(approach, fit.Approach);
        Assert.True(fit.Succeeded, string.Join("; ", fit.Diagnostics));
        Assert.DoesNotContain(fit.Diagnostics, d => d.Severity == Severity.Error);
        Assert.NotNull(fit.ExponentA.Interval);
        Assert.True(fit.ExponentA.Interval!.Value.Contains(fit.ExponentA.Value));
        foreach (double c in new[] { 1e20, 1e22, 1e25 })
        {
            var point = fit.OptimalAllocation(c);
            Assert.Equal(c, point.Flops);
            Assert.Equal(fit.OptimalParameterCount(c), point.ParameterCount.Value, fit.OptimalParameterCount(c) * 1e-12);
            Assert.Equal(fit.OptimalTokenCount(c), point.TokenCount.Value, fit.OptimalTokenCount(c) * 1e-12);
            var n = Assert.NotNull(point.ParameterCount.Interval);
            var d = Assert.NotNull(point.TokenCount.Interval);
            Assert.True(n.Low < n.High && d.Low < d.High, $"{approach} at {c:0e0}: degenerate band");
            Assert.Equal(0.95, n.Level);
        }
        // Projections far beyond the data are less certain than near it (bands widen in log space).
        static double LogWidth(Interval i) => Math.Log(i.High / i.Low);
        Assert.True(LogWidth(fit.OptimalAllocation(1e25).ParameterCount.Interval!.Value) > LogWidth(fit.OptimalAllocation(1e20).ParameterCount.Interval!.Value));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Fit_WithoutBootstrap_EveryApproachGivesTheSameReasonForMissingIntervals(Approach approach)
    {
        var fit = Fit(approach, BootstrapOptions.None);

        Assert.True(fit.Succeeded);
        Assert.Equal(Estimate.BootstrapOff, fit.ExponentA.MissingIntervalReason);
        Assert.Equal(Estimate.BootstrapOff, fit.ExponentB.MissingIntervalReason);
        var point = fit.OptimalAllocation(1e22);
        Assert.Null(point.ParameterCount.Interval);
        Assert.Equal(Estimate.BootstrapOff, point.ParameterCount.MissingIntervalReason);
        Assert.Equal(Estimate.BootstrapOff, point.TokenCount.MissingIntervalReason);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Fit_Progress_ComesAsOneRecordNamingTheApproach(Approach approach)
    {
        var reports = new List<FitProgress>();
        var progress = new Recorder(reports);
        var bootstrap = BootstrapOptions.Default with { Resamples = 30 };

        IAllocationFit fit = approach switch
        {
            Approach.Envelope => EnvelopeFitter.Fit(Curves(), EnvelopeFitOptions.Default with { Bootstrap = bootstrap }, progress),
            Approach.IsoFlop => IsoFlopFitter.Fit(IsoFlopRuns(), IsoFlopFitOptions.Default with { Bootstrap = bootstrap }, progress),
            _ => ParametricFitter.Fit(IsoFlopRuns(), ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = bootstrap }, progress),
        };

        Assert.True(fit.Succeeded);
        Assert.All(reports, r => Assert.Equal(approach, r.Approach));
        var resamples = reports.Where(r => r.Stage == FitStage.Bootstrap).ToArray();
        Assert.Equal(30, resamples.Length);
        Assert.All(resamples, r => Assert.Equal(30, r.Total));
        Assert.Equal(30, resamples.Max(r => r.Completed));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Fit_RunWithANaNLoss_IsRejectedNamingTheRun_OrSkippedWithADiagnosticOnRequest(Approach approach)
    {
        var curves = Curves();
        var bad = curves.Curves[3];
        var poisoned = curves with { Curves = [.. curves.Curves.Select(c => c == bad ? c with { Points = [.. c.Points.Select((p, i) => i == 2 ? p with { Loss = double.NaN } : p)] } : c)] };
        var runs = IsoFlopRuns();
        var withNaN = runs with { Runs = [.. runs.Runs.Select((r, i) => i == 5 ? r with { Loss = double.NaN } : r)] };
        string badRun = approach == Approach.Envelope ? bad.RunId : runs.Runs[5].RunId;
        var none = BootstrapOptions.None;

        IAllocationFit Fit(InvalidValuePolicy policy) => approach switch
        {
            Approach.Envelope => EnvelopeFitter.Fit(poisoned, EnvelopeFitOptions.Default with { Bootstrap = none, InvalidValues = policy }),
            Approach.IsoFlop => IsoFlopFitter.Fit(withNaN, IsoFlopFitOptions.Default with { Bootstrap = none, InvalidValues = policy }),
            _ => ParametricFitter.Fit(withNaN, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = none, InvalidValues = policy }),
        };

        var rejected = Assert.Throws<InvalidRunException>(() => Fit(InvalidValuePolicy.Reject));
        Assert.Equal(badRun, rejected.RunId);
        Assert.Contains($"'{badRun}'", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidValuePolicy.Skip", rejected.Message, StringComparison.Ordinal);

        var skipped = Fit(InvalidValuePolicy.Skip);
        Assert.True(skipped.Succeeded);
        var diagnostic = Assert.Single(skipped.Diagnostics, d => d.Code == DiagnosticCodes.InvalidValues.Code);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.StartsWith("1 ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneModelSize_FailsWithTheSameCodeInDataChecksAndTheEnvelope()
    {
        var curves = SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, 0.005, 1), [1e8, 1e8]);

        var fit = EnvelopeFitter.Fit(curves, EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        Assert.False(((IAllocationFit)fit).Succeeded);
        Assert.Contains(fit.Diagnostics, d => d.Code == DiagnosticCodes.OneSize.Code && d.Severity == Severity.Error);
        Assert.Contains(DataChecks.Check(curves), d => d.Code == DiagnosticCodes.OneSize.Code);
        Assert.True(double.IsNaN(fit.OptimalAllocation(1e22).ParameterCount.Value));
    }

    private sealed class Recorder(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
