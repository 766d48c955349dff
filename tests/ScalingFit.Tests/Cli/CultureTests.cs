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

        // One --json path for both runs: the JSON's provenance records the options, the path among them.
        var invariant = RunUnder(CultureInfo.InvariantCulture, sweep, temp.File("a.json"));
        string invariantJson = File.ReadAllText(temp.File("a.json"));
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var german = RunUnder(comma, sweep, temp.File("a.json"));

        Assert.Equal(invariant.Out, german.Out);
        Assert.Equal(invariantJson, File.ReadAllText(temp.File("a.json")));
        Assert.Contains("0.", invariant.Out);
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
