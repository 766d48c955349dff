using ScalingFit.Fitting;
using ScalingFit.Core;

namespace ScalingFit.Tests.Fitting.IsoFlop;

public class IsoFlopFitterTests
{
    private static readonly IsoFlopFitOptions NoBootstrap = IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None };

    /// <summary>N*(C) = 1e8·(C/1e18)^0.5 and L = 3 + 0.1·(ln N − ln N*)² at <paramref name="count"/> sizes over ln N* ± 1.</summary>
    private static IEnumerable<Run> Valley(double budget, int count = 7, bool label = true, double shift = 0, double curvature = 0.1, double flopOffsetDecades = 0)
    {
        double lnStar = Math.Log(1e8 * Math.Sqrt(budget / 1e18));
        double c = budget * Math.Pow(10, flopOffsetDecades);
        for (int i = 0; i < count; i++)
        {
            double x = lnStar + shift - 1 + 2.0 * i / (count - 1);
            double n = Math.Exp(x);
            yield return new Run($"C{budget:0e0}-{i}", n, c / (6 * n), c, 3 + curvature * (x - lnStar) * (x - lnStar), label ? budget : null);
        }
    }

    private static RunSet Set(params IEnumerable<Run>[] groups) => new(groups.SelectMany(g => g).ToArray());

    [Fact]
    public void Fit_ExactParabolas_PutTheVerticesAndExponentsExactly()
    {
        var runs = Set(Valley(1e18), Valley(1e19), Valley(1e20));

        var result = IsoFlopFitter.Fit(runs, NoBootstrap);

        Assert.True(result.Succeeded);
        Assert.Equal(IsoFlopGrouping.Labels, result.Grouping);
        Assert.Equal(0.5, result.ExponentA.Value, 9);
        Assert.Equal(0.5, result.ExponentB.Value, 9);
        foreach (var b in result.Budgets)
        {
            Assert.True(b.Kept);
            Assert.Equal(1e8 * Math.Sqrt(b.Flops / 1e18), b.OptimalParameterCount!.Value, b.OptimalParameterCount.Value * 1e-9);
            Assert.Equal(b.Flops / (6 * b.OptimalParameterCount.Value), b.OptimalTokenCount!.Value, b.OptimalTokenCount.Value * 1e-12);
            Assert.Equal(0.1, b.Parabola!.Curvature, 9);
            Assert.Equal(3, b.MinimumLoss!.Value, 9);
            Assert.Equal(7, b.PointCount);
            Assert.Null(b.BootstrapDropOutRate);
        }
        Assert.Equal(21, result.PointCount);
        Assert.Equal(3, result.BudgetCount);
    }

    [Fact]
    public void Fit_BudgetFlops_IsTheGeometricMeanOfItsRunsUnlessNominalIsAsked()
    {
        var runs = Set(Valley(1e18, flopOffsetDecades: -0.02), Valley(1e19, flopOffsetDecades: -0.02), Valley(1e20, flopOffsetDecades: -0.02));

        var mean = IsoFlopFitter.Fit(runs, NoBootstrap);
        var nominal = IsoFlopFitter.Fit(runs, NoBootstrap with { UseNominalFlops = true });

        Assert.All(mean.Budgets, b => Assert.Equal(b.NominalFlops!.Value * Math.Pow(10, -0.02), b.Flops, b.Flops * 1e-12));
        Assert.All(nominal.Budgets, b => Assert.Equal(b.NominalFlops!.Value, b.Flops));
        Assert.All(nominal.Budgets, b => Assert.Equal(b.NominalFlops!.Value * Math.Pow(10, -0.02), b.MeanFlops, b.MeanFlops * 1e-12));
    }

    [Fact]
    public void Fit_GivenBudgets_RecentreOnWhereThePointsSitAndKeepOnlyThoseWithinTolerance()
    {
        // Columns sit 0.03 decades below the nominal budgets (as in the Figure-4 extraction); strays sit 0.06 further off.
        var runs = Set(Valley(1e18, label: false, flopOffsetDecades: -0.03), Valley(1e19, label: false, flopOffsetDecades: -0.03),
            Valley(1e20, label: false, flopOffsetDecades: -0.03), Valley(1e19, count: 3, label: false, flopOffsetDecades: 0.03));

        var result = IsoFlopFitter.Fit(runs, NoBootstrap with { Budgets = [1e18, 1e19, 1e20] });

        Assert.Equal(IsoFlopGrouping.Budgets, result.Grouping);
        Assert.Equal([1e18, 1e19, 1e20], result.Budgets.Select(b => b.NominalFlops!.Value));
        Assert.All(result.Budgets, b => Assert.Equal(7, b.PointCount));
        Assert.Equal(3, result.UnassignedRunCount);
        Assert.Contains(result.Diagnostics, d => d.Code == "runs-unassigned");
        Assert.Equal(0.5, result.ExponentA.Value, 9);
    }

    [Fact]
    public void Fit_GivenBudgetWithNoRunsNearby_IsListedAndLeftOut()
    {
        var runs = Set(Valley(1e18, label: false), Valley(1e19, label: false), Valley(1e20, label: false));

        var result = IsoFlopFitter.Fit(runs, NoBootstrap with { Budgets = [1e18, 1e19, 1e20, 1e22] });

        Assert.True(result.Succeeded);
        var empty = result.Budgets[^1];
        Assert.Equal(0, empty.PointCount);
        Assert.False(empty.Kept);
        Assert.Contains("no runs within", empty.ExclusionReason);
        Assert.Null(empty.MinParameterCount);
    }

    [Fact]
    public void Fit_LabelledRunsAndGivenBudgets_UsesTheGivenBudgetsAndSaysSo()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19)), NoBootstrap with { Budgets = [1e18, 1e19] });

        Assert.Equal(IsoFlopGrouping.Budgets, result.Grouping);
        Assert.Contains(result.Diagnostics, d => d.Code == "budgets-override-labels");
        Assert.Equal(0.5, result.ExponentA.Value, 6);
    }

    [Fact]
    public void Fit_LabelsWrittenTwoWays_AreMergedIntoOneBudget()
    {
        var first = Valley(1e18);
        var second = Valley(3e18);
        // Half of the 3e18 budget's runs carry the label with a float round-trip error.
        var relabelled = second.Select((r, i) => i % 2 == 0 ? r with { FlopBudget = 3.0000001e18 } : r).ToArray();

        var merged = IsoFlopFitter.Fit(Set(first, relabelled, Valley(1e19)), NoBootstrap);
        var clean = IsoFlopFitter.Fit(Set(first, second, Valley(1e19)), NoBootstrap);

        Assert.Equal(3, merged.Budgets.Count);
        Assert.Contains(merged.Diagnostics, d => d.Code == "budget-labels-merged");
        Assert.Equal(clean.ExponentA.Value, merged.ExponentA.Value, 12);
    }

    [Fact]
    public void Fit_NoLabelsNoBudgets_GroupsAutomaticallyAndMatchesTheLabelledFit()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.005, Seed: 1));
        var unlabelled = new RunSet(sweep.Runs.Select(r => r with { FlopBudget = null }).ToArray());

        var labelled = IsoFlopFitter.Fit(sweep, NoBootstrap);
        var automatic = IsoFlopFitter.Fit(unlabelled, NoBootstrap);

        Assert.Equal(IsoFlopGrouping.Automatic, automatic.Grouping);
        Assert.Equal(9, automatic.Budgets.Count);
        Assert.Equal(labelled.ExponentA.Value, automatic.ExponentA.Value, 12);
        Assert.All(automatic.Budgets, b => Assert.Null(b.NominalFlops));
    }

    [Fact]
    public void Fit_AutomaticGrouping_JitteredFlopsStayInTheirOwnBudgets()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.EpochReplication, 0.005, Seed: 2));
        var rng = new SeededRandom(9);
        var jittered = new RunSet(sweep.Runs.Select(r =>
        {
            double c = r.Flops * Math.Pow(10, 0.02 * (rng.NextDouble() - 0.5)); // ±0.01 decades
            return r with { Flops = c, TokenCount = c / (6 * r.ParameterCount), FlopBudget = null };
        }).ToArray());

        var result = IsoFlopFitter.Fit(jittered, NoBootstrap);

        Assert.Equal(9, result.Budgets.Count);
        Assert.All(result.Budgets, b => Assert.Equal(9, b.PointCount));
        Assert.All(result.Budgets, b => Assert.Single(b.Runs.Select(r => r.RunId[..r.RunId.IndexOf('-', StringComparison.Ordinal)]).Distinct()));
        Assert.Equal(ParametricLaw.EpochReplication.ExponentA, result.ExponentA.Value, 0.03);
    }

    [Fact]
    public void Fit_AutomaticGrouping_FillerPointsBetweenBudgetsDoNotChainThemTogether()
    {
        // Final losses of fixed-size runs fill the FLOP range between two budgets every 0.015 decades, so a plain gap
        // rule would chain 1e19 and 3e19 (and everything between) into one group.
        var filler = Enumerable.Range(1, 45).Select(i =>
        {
            double c = 1e19 * Math.Pow(10, 0.015 * i);
            return new Run($"filler{i}", 3e8, c / 1.8e9, c, 2.5);
        });
        var runs = Set(Valley(1e19, label: false), Valley(3e19, label: false), Valley(1e20, label: false), filler);

        var result = IsoFlopFitter.Fit(runs, NoBootstrap);

        Assert.All(result.Budgets, b => Assert.True(Math.Log10(b.Runs.Max(r => r.Flops) / b.Runs.Min(r => r.Flops)) <= 0.2));
        var homes = new[] { 1e19, 3e19 }.Select(c => result.Budgets.Single(b => b.Runs.Any(r => r.RunId.StartsWith($"C{c:0e0}-", StringComparison.Ordinal)))).ToArray();
        Assert.NotSame(homes[0], homes[1]);
    }

    [Fact]
    public void Fit_SingleBudget_FailsWithAnErrorDiagnosticInsteadOfThrowing()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e19)), NoBootstrap);

        AssertFailedCleanly(result, "too-few-budgets");
        Assert.True(Assert.Single(result.Budgets).Kept);
    }

    [Fact]
    public void Fit_BudgetWithTwoPoints_IsLeftOutWithAReason()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19, count: 2), Valley(1e20)), NoBootstrap);

        Assert.True(result.Succeeded);
        var small = result.Budgets.Single(b => b.NominalFlops == 1e19);
        Assert.False(small.Kept);
        Assert.Equal("fewer than 3 runs", small.ExclusionReason);
        Assert.Null(small.OptimalParameterCount);
        Assert.Contains(result.Diagnostics, d => d.Code == "budget-excluded" && d.Severity == Severity.Warning);
        Assert.Equal(2, result.BudgetCount);
    }

    [Fact]
    public void Fit_KeptBudgetWithFewerThanFivePoints_Warns()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19, count: 4), Valley(1e20)), NoBootstrap);

        Assert.True(result.Budgets.Single(b => b.NominalFlops == 1e19).Kept);
        Assert.Contains(result.Diagnostics, d => d.Code == "budget-few-points");
    }

    [Fact]
    public void Fit_BudgetOpeningDownwards_IsLeftOutWithAReason()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19, curvature: -0.1), Valley(1e20)), NoBootstrap);

        var hill = result.Budgets.Single(b => b.NominalFlops == 1e19);
        Assert.False(hill.Kept);
        Assert.Contains("opens downwards", hill.ExclusionReason);
        Assert.True(hill.Parabola!.Curvature < 0);
    }

    [Fact]
    public void Fit_VertexOutsideTheSampledSizes_IsLeftOutWithAReason()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19, shift: 1.5), Valley(1e20)), NoBootstrap);

        var edge = result.Budgets.Single(b => b.NominalFlops == 1e19);
        Assert.False(edge.Kept);
        Assert.Contains("outside the sampled model sizes", edge.ExclusionReason);
        Assert.Equal(0.5, result.ExponentA.Value, 9);
    }

    [Fact]
    public void Fit_EveryVertexAtTheEdge_FailsWithDiagnosticsAndNoUnexplainedNaN()
    {
        var result = IsoFlopFitter.Fit(Set(Valley(1e18, shift: 1.5), Valley(1e19, shift: -1.5), Valley(1e20, count: 2)), IsoFlopFitOptions.Default);

        AssertFailedCleanly(result, "too-few-budgets");
        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == "budget-excluded"));
        Assert.All(result.Budgets, b =>
        {
            Assert.True(double.IsFinite(b.Flops) && double.IsFinite(b.MeanFlops));
            Assert.Null(b.OptimalParameterCount);
        });
        Assert.Null(result.Bootstrap);
    }

    [Fact]
    public void Fit_EmptyRunSet_FailsWithAnErrorDiagnostic()
    {
        AssertFailedCleanly(IsoFlopFitter.Fit(new RunSet([])), "no-runs");
    }

    [Fact]
    public void Fit_InvalidRuns_AreLeftOutWithAWarning()
    {
        var bad = new[] { new Run("nan", 1e8, 1e10, 6e18, double.NaN, 1e19), new Run("zero", 0, 1e10, 1e19, 3, 1e19) };
        // Skipping invalid runs is asked for since the one-contract change; the default rejects them (FitContractTests).
        var result = IsoFlopFitter.Fit(Set(Valley(1e18), Valley(1e19), bad), NoBootstrap with { InvalidValues = InvalidValuePolicy.Skip });

        Assert.True(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == "invalid-values" && d.Message.StartsWith("2 ", StringComparison.Ordinal));
        Assert.Equal(2, result.DroppedRunCount);
    }

    [Fact]
    public void Fit_DropHighest_DropsTheHighestLossRunsFirst()
    {
        var outliers = new[] { new Run("o1", 5e8, 1e10, 1e19, 3.5, 1e19), new Run("o2", 4e8, 1e10, 1e19, 3.4, 1e19) };
        var runs = Set(Valley(1e18), Valley(1e19), Valley(1e20), outliers);

        var kept = IsoFlopFitter.Fit(runs, NoBootstrap);
        var dropped = IsoFlopFitter.Fit(runs, NoBootstrap with { DropHighest = 2 });

        Assert.Equal(9, kept.Budgets.Single(b => b.NominalFlops == 1e19).PointCount);
        Assert.Equal(7, dropped.Budgets.Single(b => b.NominalFlops == 1e19).PointCount);
        Assert.Equal(0, kept.DroppedRunCount);
        Assert.Equal(2, dropped.DroppedRunCount);
        Assert.Contains(dropped.Diagnostics, d => d.Code == "dropped-highest");
        Assert.Equal(0.5, dropped.ExponentA.Value, 9);
    }

    [Fact]
    public void Fit_Bootstrap_ReportsHowOftenEachBudgetLostItsValley()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.01, Seed: 4), sizesPerBudget: 5, spanDecades: 0.5);

        var result = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(300) });

        Assert.True(result.Succeeded);
        Assert.All(result.Budgets.Where(b => b.Kept), b => Assert.InRange(b.BootstrapDropOutRate!.Value, 0, 1));
        Assert.Contains(result.Budgets, b => b.BootstrapDropOutRate > 0);
        Assert.Contains(result.Diagnostics, d => d.Code == "budget-drop-out");
        Assert.Contains("drop-out", result.ToReport());
    }

    [Fact]
    public void Fit_ResampleLeftWithFewerThanTwoBudgets_CountsAsAFailedResample()
    {
        // Two 3-point valleys: a resample that repeats a size has no valley (78% of resamples per budget), and then
        // fewer than two budgets remain.
        var runs = Set(Valley(1e18, count: 3), Valley(1e20, count: 3));

        var result = IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(200) });

        Assert.True(result.Succeeded);
        Assert.True(result.Bootstrap!.Failed > 0);
        Assert.Contains(result.Bootstrap.FailureReasons, f => f.Reason == "fewer than two budgets kept a valley");
        Assert.Contains(result.Diagnostics, d => d.Code == "bootstrap-failures");
        Assert.All(result.Budgets, b => Assert.True(b.BootstrapDropOutRate > 0.5));
    }

    [Fact]
    public void Fit_ThreadsOneOrFour_GiveIdenticalResults()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.EpochReplication, 0.01, Seed: 8));
        var options = IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(500), Seed = 21 };

        var one = IsoFlopFitter.Fit(sweep, options with { Threads = 1 });
        var four = IsoFlopFitter.Fit(sweep, options with { Threads = 4 });

        Assert.Equal(one.ExponentA, four.ExponentA);
        Assert.Equal(one.ExponentB, four.ExponentB);
        Assert.Equal(one.Bootstrap!.Samples("a"), four.Bootstrap!.Samples("a"));
        Assert.Equal(one.Budgets.Select(b => b.BootstrapDropOutRate), four.Budgets.Select(b => b.BootstrapDropOutRate));
        Assert.Equal(one.ToReport(), four.ToReport());
    }

    [Fact]
    public void Fit_BootstrapOff_ReportsNoIntervalAndSaysWhy()
    {
        var result = IsoFlopFitter.Fit(SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper)), NoBootstrap);

        Assert.Null(result.ExponentA.Interval);
        Assert.Equal("bootstrap off", result.ExponentA.MissingIntervalReason);
        Assert.Contains("no interval: bootstrap off", result.ToReport());
    }

    [Fact]
    public void Fit_PaperProtocol_GivesEightyPercentIntervalsFromSubsamples()
    {
        var result = IsoFlopFitter.Fit(SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper)),
            IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.Paper });

        Assert.Equal(0.8, result.Level);
        Assert.Equal(0.8, result.ExponentA.Interval!.Value.Level);
        Assert.Equal(ResamplingScheme.Subsample, result.Bootstrap!.Scheme);
        Assert.Equal(100, result.Bootstrap.Requested);
        Assert.Contains("80% interval", result.ToReport());
    }

    [Fact]
    public void Fit_Report_HasTheFixedSectionsAndTheBudgetTable()
    {
        var result = IsoFlopFitter.Fit(SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper)), IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(100) });
        var report = result.ToReport();

        var sections = new[] { "Data", "Coefficients", "Intervals", "Convergence", "Diagnostics" };
        var positions = sections.Select(s => report.IndexOf("\n" + s + "\n", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("log10 N_opt", report);
        Assert.Equal(9, report.Split('\n').Count(l => l.TrimEnd().EndsWith("kept", StringComparison.Ordinal)));
        Assert.Equal("isoflop", result.Approach.Name());
        Assert.Equal(result.ParameterFit!.Predict(1e22), result.OptimalParameterCount(1e22));
    }

    [Fact]
    public void Fit_InvalidOptions_Throw()
    {
        var runs = Set(Valley(1e18), Valley(1e19));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { MinPoints = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { BudgetTolerance = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Budgets = [1e19, -1] }));
    }

    private static void AssertFailedCleanly(IsoFlopFitResult result, string code)
    {
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(code, error.Code);
        Assert.True(double.IsNaN(result.ExponentA.Value));
        Assert.StartsWith("fit failed", result.ExponentA.MissingIntervalReason);
        Assert.True(double.IsNaN(result.OptimalParameterCount(1e21)));
        Assert.Null(result.ParameterFit);
        Assert.Contains("not fitted", result.ToReport());
    }
}
