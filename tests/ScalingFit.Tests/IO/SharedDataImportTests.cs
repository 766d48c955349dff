using ScalingFit.IO;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.IO;

/// <summary>The real public files in ../shared/data (see its README) read to the counts their sources describe.</summary>
public sealed class SharedDataImportTests
{
    [SharedDataFact]
    public void Import_ChinchillaFigure4Csv_Reads245RunsWithTokensDerivedFromCompute()
    {
        var result = RunImporter.Import(SharedData.PathOf("chinchilla_figure4_epoch.csv"));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(ImportFormat.Csv, result.Format);
        Assert.Equal(245, result.RunSet.Runs.Count);
        Assert.Empty(result.RunSet.Curves);
        Assert.True(result.TokensDerived);
        Assert.Equal("Model Size", result.Columns[ColumnKey.ParameterCount]);
        Assert.Equal("Training FLOP", result.Columns[ColumnKey.Flops]);
        Assert.All(result.RunSet.Runs, r => Assert.Equal(r.Flops / (6 * r.ParameterCount), r.TokenCount, 1e-6 * r.TokenCount));
        Assert.All(result.RunSet.Runs, r => Assert.Null(r.FlopBudget));
        var first = result.RunSet.Runs[0];
        Assert.Equal((6795600349.289497, 9.993852799709755e+18, 5.005581996196243), (first.ParameterCount, first.Flops, first.Loss));
    }

    [SharedDataFact]
    public void Import_GemstonesJsonLines_Reads22CurvesOf50Points()
    {
        var result = RunImporter.Import(SharedData.PathOf("gemstones_curves_hot_477.jsonl"));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(22, result.RunSet.Curves.Count);
        Assert.Equal(22, result.RunSet.Runs.Count);
        Assert.All(result.RunSet.Curves, c => Assert.Equal(50, c.Points.Count));
        Assert.Equal(1100, result.RowsKept);
        Assert.Equal("params_active_precise", result.Columns[ColumnKey.ParameterCount]);
        Assert.Equal("final_loss", result.Columns[ColumnKey.Loss]);
        Assert.Equal("run_name", result.Columns[ColumnKey.RunId]);
        foreach (var (run, curve) in result.RunSet.Runs.Zip(result.RunSet.Curves))
        {
            Assert.Equal(run.RunId, curve.RunId);
            Assert.Equal((curve.FinalTokenCount, curve.FinalLoss), (run.TokenCount, run.Loss));
            Assert.True(curve.Points.Zip(curve.Points.Skip(1)).All(p => p.First.TokenCount < p.Second.TokenCount));
        }

        Assert.InRange(result.RunSet.Runs.Min(r => r.ParameterCount), 4.0e7, 5.5e7);
        Assert.InRange(result.RunSet.Runs.Max(r => r.ParameterCount), 1.9e9, 2.1e9);
    }

    [SharedDataFact]
    public void Import_Cs336IsoFlopsJson_Reads72RunsOn9Budgets()
    {
        var result = RunImporter.Import(SharedData.PathOf("cs336_isoflops.json"));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(ImportFormat.JsonArray, result.Format);
        Assert.Equal(72, result.RunSet.Runs.Count);
        Assert.Empty(result.RunSet.Curves);
        var budgets = result.RunSet.Runs.Select(r => r.FlopBudget!.Value).Distinct().Order().ToList();
        Assert.Equal(9, budgets.Count);
        Assert.Equal(6e18, budgets[0]);
        Assert.Equal(3e21, budgets[^1]);
        Assert.All(result.RunSet.Runs, r => Assert.Equal(r.FlopBudget!.Value, r.Flops));
        Assert.All(result.RunSet.Runs.GroupBy(r => r.FlopBudget), g => Assert.Equal(8, g.Count()));
    }
}
