using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.Parametric;

public class OverestimatePenaltyTests(ITestOutputHelper output)
{
    private static readonly ParametricFitOptions Coarse = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse };

    [Fact]
    public void Fit_PenaltyOne_ReproducesThePlainFit()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.01, Seed: 5));

        var plain = ParametricFitter.Fit(sweep, Coarse);
        var one = ParametricFitter.Fit(sweep, Coarse with { OverestimatePenalty = 1.0 });

        Assert.Equal(plain.Objective, one.Objective, 1e-10);
        for (int i = 0; i < 5; i++)
            Assert.Equal(plain.LogCoefficients[i], one.LogCoefficients[i], 1e-10);
    }

    [Fact]
    public void Objective_PenaltyW_WeighsOverestimatesWTimes()
    {
        double[] lnN = [Math.Log(1e8), Math.Log(1e9)], lnD = [Math.Log(1e10), Math.Log(2e10)], lnL = [Math.Log(3.3), Math.Log(2.0)];
        var plain = new ParametricObjective(lnN, lnD, lnL);
        var weighted = new ParametricObjective(lnN, lnD, lnL, overestimatePenalty: 10);
        double[] x = [Math.Log(406.4), Math.Log(410.7), Math.Log(1.69), 0.34, 0.28];
        // Point 0: L̂ ≈ 3.12 < 3.3 (under), point 1: L̂ ≈ 2.58 > 2 (over).
        double r0 = Math.Log(ParametricLaw.Paper.Loss(1e8, 1e10)) - lnL[0], r1 = Math.Log(ParametricLaw.Paper.Loss(1e9, 2e10)) - lnL[1];
        Assert.True(r0 < 0 && r1 > 0);

        double expected = ParametricObjective.Huber(r0, 1e-3) + 10 * ParametricObjective.Huber(r1, 1e-3);

        Assert.Equal(expected, weighted.Value(x), 12);
        Assert.Equal(ParametricObjective.Huber(r0, 1e-3) + ParametricObjective.Huber(r1, 1e-3), plain.Value(x), 12);
    }

    [Fact]
    public void Fit_UnderTunedRuns_PenaltyTenFollowsTheLowerEdge()
    {
        // 30% of runs under-tuned: their losses 5% too high.
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.003, Seed: 9, OutlierFraction: 0.3, OutlierScale: 1.05));

        var plain = ParametricFitter.Fit(sweep, Coarse);
        var penalised = ParametricFitter.Fit(sweep, Coarse with { OverestimatePenalty = 10 });

        int Above(ParametricFitResult f) => sweep.Runs.Count(r => f.Law.Loss(r.ParameterCount, r.TokenCount) > r.Loss);
        double truthGap(ParametricFitResult f) => sweep.Runs.Average(r => Math.Abs(Math.Log(f.Law.Loss(r.ParameterCount, r.TokenCount) / ParametricLaw.Paper.Loss(r.ParameterCount, r.TokenCount))));
        output.WriteLine($"runs the law overestimates: plain {Above(plain)}, w = 10 {Above(penalised)} of {sweep.Runs.Count}; mean |ln(L̂/L_true)|: plain {truthGap(plain):F4}, w = 10 {truthGap(penalised):F4}");

        Assert.True(Above(penalised) < Above(plain) / 2);
        // The penalised law lies below the plain one across the sweep: it follows the lower edge of the losses.
        Assert.True(sweep.Runs.Average(r => Math.Log(penalised.Law.Loss(r.ParameterCount, r.TokenCount) / plain.Law.Loss(r.ParameterCount, r.TokenCount))) < 0);
    }
}
