using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli;

/// <summary>
/// The "× data" column of <c>predict</c>: one reference for every approach, the largest C in the data, even when the
/// IsoFLOP frontier was fitted only to budgets below it.
/// </summary>
public class PredictExtrapolationTests
{
    [Fact]
    public void Predict_RunsAboveTheLastIsoFlopBudget_EveryApproachDividesByTheLargestCInTheData()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("sweep.csv");
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.005", "--seed", "2", "--output", sweep).ExitCode);
        // Two large runs at 3e22: too few for a valley, so the IsoFLOP frontier ends at 3e21 while the parametric law uses them.
        var law = ParametricLaw.Paper;
        foreach (var n in new[] { 2e10, 4e10 })
        {
            double d = 3e22 / (6 * n);
            File.AppendAllText(sweep, string.Create(CultureInfo.InvariantCulture, $"big-{n:0e0},{n:R},{d:R},3E+22,{law.Loss(n, d):R},3E+22\n"));
        }
        var json = temp.File("predict.json");

        var (code, stdout, error) = CliRunner.Run("predict", "--input", sweep, "--budget", "3e23", "--grid", "coarse", "--bootstrap", "50", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("× data = C / the largest C in the data, 3.00e+22", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var factors = doc.RootElement.GetProperty("predictions").EnumerateArray()
            .ToDictionary(p => p.GetProperty("approach").GetString()!, p => p.GetProperty("budgets")[0].GetProperty("extrapolation").GetDouble());
        Assert.Equal(["isoflop", "parametric"], factors.Keys.Order());
        Assert.All(factors.Values, f => Assert.Equal(10, f, 9));
        // The IsoFLOP frontier itself stops at 3e21: its warning says how far that is (100×).
        var isoflop = doc.RootElement.GetProperty("predictions").EnumerateArray().Single(p => p.GetProperty("approach").GetString() == "isoflop");
        Assert.True(isoflop.GetProperty("frontier").GetProperty("dataFlopsMax").GetDouble() < 1e22);
    }
}
