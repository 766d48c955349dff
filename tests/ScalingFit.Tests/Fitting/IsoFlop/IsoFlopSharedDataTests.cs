using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Tests.TestSupport;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.IsoFlop;

/// <summary>Approach 2 on Epoch AI's Figure-4 extraction and on the CS336 IsoFLOP points, against the Python reference.</summary>
public class IsoFlopSharedDataTests(ITestOutputHelper output)
{
    private static IsoFlopFitOptions Figure4Options => IsoFlopFitOptions.Default with
    {
        DropHighest = 5,
        Budgets = SweepSimulator.PaperBudgets,
        Bootstrap = new BootstrapOptions(2000),
    };

    [SharedDataFact]
    public void Fit_Figure4WithThePapersNineBudgets_MatchesTheReferenceHeadline()
    {
        // shared/reference/README.md, approach2.py headline (nominal ±0.03, 2000 resamples): a 0.495 (0.465, 0.534), b 0.505 (0.466, 0.535).
        var result = IsoFlopFitter.Fit(IsoFlopFiles.LoadFigure4(), Figure4Options);
        output.WriteLine(result.ToReport());

        Assert.True(result.Succeeded);
        Assert.Equal(245, result.InputRunCount);
        Assert.Equal(5, result.DroppedRunCount);
        Assert.Equal(9, result.BudgetCount);
        Assert.Equal(119, result.PointCount);
        Assert.Equal([13, 19, 16, 10, 11, 13, 13, 16, 8], result.Budgets.Select(b => b.PointCount));
        Assert.Equal(0.495, result.ExponentA.Value, 0.01);
        Assert.Equal(0.505, result.ExponentB.Value, 0.01);
        var a = result.ExponentA.Interval!.Value;
        var b = result.ExponentB.Interval!.Value;
        Assert.Equal(0.465, a.Low, 0.01);
        Assert.Equal(0.534, a.High, 0.01);
        Assert.Equal(0.466, b.Low, 0.01);
        Assert.Equal(0.535, b.High, 0.01);
        // The README's weak 1e20 profile: its vertex leaves the sampled range in about half the resamples.
        Assert.InRange(result.Budgets.Single(x => x.NominalFlops == 1e20).BootstrapDropOutRate!.Value, 0.45, 0.6);
    }

    [SharedDataFact]
    public void Fit_Figure4WithThePapersProtocol_GivesEightyPercentIntervals()
    {
        var result = IsoFlopFitter.Fit(IsoFlopFiles.LoadFigure4(), Figure4Options with { Bootstrap = BootstrapOptions.Paper });
        var a = result.ExponentA.Interval!.Value;
        output.WriteLine($"paper protocol: a = {result.ExponentA.Value:F4} ({a.Low:F4}, {a.High:F4}) at {a.Level:P0}");

        Assert.Equal(0.8, a.Level);
        Assert.True(a.Contains(result.ExponentA.Value));
    }

    [SharedDataFact]
    public void Fit_Figure4WithAutomaticGrouping_DoesNotMergeNeighbouringBudgets()
    {
        var result = IsoFlopFitter.Fit(IsoFlopFiles.LoadFigure4(), IsoFlopFitOptions.Default with { DropHighest = 5, Bootstrap = BootstrapOptions.None });
        output.WriteLine($"automatic grouping: {result.Budgets.Count} groups, {result.BudgetCount} kept, a = {result.ExponentA.Value:F4}");

        Assert.Equal(IsoFlopGrouping.Automatic, result.Grouping);
        Assert.All(result.Budgets, g => Assert.True(Math.Log10(g.Runs.Max(r => r.Flops) / g.Runs.Min(r => r.Flops)) <= 0.2));
        // The re-centred columns of 3e19, 6e19 and 1e20 (log10 C ≈ 19.45, 19.76, 19.98) land in three different groups.
        var columns = new[] { 19.448, 19.759, 19.984 }.Select(centre =>
            result.Budgets.OrderBy(g => Math.Abs(Math.Log10(g.MeanFlops) - centre)).First()).ToArray();
        Assert.Equal(3, columns.Distinct().Count());
        Assert.All(columns, g => Assert.True(g.Kept));
        Assert.InRange(result.ExponentA.Value, 0.45, 0.55);
    }

    [SharedDataFact]
    public void Fit_Cs336_UsesAllNineBudgetsWithSensibleExponents()
    {
        var result = IsoFlopFitter.Fit(IsoFlopFiles.LoadCs336(), IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(2000) });
        output.WriteLine(result.ToReport());

        Assert.True(result.Succeeded);
        Assert.Equal(IsoFlopGrouping.Labels, result.Grouping);
        Assert.Equal(9, result.BudgetCount);
        Assert.Equal(72, result.PointCount);
        Assert.InRange(result.ExponentA.Value, 0.3, 0.7);
        Assert.True(result.ExponentA.Interval!.Value.Contains(result.ExponentA.Value));
        Assert.True(result.ExponentB.Interval!.Value.Contains(result.ExponentB.Value));
        Assert.Equal(1, result.ExponentA.Value + result.ExponentB.Value, 12);
    }

    [SharedDataFact]
    public void Fit_Cs336WithoutLabels_AutomaticGroupingFindsTheSameNineBudgets()
    {
        var labelled = IsoFlopFitter.Fit(IsoFlopFiles.LoadCs336(), IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
        var automatic = IsoFlopFitter.Fit(IsoFlopFiles.LoadCs336(labelled: false), IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        Assert.Equal(IsoFlopGrouping.Automatic, automatic.Grouping);
        Assert.Equal(9, automatic.Budgets.Count);
        Assert.Equal(labelled.Budgets.Select(b => b.PointCount), automatic.Budgets.Select(b => b.PointCount));
        Assert.Equal(labelled.ExponentA.Value, automatic.ExponentA.Value, 12);
    }

    [ReferenceFact]
    public void Fit_Cs336_MatchesApproach2Py()
    {
        var runs = IsoFlopFiles.LoadCs336(labelled: false);
        var path = IsoFlopFiles.WriteSweepCsv(runs);
        var json = Path.ChangeExtension(path, ".json");
        try
        {
            var (code, stdout) = PythonReference.Run("approach2.py", "--data", path, "--keep-all", "--bootstrap", "200", "--json", json);
            Assert.True(code == 0, $"approach2.py exited with {code}: {stdout}");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var headline = doc.RootElement.GetProperty("variants").GetProperty("nominal ±0.03");
            double referenceA = headline.GetProperty("a").GetDouble();
            var referenceInterval = headline.GetProperty("ci95_a").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var result = IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Budgets = SweepSimulator.PaperBudgets, Bootstrap = new BootstrapOptions(2000) });
            var interval = result.ExponentA.Interval!.Value;
            output.WriteLine($"a = {result.ExponentA.Value:F6} ({interval.Low:F4}, {interval.High:F4}); approach2.py {referenceA:F6} ({referenceInterval[0]:F4}, {referenceInterval[1]:F4})");

            Assert.Equal(referenceA, result.ExponentA.Value, 1e-6);
            Assert.Equal(referenceInterval[0], interval.Low, 0.01);
            Assert.Equal(referenceInterval[1], interval.High, 0.01);
        }
        finally
        {
            File.Delete(path);
            File.Delete(json);
        }
    }
}
