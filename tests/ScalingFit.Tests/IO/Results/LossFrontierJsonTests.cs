using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO.Results;

/// <summary>The lossFrontier block: what predict --fit reads must predict exactly what the fitted frontier predicts.</summary>
public class LossFrontierJsonTests
{
    private static readonly BootstrapOptions Resampling = new(60, Seed: 11);

    /// <summary>One frontier per approach, each with a bootstrap band: IsoFLOP and parametric from an IsoFLOP sweep, the envelope from curves.</summary>
    private static readonly Lazy<LossFrontier[]> Frontiers = new(() =>
    {
        var isoSweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 4));
        var curves = SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.002, Seed: 2), SweepSimulator.LogSpace(4e7, 4e9, 12));
        var iso = ScalingLaws.FitAll(isoSweep, new FitAllOptions([Approach.IsoFlop, Approach.Parametric],
            IsoFlop: IsoFlopFitOptions.Default with { Bootstrap = Resampling },
            Parametric: ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = Resampling }));
        var envelope = ScalingLaws.FitAll(curves, new FitAllOptions([Approach.Envelope], Envelope: EnvelopeFitOptions.Default with { Bootstrap = Resampling }));
        return [.. ScalingLaws.LossFrontiers(envelope), .. ScalingLaws.LossFrontiers(iso)];
    });

    private static string FitJson(IEnumerable<LossFrontier> frontiers) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var f in frontiers)
        {
            w.WriteStartObject();
            w.WriteString("approach", f.Approach.Name());
            LossFrontierJson.Write(w, f);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    [Fact]
    public void WriteThenRead_LargestDataFlopsAboveTheFrontier_KeepsTheExtrapolationFactor()
    {
        // An IsoFLOP frontier can end below the largest run in the data; "× data" is measured from that run.
        var frontier = Frontiers.Value[1] with { LargestDataFlops = Frontiers.Value[1].DataFlops.Max * 4 };

        var (read, problem) = LossFrontierJson.Read(FitJson([frontier]));

        Assert.Null(problem);
        Assert.Equal(frontier.LargestDataFlops, read![0].LargestDataFlops);
        Assert.Equal(frontier.Predict(1e24).ExtrapolationFactor, read[0].Predict(1e24).ExtrapolationFactor);
        Assert.Equal(1e24 / (frontier.DataFlops.Max * 4), read[0].Predict(1e24).ExtrapolationFactor, 12);
    }

    [Fact]
    public void WriteThenRead_EveryApproach_PredictsBitIdentically()
    {
        var original = Frontiers.Value;
        Assert.Equal([Approach.Envelope, Approach.IsoFlop, Approach.Parametric], original.Select(f => f.Approach));
        Assert.All(original, f => Assert.True(f.Succeeded && f.Resamples.Count > 50, f.FailureReason));

        var (read, problem) = LossFrontierJson.Read(FitJson(original));

        Assert.Null(problem);
        Assert.Equal(original.Length, read!.Count);
        for (int i = 0; i < original.Length; i++)
        {
            var (a, b) = (original[i], read[i]);
            Assert.Equal(a.Curve!.GetType(), b.Curve!.GetType());
            Assert.Equal(a.Resamples.Count, b.Resamples.Count);
            Assert.Equal(a.Diagnostics, b.Diagnostics);
            foreach (double c in new[] { 1e19, a.DataFlops.Max, 1e24, 3e26 })
            {
                var (pa, pb) = (a.Predict(c), b.Predict(c));
                Assert.Equal(pa.Loss, pb.Loss);
                Assert.Equal(pa.PredictionInterval, pb.PredictionInterval);
                Assert.Equal(pa.ParameterCount, pb.ParameterCount);
                Assert.Equal(pa.ExtrapolationFactor, pb.ExtrapolationFactor);
                Assert.Equal(pa.Diagnostics, pb.Diagnostics);
            }
            if (a.Curve is LawFrontierCurve)
            {
                var (qa, qb) = (a.PredictAt(7e10, 1.4e12)!, b.PredictAt(7e10, 1.4e12)!);
                Assert.Equal(qa.Loss, qb.Loss);
                Assert.Equal(qa.PredictionInterval, qb.PredictionInterval);
            }
        }
        // Written again, the frontiers read back give the same text: nothing was lost or rounded.
        Assert.Equal(FitJson(original), FitJson(read));
    }

    [Fact]
    public void Read_OneApproach_ReturnsOnlyItsFrontier()
    {
        var (read, problem) = LossFrontierJson.Read(FitJson(Frontiers.Value), Approach.Parametric);

        Assert.Null(problem);
        Assert.IsType<LawFrontierCurve>(Assert.Single(read!).Curve);
    }

    [Fact]
    public void Read_MalformedJson_GivesLineAndColumn()
    {
        var (read, problem) = LossFrontierJson.Read("{\n  \"results\": [\n    {\"approach\": \"isoflop\",}\n");

        Assert.Null(read);
        Assert.StartsWith("it is not valid JSON (line 3, column ", problem);
    }

    [Theory]
    [InlineData("{\"results\": [{\"approach\": \"isoflop\", \"a\": {\"value\": 0.5}}]}", "its results carry no lossFrontier block")]
    [InlineData("{\"law\": {\"E\": 1.69}, \"allocations\": []}", "it has no \"results\" or \"predictions\" array")]
    [InlineData("{\"results\": [{\"group\": \"a\", \"approach\": \"isoflop\"}]}", "it is a grouped fit (--group-by)")]
    [InlineData("{\"results\": [{\"approach\": \"isoflop\", \"lossFrontier\": {\"approach\": \"isoflop\"}}]}", "the isoflop result's lossFrontier does not parse: \"residualSigmaLnLoss\" is missing")]
    public void Read_FileWithoutUsableBlocks_SaysWhatIsWrong(string json, string expected)
    {
        var (read, problem) = LossFrontierJson.Read(json);

        Assert.Null(read);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void Read_BlockWithoutACoefficient_NamesTheCoefficient()
    {
        using var doc = JsonDocument.Parse(FitJson(Frontiers.Value.Take(2)));
        var node = System.Text.Json.Nodes.JsonNode.Parse(doc.RootElement.GetRawText())!;
        node["results"]![1]!["lossFrontier"]!["curve"]!.AsObject().Remove("gamma");

        var (read, problem) = LossFrontierJson.Read(node.ToJsonString(), Approach.IsoFlop);

        Assert.Null(read);
        Assert.Contains("\"gamma\" is missing", problem);
    }

    [Fact]
    public void Read_ApproachNotInFile_NamesTheApproachesPresent()
    {
        var (read, problem) = LossFrontierJson.Read(FitJson(Frontiers.Value.Take(1)), Approach.Parametric);

        Assert.Null(read);
        Assert.Equal("it has no parametric result (it has: envelope)", problem);
    }

    [Fact]
    public void Write_SameSeedOneOrTwoThreads_SameBlock()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 9));
        string Block(int threads)
        {
            var bootstrap = Resampling with { Threads = threads };
            var fits = ScalingLaws.FitAll(sweep, new FitAllOptions([Approach.IsoFlop, Approach.Parametric],
                IsoFlop: IsoFlopFitOptions.Default with { Bootstrap = bootstrap },
                Parametric: ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = bootstrap, Threads = threads }));
            return FitJson(ScalingLaws.LossFrontiers(fits));
        }

        Assert.Equal(Block(1), Block(2));
    }
}
