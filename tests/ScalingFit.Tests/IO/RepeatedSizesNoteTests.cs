using System.Globalization;
using System.Text;
using ScalingFit.Core;
using ScalingFit.IO;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.IO;

/// <summary>
/// The note "no run column, but model sizes repeat with growing tokens" (<see cref="ImportErrorCode.PossibleCurvesWithoutRunColumn"/>)
/// fires for rows that look like training curves, not for an IsoFLOP sweep whose model sizes recur at several budgets.
/// </summary>
public class RepeatedSizesNoteTests
{
    private static bool Notes(ImportResult result) => result.Notes.Any(n => n.Code == ImportErrorCode.PossibleCurvesWithoutRunColumn);

    [Fact]
    public void NoRunColumn_IsoFlopSweepWithALadderOfSizes_NoNote()
    {
        // One ladder of sizes trained at each of six budgets (tokens per parameter 2–200), as in Chinchilla's Figure 4.
        var text = new StringBuilder("params,flops,loss\n");
        var sizes = Enumerable.Range(0, 16).Select(k => 2e7 * Math.Pow(2, k / 2.0)).ToArray();
        int rows = 0;
        foreach (var c in new[] { 6e18, 1e19, 3e19, 6e19, 1e20, 3e20 })
            foreach (var n in sizes.Where(n => c / (6 * n * n) is >= 2 and <= 200))
            {
                text.Append(CultureInfo.InvariantCulture, $"{n:R},{c:R},{ParametricLaw.Paper.Loss(n, c / (6 * n)):R}\n");
                rows++;
            }

        var result = ImportText.Csv(text.ToString());

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.True(result.RunSet.Runs.GroupBy(r => r.ParameterCount).Count(g => g.Count() >= 3) >= 2, "the sweep must repeat sizes for the test to mean anything");
        Assert.False(Notes(result));
    }

    [Fact]
    public void NoRunColumn_DenseCheckpointsOfThreeSizes_NoteFires()
    {
        // Checkpoints every 500 steps of 2M tokens: the steps between a size's rows are short, as along any training curve.
        var text = new StringBuilder("params,tokens,loss\n");
        foreach (var n in new[] { 1e8, 2e8, 4e8 })
            for (int step = 1; step <= 20; step++)
            {
                double d = step * 500 * 2e6;
                text.Append(CultureInfo.InvariantCulture, $"{n:R},{d:R},{ParametricLaw.Paper.Loss(n, d):R}\n");
            }

        var result = ImportText.Csv(text.ToString());

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.True(Notes(result));
    }

    [SharedDataFact]
    public void EpochFigure4_IsoFlopPointsWithoutRunColumn_NoNote()
    {
        var result = RunImporter.Import(SharedData.PathOf("chinchilla_figure4_epoch.csv"));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.False(Notes(result));
    }
}
