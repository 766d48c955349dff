using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.IsoFlop;

public class ValleyResidualsTests
{
    // Nine sizes over ±0.8 decades around 1e9, as SweepSimulator.IsoFlop lays out one budget.
    private static readonly double[] X = Enumerable.Range(0, 9).Select(j => Math.Log(1e9) + Math.Log(10) * 0.8 * (-1 + 2.0 * j / 8)).ToArray();

    private static double Valley(double x) => 2.3 + 0.02 * Math.Pow(x - Math.Log(1e9) - 0.3, 2);

    private static double[] Noisy(SeededRandom rng, double sigma) => X.Select(x => Valley(x) + sigma * rng.NextGaussian()).ToArray();

    [Fact]
    public void Resample_ExactParabola_IsTheDataAndLeavesTheVertexUnchanged()
    {
        var y = X.Select(Valley).ToArray();

        var profile = ValleyResiduals.Fit(X, y)!;
        var resample = profile.Resample(new SeededRandom(1));

        Assert.All(profile.ModifiedResiduals, e => Assert.Equal(0, e, 1e-10));
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(y[i], resample[i], 1e-10);
        Assert.Equal(IsoFlopValley.Find(ValleyMethod.Parabola, X, y).Loss, IsoFlopValley.Find(ValleyMethod.Parabola, X, resample).Loss, 1e-10);
    }

    [Fact]
    public void Fit_NoisyProfiles_ModifiedResidualsHaveTheErrorVarianceWhereRawOnesFallShortByTheLeverage()
    {
        const double sigma = 0.01;
        var rng = new SeededRandom(2);
        double raw = 0, modified = 0;
        const int profiles = 4000;
        for (int d = 0; d < profiles; d++)
        {
            var y = Noisy(rng, sigma);
            var profile = ValleyResiduals.Fit(X, y)!;
            raw += Enumerable.Range(0, X.Length).Sum(i => Math.Pow(y[i] - profile.Fitted[i], 2)) / X.Length / profiles;
            modified += profile.ModifiedResiduals.Sum(e => e * e) / X.Length / profiles;
        }

        // Raw residuals: E[Σr²]/n = σ²(n − p)/n = 2/3·σ² for a parabola (p = 3) through nine runs.
        Assert.Equal((X.Length - 3.0) / X.Length, raw / (sigma * sigma), 0.03);
        // Modified residuals rᵢ/√(1 − hᵢᵢ), centred: σ² (less the 1/n of the centring).
        Assert.Equal(1.0, modified / (sigma * sigma), 0.05);
    }

    [Fact]
    public void Resample_VertexLoss_VarianceMatchesTheMonteCarloVarianceOfTheFittedVertex()
    {
        const double sigma = 0.01;
        var rng = new SeededRandom(3);
        var fitted = new List<double>();
        for (int d = 0; d < 4000; d++)
            fitted.Add(IsoFlopValley.Find(ValleyMethod.Parabola, X, Noisy(rng, sigma)).Loss);
        double truth = Variance(fitted);

        const int datasets = 300;
        double bootstrap = 0;
        for (int d = 0; d < datasets; d++)
        {
            var profile = ValleyResiduals.Fit(X, Noisy(rng, sigma))!;
            var losses = Enumerable.Range(0, 200)
                .Select(k => IsoFlopValley.Find(ValleyMethod.Parabola, X, profile.Resample(SeededRandom.ForStream(d, k))))
                .Where(m => m.Found).Select(m => m.Loss).ToArray();
            bootstrap += Variance(losses) / datasets;
        }

        Assert.InRange(bootstrap / truth, 0.9, 1.1);
    }

    [Fact]
    public void Pool_BudgetsAtDifferentLossesWithProportionalNoise_VertexVarianceMatchesMonteCarloAtEachBudget()
    {
        // Three budgets whose losses differ as the paper's smallest and largest budgets do; noise L·exp(σz) as in the simulator.
        double[] floors = [3.2, 2.7, 2.3];
        const double sigma = 0.005;
        double[] Profile(SeededRandom rng, double floor) =>
            X.Select(x => (floor + 0.02 * Math.Pow(x - Math.Log(1e9) - 0.3, 2)) * Math.Exp(sigma * rng.NextGaussian())).ToArray();
        var rng = new SeededRandom(7);
        var fitted = floors.Select(_ => new List<double>()).ToArray();
        for (int d = 0; d < 4000; d++)
            for (int k = 0; k < floors.Length; k++)
            {
                var m = IsoFlopValley.Find(ValleyMethod.Parabola, X, Profile(rng, floors[k]));
                if (m.Found)
                    fitted[k].Add(m.Loss);
            }

        const int sweeps = 300;
        var bootstrap = new double[floors.Length];
        for (int d = 0; d < sweeps; d++)
        {
            var profiles = floors.Select(f => ValleyResiduals.Fit(X, Profile(rng, f))!).ToArray();
            var pool = ValleyResidualPool.Create(profiles);
            Assert.Equal(floors.Length * X.Length, pool.RelativeResiduals.Count);
            for (int k = 0; k < floors.Length; k++)
            {
                var losses = Enumerable.Range(0, 200)
                    .Select(r => IsoFlopValley.Find(ValleyMethod.Parabola, X, pool.Resample(profiles[k], SeededRandom.ForStream(d, r))))
                    .Where(m => m.Found).Select(m => m.Loss).ToArray();
                bootstrap[k] += Variance(losses) / sweeps;
            }
        }

        for (int k = 0; k < floors.Length; k++)
            Assert.InRange(bootstrap[k] / Variance(fitted[k]), 0.9, 1.1);
    }

    [Fact]
    public void Fit_ThreeSizes_HasNoResidualToResample()
    {
        double[] x = [X[0], X[4], X[8]];
        var profile = ValleyResiduals.Fit(x, [2.5, 2.3, 2.45])!;

        Assert.All(profile.ModifiedResiduals, e => Assert.Equal(0, e));
        Assert.Null(ValleyResiduals.Fit([X[0], X[0]], [2.5, 2.4]));
    }

    private static double Variance(IReadOnlyList<double> v)
    {
        double m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / (v.Count - 1);
    }
}
