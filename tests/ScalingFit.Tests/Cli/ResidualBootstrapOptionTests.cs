namespace ScalingFit.Tests.Cli;

/// <summary><c>--residual-bootstrap</c> on predict: the IsoFLOP band from modified residuals, said in the JSON; not with the noise bootstrap.</summary>
public class ResidualBootstrapOptionTests
{
    private static string Simulate(TempFolder temp)
    {
        var file = temp.File("s.csv");
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.005", "--seed", "3", "--output", file).ExitCode);
        return file;
    }

    [Fact]
    public void Predict_ResidualBootstrap_UsesModifiedResidualsAndSaysSoInTheJson()
    {
        using var temp = new TempFolder();
        string sweep = Simulate(temp), json = temp.File("p.json"), plain = temp.File("q.json");

        var (code, _, error) = CliRunner.Run("predict", "--input", sweep, "--budget", "1e22", "--approach", "isoflop", "--bootstrap", "200", "--residual-bootstrap", "--json", json);
        var (plainCode, _, _) = CliRunner.Run("predict", "--input", sweep, "--budget", "1e22", "--approach", "isoflop", "--bootstrap", "200", "--json", plain);

        Assert.True(code == 0, error);
        Assert.Equal(0, plainCode);
        Assert.Contains("residual-bootstrap", File.ReadAllText(json));
        Assert.DoesNotContain("residual-bootstrap", File.ReadAllText(plain));
    }

    [Fact]
    public void Predict_ResidualAndNoiseBootstrapTogether_IsAUsageError()
    {
        using var temp = new TempFolder();

        var (code, _, error) = CliRunner.Run("predict", "--input", Simulate(temp), "--budget", "1e22", "--approach", "isoflop", "--residual-bootstrap", "--noise-bootstrap");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --residual-bootstrap and --noise-bootstrap", error);
    }
}
