using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Tests.Fitting.Optimization;

/// <summary>A standard unconstrained test problem with its known minimiser (Moré, Garbow and Hillstrom 1981).</summary>
public sealed record TestProblem(string Name, int Dimension, DelegateFunction.ValueAndGradient Evaluate, double[] Start, double[] Minimizer, double Minimum)
{
    public IDifferentiableFunction Function => new DelegateFunction(Dimension, Evaluate);

    public override string ToString() => Name;
}

public static class TestProblems
{
    /// <summary>Rosenbrock's valley: f = 100(y − x²)² + (1 − x)², from (−1.2, 1); minimum 0 at (1, 1).</summary>
    public static TestProblem Rosenbrock { get; } = new("Rosenbrock", 2, (x, g) =>
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        g[0] = -400 * x[0] * a - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }, [-1.2, 1], [1, 1], 0);

    /// <summary>An ill-conditioned quadratic bowl f = Σ i·(x_i − i)², i = 1…6, from 0; minimum 0 at (1, …, 6).</summary>
    public static TestProblem QuadraticBowl { get; } = new("QuadraticBowl", 6, (x, g) =>
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = i + 1, d = x[i] - (i + 1);
            f += w * d * d;
            g[i] = 2 * w * d;
        }
        return f;
    }, new double[6], [1, 2, 3, 4, 5, 6], 0);

    /// <summary>Beale's function, from (1, 1); minimum 0 at (3, 0.5).</summary>
    public static TestProblem Beale { get; } = new("Beale", 2, (x, g) =>
    {
        double[] c = [1.5, 2.25, 2.625];
        double f = 0, gx = 0, gy = 0;
        for (int k = 0; k < 3; k++)
        {
            double yk = Math.Pow(x[1], k + 1);
            double r = c[k] - x[0] * (1 - yk);
            f += r * r;
            gx += 2 * r * -(1 - yk);
            gy += 2 * r * x[0] * (k + 1) * Math.Pow(x[1], k);
        }
        g[0] = gx;
        g[1] = gy;
        return f;
    }, [1, 1], [3, 0.5], 0);

    /// <summary>Extended Rosenbrock in 10 dimensions (five independent valleys), from (−1.2, 1, …); minimum 0 at (1, …, 1).</summary>
    public static TestProblem ExtendedRosenbrock10 { get; } = new("ExtendedRosenbrock10", 10, (x, g) =>
    {
        double f = 0;
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] = -400 * x[i] * a - 2 * b;
            g[i + 1] = 200 * a;
        }
        return f;
    }, Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray(), Enumerable.Repeat(1.0, 10).ToArray(), 0);

    /// <summary>Wood's four-variable function, from (−3, −1, −3, −1); minimum 0 at (1, 1, 1, 1).</summary>
    public static TestProblem Wood { get; } = new("Wood", 4, (x, g) =>
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        double f = 100 * Math.Pow(x2 - x1 * x1, 2) + Math.Pow(1 - x1, 2) + 90 * Math.Pow(x4 - x3 * x3, 2) + Math.Pow(1 - x3, 2)
            + 10.1 * (Math.Pow(x2 - 1, 2) + Math.Pow(x4 - 1, 2)) + 19.8 * (x2 - 1) * (x4 - 1);
        g[0] = -400 * x1 * (x2 - x1 * x1) - 2 * (1 - x1);
        g[1] = 200 * (x2 - x1 * x1) + 20.2 * (x2 - 1) + 19.8 * (x4 - 1);
        g[2] = -360 * x3 * (x4 - x3 * x3) - 2 * (1 - x3);
        g[3] = 180 * (x4 - x3 * x3) + 20.2 * (x4 - 1) + 19.8 * (x2 - 1);
        return f;
    }, [-3, -1, -3, -1], [1, 1, 1, 1], 0);

    public static IReadOnlyList<TestProblem> All { get; } = [Rosenbrock, QuadraticBowl, Beale, ExtendedRosenbrock10, Wood];

    public static TheoryData<string> Names => new(All.Select(p => p.Name));

    public static TestProblem Named(string name) => All.Single(p => p.Name == name);
}
