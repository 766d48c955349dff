using System.Globalization;

namespace ScalingFit.Tests.Cli;

public class CultureTests
{
    [Fact]
    public void FitAll_ReportAndJson_AreIdenticalUnderACommaDecimalCulture()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "9", "--output", sweep);

        var invariant = RunUnder(CultureInfo.InvariantCulture, sweep, temp.File("a.json"));
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var german = RunUnder(comma, sweep, temp.File("b.json"));

        Assert.Equal(invariant.Out, german.Out);
        Assert.Equal(File.ReadAllText(temp.File("a.json")), File.ReadAllText(temp.File("b.json")));
        Assert.Contains("0.", invariant.Out);
    }

    [Fact]
    public void ReproduceAndSimulate_PrintTheSameUnderACommaDecimalCulture()
    {
        using var temp = new TempFolder();
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";

        var results = new List<(int Code, string Out, string Error)>();
        foreach (var culture in new[] { CultureInfo.InvariantCulture, comma })
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                results.Add(CliRunner.Run("reproduce", "--bootstrap", "40"));
                results.Add(CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "4", "--output", temp.File("sim.csv")));
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            }
        }

        Assert.Equal(results[0], results[2]);
        Assert.Equal(results[1], results[3]);
        Assert.Contains("true a = 0.452", results[0].Out, StringComparison.Ordinal);
        Assert.Contains("L = 1.69 + 406.4/N^0.34", results[1].Error, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Error) RunUnder(CultureInfo culture, string input, string json)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return CliRunner.Run("fit", "all", "--input", input, "--bootstrap", "50", "--seed", "2", "--json", json);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
