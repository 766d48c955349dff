using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Planning;

public class SweepPrecisionTests
{
    private static SweepPlan Plan(int budgets = 5, int sizes = 7) =>
        SweepPlanner.Plan(ParametricLaw.Paper, new SweepPlanOptions(SweepPlanOptions.GeometricBudgets(1e18, 1e21, budgets), sizes));

    [Fact]
    public void Estimate_StandardDeviation_AgreesWithAnIndependentCountOver200Simulations()
    {
        var plan = Plan();
        var options = SweepPrecisionOptions.Default with
        {
            Trials = 200, NoiseSigma = 0.01, Seed = 3, BootstrapResamples = 20, Approaches = PlanApproaches.IsoFlop, Sensitivity = false,
        };

        var reported = SweepPrecision.Estimate(plan, options).Centred.Row("isoflop", "a")!;

        // The independent count: 200 sweeps on the same grid from other seeds, fitted without any interval machinery.
        var estimates = new double[200];
        for (int i = 0; i < estimates.Length; i++)
        {
            var runs = SweepSimulator.FromDesign(new SimulationOptions(ParametricLaw.Paper, 0.01, 1_000 + i), plan.Runs);
            var fit = IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
            Assert.True(fit.Succeeded);
            estimates[i] = fit.ExponentA.Value;
        }
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(a => (a - mean) * (a - mean)) / (estimates.Length - 1));

        Assert.Equal(200, reported.Fitted);
        Assert.InRange(reported.StandardDeviation / sd, 0.85, 1.15);
        Assert.InRange(reported.Bias, -3 * sd / Math.Sqrt(200) - 0.002, 3 * sd / Math.Sqrt(200) + 0.002);
    }

    [Fact]
    public void Trials_SameSeed_AreIdenticalWhateverTheThreadCount()
    {
        var plan = Plan(3, 5);
        var options = SweepPrecisionOptions.Default with { Trials = 12, BootstrapResamples = 30, Sensitivity = false };

        var one = SweepPrecision.Trials(plan, plan.Prior, options with { Threads = 1 });
        var two = SweepPrecision.Trials(plan, plan.Prior, options with { Threads = 3 });

        Assert.Equal(one, two);
        Assert.All(one, t => Assert.True(double.IsFinite(t.ParametricA!.Value) && t.ParametricA.Interval is not null));
    }

    [Fact]
    public void Estimate_NoNoise_HasNoBiasAndZeroSpread()
    {
        var plan = Plan(3, 7);
        var options = SweepPrecisionOptions.Default with { Trials = 4, NoiseSigma = 0, BootstrapResamples = 20, Sensitivity = false };

        var result = SweepPrecision.Estimate(plan, options);

        foreach (var row in result.Centred.Rows)
        {
            Assert.Equal(4, row.Fitted);
            Assert.InRange(Math.Abs(row.Bias), 0, 1e-3);
            Assert.InRange(row.StandardDeviation, 0, 1e-9);
        }
    }

    [Fact]
    public void Estimate_Sensitivity_SimulatesTheThreeOffCentreTruths()
    {
        var plan = Plan(4, 7);
        var options = SweepPrecisionOptions.Default with { Trials = 6, BootstrapResamples = 20, Approaches = PlanApproaches.IsoFlop };

        var result = SweepPrecision.Estimate(plan, options);

        Assert.Equal(["centred", "N_opt 2×", "N_opt ½×", "N_opt drifts to 2×"], result.Scenarios.Select(s => s.Name));
        Assert.Equal(ParametricLaw.Paper.ExponentA, result.Sensitivity[0].Row("isoflop", "a")!.Truth, 12);
        Assert.True(result.Sensitivity[2].Truth.ExponentA > ParametricLaw.Paper.ExponentA + 0.05);
    }

    [Fact]
    public void Estimate_Cancelled_StopsWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SweepPrecision.Estimate(Plan(), SweepPrecisionOptions.Default with { Trials = 100_000 }, new Counter(() => seen++), cancel.Token));
        Assert.True(seen < 100_000);
    }

    private sealed class Counter(Action onReport) : IProgress<int>
    {
        public void Report(int value) => onReport();
    }

    [Fact]
    public void ToReport_PlanAndPrecision_ShowTheGridTotalAndEveryRow()
    {
        var plan = Plan(3, 5);
        var result = SweepPrecision.Estimate(plan, SweepPrecisionOptions.Default with { Trials = 4, BootstrapResamples = 20, Sensitivity = false });

        string grid = plan.ToReport(), precision = result.ToReport();

        Assert.Contains("15 runs", grid);
        Assert.Equal(15, grid.Split('\n').Select(l => l.TrimStart()).Count(l => l.StartsWith("1.00e+", StringComparison.Ordinal) || l.StartsWith("3.16e+", StringComparison.Ordinal)));
        Assert.Contains("noise σ = 0.01", precision);
        Assert.Equal(4, precision.Split('\n').Count(l => l.TrimStart().StartsWith("centred", StringComparison.Ordinal)));
    }

    [Fact]
    public void NoiseEstimate_FromAParametricFitsObjective_RecoversTheSimulatedNoise()
    {
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.02, 7));
        var fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, ExtraStart = ParametricLaw.Paper });

        double sigma = NoiseEstimate.FromHuberObjective(fit.Objective, fit.PointCount);

        Assert.InRange(sigma, 0.02 * 0.8, 0.02 * 1.2);
    }
}
