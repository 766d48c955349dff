using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Optimization;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.Parametric;

public class ParametricFitterTests
{
    private static readonly ParametricFitOptions Coarse = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = BootstrapOptions.None };

    private static RunSet Sweep(long seed = 1, double noise = 0.01) =>
        SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, noise, seed), null, 7);

    [SharedDataFact]
    public void Fit_Figure4DropFive_MatchesThePythonReferenceAndEpoch()
    {
        // Reference (shared/reference/README.md): objective 1.01827402e-3, E 1.817218, A 477.826, B 2143.417,
        // alpha 0.3473105, beta 0.3671724, a 0.513900, G 0.113208; 1518 of 4500 starts within 1e-9 of the best.
        var result = ParametricFitter.Fit(Figure4Data.All, ParametricFitOptions.Default with { DropHighest = 5 });

        Assert.Equal(240, result.PointCount);
        Assert.Equal(5, result.DroppedCount);
        Assert.True(result.Objective <= 1.0182741e-3, $"objective {result.Objective:R}");
        Assert.Equal(1.0182740178e-3, result.Objective, 1e-12);
        Assert.Equal(1.8172, result.Law.E, 0.0005);
        Assert.Equal(0.3473, result.Law.Alpha, 0.0005);
        Assert.Equal(0.3672, result.Law.Beta, 0.0005);
        Assert.Equal(0.514, result.ExponentA.Value, 0.001);
        Assert.Equal(1 - result.ExponentA.Value, result.ExponentB.Value, 1e-12);
        Assert.Equal(477.8, result.Law.A, 0.5);
        Assert.Equal(2143.4, result.Law.B, 1.0);
        Assert.Equal(0.113208, result.G.Value, 1e-5);
        Assert.Equal(7.319e10, result.OptimalParameterCount(5.76e23), 0.001e10);
        Assert.Equal(4500, result.Convergence.Starts);
        Assert.InRange(result.Convergence.StartsAtBest, 1400, 1650);
        Assert.Equal(0, result.Convergence.FailedStarts);
        Assert.Equal(0, result.Convergence.LimitStarts);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
    }

    [SharedDataFact]
    public void Fit_Figure4_CoarseGridFindsThePaperGridOptimum()
    {
        var paper = ParametricFitter.Fit(Figure4Data.All, ParametricFitOptions.Default with { DropHighest = 5 });
        var coarse = ParametricFitter.Fit(Figure4Data.All, Coarse with { DropHighest = 5 });

        Assert.Equal(108, coarse.Convergence.Starts);
        Assert.Equal(paper.Objective, coarse.Objective, 1e-15);
        Assert.Equal(paper.Law.Alpha, coarse.Law.Alpha, 1e-5);
        Assert.Equal(paper.Law.Beta, coarse.Law.Beta, 1e-5);
    }

    [Fact]
    public void Fit_SameInputWithOneAndFourThreads_IsBitIdenticalIncludingTheBootstrap()
    {
        var runs = Sweep(seed: 5);
        var options = ParametricFitOptions.Default with { Bootstrap = BootstrapOptions.Default with { Resamples = 200, Seed = 9 } };

        var one = ParametricFitter.Fit(runs, options with { Threads = 1 });
        var four = ParametricFitter.Fit(runs, options with { Threads = 4 });

        Assert.Equal(one.Objective, four.Objective);
        Assert.Equal(one.Law, four.Law);
        Assert.Equal(one.LogCoefficients, four.LogCoefficients);
        Assert.Equal(one.Convergence.BestStart, four.Convergence.BestStart);
        Assert.Equal(one.Convergence.StartsAtBest, four.Convergence.StartsAtBest);
        Assert.Equal(one.Convergence.TotalEvaluations, four.Convergence.TotalEvaluations);
        foreach (var name in ParametricFitResult.EstimateNames)
        {
            Assert.Equal(one.Bootstrap!.Samples(name), four.Bootstrap!.Samples(name));
            Assert.Equal(one.Estimates[name], four.Estimates[name]);
        }
    }

    [Fact]
    public void Fit_GridBootstrapWithOneAndTwoThreads_IsBitIdentical()
    {
        var runs = Sweep(seed: 6);
        var options = Coarse with { Bootstrap = BootstrapOptions.Default with { Resamples = 12, Seed = 2 }, BootstrapStart = BootstrapStart.Grid };

        var one = ParametricFitter.Fit(runs, options with { Threads = 1 });
        var two = ParametricFitter.Fit(runs, options with { Threads = 2 });

        Assert.Equal(one.Bootstrap!.Samples("a"), two.Bootstrap!.Samples("a"));
        Assert.Equal(one.Bootstrap!.Samples("E"), two.Bootstrap!.Samples("E"));
    }

    [Fact]
    public void Fit_ThreeRuns_ReturnsAResultWithATooFewRunsError()
    {
        var runs = new RunSet(Sweep().Runs.Take(3).ToArray());

        var result = ParametricFitter.Fit(runs, Coarse);

        Assert.Equal(3, result.PointCount);
        Assert.Contains(result.Diagnostics, d => d.Code == "too-few-runs" && d.Severity == Severity.Error);
        Assert.True(result.HasErrors);
        Assert.Contains("too-few-runs", result.ToReport());
    }

    [Fact]
    public void Fit_AllRunsOfOneModelSize_ReportsThatAlphaIsNotDetermined()
    {
        var law = ParametricLaw.Paper;
        var runs = SweepSimulator.Grid(new SimulationOptions(law, 0.01, 4), [1e9], SweepSimulator.LogSpace(1e9, 1e11, 12));

        var result = ParametricFitter.Fit(runs, Coarse);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == "few-sizes");
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("1 distinct model size", diagnostic.Message);
        Assert.True(double.IsFinite(result.ExponentA.Value) || result.HasErrors);
    }

    [Fact]
    public void Fit_NothingLeftAfterDropping_ReturnsAnErrorAndNaNsInsteadOfThrowing()
    {
        var runs = new RunSet(Sweep().Runs.Take(4).ToArray());

        var result = ParametricFitter.Fit(runs, Coarse with { DropHighest = 4 });

        Assert.Equal(0, result.PointCount);
        Assert.Contains(result.Diagnostics, d => d.Code == "no-runs" && d.Severity == Severity.Error);
        Assert.True(double.IsNaN(result.ExponentA.Value));
        Assert.NotNull(result.ExponentA.MissingIntervalReason);
        Assert.Contains("Diagnostics", result.ToReport());
    }

    [Fact]
    public void Fit_NonPositiveLoss_ThrowsNamingTheRun()
    {
        var runs = Sweep().Runs.ToList();
        runs[2] = runs[2] with { RunId = "bad-run", Loss = 0 };

        var ex = Assert.Throws<InvalidRunException>(() => ParametricFitter.Fit(new RunSet(runs), Coarse)); // an ArgumentException, now of the shared policy's type

        Assert.Contains("bad-run", ex.Message);
        Assert.Contains("positive", ex.Message);
    }

    [Fact]
    public void Fit_InvalidOptions_AreRejectedBeforeFitting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricFitter.Fit(Sweep(), Coarse with { Delta = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricFitter.Fit(Sweep(), Coarse with { FixedE = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricFitter.Fit(Sweep(), Coarse with { DropHighest = -1 }));
    }

    [Fact]
    public void Fit_FixedE_KeepsEAndFitsTheRest()
    {
        var result = ParametricFitter.Fit(Sweep(noise: 0.002), Coarse with { FixedE = 1.69 });

        Assert.Equal(1.69, result.Law.E, 1e-12);
        Assert.Equal(36, result.Convergence.Starts); // the coarse grid without its e axis
        Assert.Equal(ParametricLaw.Paper.Alpha, result.Law.Alpha, 0.02);
        Assert.Equal(ParametricLaw.Paper.Beta, result.Law.Beta, 0.02);
    }

    [Fact]
    public void Fit_FixedEAndTiedExponentsWithBootstrap_KeepTheConstraintsInEveryRefit()
    {
        var truth = new ParametricLaw(1.8, 400, 900, 0.3, 0.3);
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(truth, 0.005, 3), null, 7);
        var bootstrap = BootstrapOptions.Default with { Resamples = 50 };

        var result = ParametricFitter.Fit(runs, Coarse with { FixedE = 1.8, TieExponents = true, Bootstrap = bootstrap });

        Assert.Equal(18, result.Convergence.Starts);
        Assert.Equal(50, result.Bootstrap!.Succeeded);
        Assert.All(result.Bootstrap.Samples("E"), e => Assert.Equal(1.8, e, 1e-12));
        Assert.All(result.Bootstrap.Samples("a"), a => Assert.Equal(0.5, a, 1e-12));
        Assert.Equal(result.Bootstrap.Samples("alpha"), result.Bootstrap.Samples("beta"));
        Assert.True(result.Alpha.Interval!.Value.Width > 0);
    }

    [Fact]
    public void Fit_TiedExponents_GivesAlphaEqualToBeta()
    {
        var truth = new ParametricLaw(1.8, 400, 900, 0.3, 0.3);
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(truth, 0.002, 2), null, 7);

        var result = ParametricFitter.Fit(runs, Coarse with { TieExponents = true });

        Assert.Equal(result.Law.Alpha, result.Law.Beta);
        Assert.Equal(0.5, result.ExponentA.Value, 1e-12);
        Assert.Equal(0.3, result.Law.Alpha, 0.01);
        Assert.Equal(54, result.Convergence.Starts); // α = β ∈ {0.5, 1}, e, a, b as in the coarse grid
    }

    [Fact]
    public void Fit_Progress_ReportsEveryStartThenEveryResample()
    {
        var reports = new List<FitProgress>();
        var progress = new SynchronousProgress<FitProgress>(p => { lock (reports) reports.Add(p); });

        ParametricFitter.Fit(Sweep(), Coarse with { Bootstrap = BootstrapOptions.Default with { Resamples = 20 } }, progress);

        var starts = reports.Where(r => r.Stage == FitStage.Starts).ToList();
        var resamples = reports.Where(r => r.Stage == FitStage.Bootstrap).ToList();
        Assert.Equal(108, starts.Count);
        Assert.Equal(108, starts.Max(r => r.Completed));
        Assert.All(starts, r => Assert.Equal(108, r.Total));
        Assert.Equal(20, resamples.Count);
        Assert.Equal(20, resamples.Max(r => r.Completed));
    }

    [Fact]
    public void Fit_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ParametricFitter.Fit(Sweep(), Coarse, null, cts.Token));
    }

    [Fact]
    public void Fit_CancelledDuringTheStarts_StopsPromptly()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var progress = new SynchronousProgress<FitProgress>(p =>
        {
            if (Interlocked.Increment(ref seen) == 10)
                cts.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => ParametricFitter.Fit(Sweep(), ParametricFitOptions.Default, progress, cts.Token));
        Assert.True(seen < 4500);
    }

    [Fact]
    public void Fit_IterationLimit_IsReportedAsADiagnosticNotAnException()
    {
        var result = ParametricFitter.Fit(Sweep(), Coarse with { Optimizer = LbfgsOptions.Default with { MaxIterations = 3 } });

        Assert.Equal(108, result.Convergence.LimitStarts);
        Assert.Contains(result.Diagnostics, d => d.Code == "iteration-limit");
        Assert.Contains(result.Diagnostics, d => d.Code == "best-not-converged");
    }

    [Fact]
    public void Fit_WithoutBootstrap_SaysWhyThereAreNoIntervals()
    {
        var result = ParametricFitter.Fit(Sweep(), Coarse);

        Assert.Null(result.Bootstrap);
        Assert.Null(result.ExponentA.Interval);
        Assert.Contains("bootstrap off", result.ExponentA.MissingIntervalReason);
        Assert.Contains("no interval: bootstrap off", result.ToReport());
    }

    [Fact]
    public void ToReport_HasTheFixedSectionsInOrder()
    {
        var result = ParametricFitter.Fit(Sweep(), Coarse with { Bootstrap = BootstrapOptions.Default with { Resamples = 50 } });

        var report = result.ToReport();

        int data = report.IndexOf("\nData", StringComparison.Ordinal);
        int coefficients = report.IndexOf("\nCoefficients", StringComparison.Ordinal);
        int intervals = report.IndexOf("\nIntervals", StringComparison.Ordinal);
        int convergence = report.IndexOf("\nConvergence", StringComparison.Ordinal);
        int diagnostics = report.IndexOf("\nDiagnostics", StringComparison.Ordinal);
        Assert.True(data > 0 && data < coefficients && coefficients < intervals && intervals < convergence && convergence < diagnostics, report);
        Assert.Contains("95% interval", report);
        Assert.Contains("108 (coarse grid", report);
    }

    [Fact]
    public void FrontierAt_MatchesTheLawsAllocationWithIntervals()
    {
        var result = ParametricFitter.Fit(Sweep(), Coarse with { Bootstrap = BootstrapOptions.Default with { Resamples = 100 } });

        var frontier = result.FrontierAt([1e21, 5.76e23]);

        Assert.Equal(2, frontier.Count);
        foreach (var point in frontier)
        {
            var allocation = result.Law.ForBudget(point.Flops);
            Assert.Equal(allocation.ParameterCount, point.ParameterCount.Value);
            Assert.Equal(allocation.TokenCount, point.TokenCount.Value);
            Assert.Equal(result.OptimalParameterCount(point.Flops), point.ParameterCount.Value);
            Assert.True(point.ParameterCount.Interval!.Value.Contains(point.ParameterCount.Value));
        }
    }

    [Fact]
    public void Approach3_Fit_IsTheFullFitterWithItsDefaults()
    {
        var runs = Sweep(seed: 8);

        var shortPath = ScalingLaws.FitParametric(runs, dropHighest: 2);
        var fullPath = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { DropHighest = 2 });

        Assert.Equal(fullPath.Law, shortPath.Law);
        Assert.Equal("parametric", shortPath.Approach.Name());
        Assert.Equal(2, shortPath.DroppedCount);
    }

    [Fact]
    public void Replay_IndexOutsideTheKeptRuns_IsRejected()
    {
        var runs = Sweep();
        int count = runs.Runs.Count;

        var ex = Assert.Throws<ArgumentException>(() => ParametricFitter.Replay(runs, [[0, 1, count]], Coarse));

        Assert.Contains($"{count}", ex.Message);
    }

    [Fact]
    public void Options_Default_IsThePaperSetup()
    {
        var options = ParametricFitOptions.Default;

        Assert.Equal(1e-3, options.Delta);
        Assert.Equal(ParametricGrid.Paper, options.Grid);
        Assert.Equal(0, options.DropHighest);
        Assert.Null(options.FixedE);
        Assert.False(options.TieExponents);
        Assert.Equal(1000, options.Bootstrap.Resamples); // identical to the other approaches since the one-contract change (was 0)
        Assert.Equal(0.95, options.Bootstrap.Level);
        Assert.Equal(BootstrapStart.Warm, options.BootstrapStart);
        Assert.Equal(1e-15, options.Optimizer.FunctionTolerance);
        Assert.Equal(1e-12, options.Optimizer.GradientTolerance);
    }

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so tests would race).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
