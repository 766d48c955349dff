using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli;

public class AllocateCommandTests
{
    [Fact]
    public void Allocate_PaperBudget_MatchesClosedForm()
    {
        using var temp = new TempFolder();
        var json = temp.File("alloc.json");

        var (code, output, _) = CliRunner.Run("allocate", "--paper", "--budget", "5.76e23", "--json", json);

        Assert.Equal(0, code);
        var expected = ParametricLaw.Paper.ForBudget(5.76e23);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var a = doc.RootElement.GetProperty("allocations")[0];
        Assert.Equal(expected.ParameterCount, a.GetProperty("params").GetDouble(), expected.ParameterCount * 1e-12);
        Assert.Equal(expected.TokenCount, a.GetProperty("tokens").GetDouble(), expected.TokenCount * 1e-12);
        // G·(C/6)^a with E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28, written out.
        double g = Math.Pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
        Assert.Equal(g * Math.Pow(5.76e23 / 6, 0.28 / 0.62), a.GetProperty("params").GetDouble(), 1e-3 * expected.ParameterCount);
        Assert.Contains("5.76e+23", output);
    }

    [Fact]
    public void Allocate_SeveralTargetLosses_MarksUnreachableOnes()
    {
        using var temp = new TempFolder();
        var json = temp.File("alloc.json");

        var (code, _, _) = CliRunner.Run("allocate", "--law", "1.69,406.4,410.7,0.34,0.28", "--loss", "1.5,2.1", "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("allocations");
        Assert.False(rows[0].GetProperty("reachable").GetBoolean());
        Assert.True(rows[1].GetProperty("reachable").GetBoolean());
        Assert.Equal(2.1, rows[1].GetProperty("loss").GetDouble(), 6);
    }

    [Theory]
    [InlineData("allocate", "--budget", "1e21")]
    [InlineData("allocate", "--paper", "--budget", "1e21", "--params", "1e9")]
    [InlineData("allocate", "--paper", "--budget", "-5")]
    [InlineData("allocate", "--law", "1,2,3", "--budget", "1e21")]
    [InlineData("allocate", "--fit", "/nonexistent.json", "--budget", "1e21")]
    public void Allocate_BadArguments_ExitTwoWithAdvice(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
