using ScalingFit.Core;

namespace ScalingFit.Core;

/// <summary>Options shared by every simulated design.</summary>
/// <param name="Law">The true loss law.</param>
/// <param name="NoiseSigma">σ of multiplicative noise: L_observed = L̂·exp(σ·z), z ~ N(0, 1).</param>
/// <param name="Seed">Seed of every random draw.</param>
/// <param name="OutlierFraction">Fraction of runs whose loss is inflated by <see cref="OutlierScale"/>.</param>
/// <param name="OutlierScale">Multiplicative inflation of an outlier's loss.</param>
/// <param name="FlopRule">How C relates to N and D.</param>
public sealed record SimulationOptions(
    ParametricLaw Law,
    double NoiseSigma = 0.01,
    long Seed = 0,
    double OutlierFraction = 0,
    double OutlierScale = 1.2,
    FlopRule? FlopRule = null)
{
    /// <summary>The paper's law with 1% multiplicative noise and seed 0.</summary>
    public static SimulationOptions Default { get; } = new(ParametricLaw.Paper);

    /// <summary>The FLOP rule in force (C = 6ND unless set).</summary>
    public FlopRule Rule => FlopRule ?? Core.FlopRule.Default;
}

/// <summary>
/// Synthetic sweeps from a known <see cref="ParametricLaw"/>, for testing the fitters against a known truth
/// and for the project's sample data.
/// </summary>
public static partial class SweepSimulator
{
    /// <summary>The paper's nine IsoFLOP budgets (Hoffmann et al. 2022, Figure 3): 6e18 … 3e21.</summary>
    public static IReadOnlyList<double> PaperBudgets { get; } = [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21];

    /// <summary>
    /// An IsoFLOP design: at each budget, <paramref name="sizesPerBudget"/> model sizes log-spaced over
    /// ±<paramref name="spanDecades"/> decades around the true optimum, D = C/(kN), each run's final loss observed with noise.
    /// </summary>
    public static RunSet IsoFlop(SimulationOptions options, IReadOnlyList<double>? budgets = null, int sizesPerBudget = 9, double spanDecades = 0.8)
    {
        budgets ??= PaperBudgets;
        var rng = new SeededRandom(options.Seed);
        var runs = new List<Run>();
        foreach (var c in budgets)
        {
            double centre = Math.Log10(options.Law.OptimalParameterCount(c, options.Rule));
            for (int j = 0; j < sizesPerBudget; j++)
            {
                double t = sizesPerBudget == 1 ? 0 : -1 + 2.0 * j / (sizesPerBudget - 1);
                double n = Math.Pow(10, centre + spanDecades * t);
                double d = options.Rule.TokenCount(c, n);
                runs.Add(new Run($"C{c:0.##e+0}-N{n:0.###e+0}", n, d, c, Observe(options, rng, n, d), c));
            }
        }
        return new RunSet(runs, Array.Empty<TrainingCurve>(), options.Rule);
    }

    /// <summary>A grid design: every pair of the log-spaced model sizes and token counts given.</summary>
    public static RunSet Grid(SimulationOptions options, IReadOnlyList<double> parameterCounts, IReadOnlyList<double> tokenCounts)
    {
        var rng = new SeededRandom(options.Seed);
        var runs = new List<Run>();
        foreach (var n in parameterCounts)
            foreach (var d in tokenCounts)
                runs.Add(new Run($"N{n:0.###e+0}-D{d:0.###e+0}", n, d, options.Rule.Flops(n, d), Observe(options, rng, n, d)));
        return new RunSet(runs, Array.Empty<TrainingCurve>(), options.Rule);
    }

    /// <summary>Log-spaced values from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static double[] LogSpace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => count == 1 ? from : Math.Exp(Math.Log(from) + (Math.Log(to) - Math.Log(from)) * i / (count - 1))).ToArray();

    private static double Observe(SimulationOptions options, SeededRandom rng, double n, double d)
    {
        double loss = options.Law.Loss(n, d) * Math.Exp(options.NoiseSigma * rng.NextGaussian());
        if (options.OutlierFraction > 0 && rng.NextDouble() < options.OutlierFraction)
            loss *= options.OutlierScale;
        return loss;
    }
}
