using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>
/// Maps the variables L-BFGS sees to the full vector (a, b, e, α, β): all five, or without e when E is fixed,
/// or with one exponent γ = α = β when the exponents are tied.
/// </summary>
internal sealed class CoefficientLayout
{
    public CoefficientLayout(double? fixedE, bool tied)
    {
        FixedLnE = fixedE is { } e ? Math.Log(e) : null;
        Tied = tied;
        Dimension = 5 - (fixedE is null ? 0 : 1) - (tied ? 1 : 0);
    }

    public double? FixedLnE { get; }

    public bool Tied { get; }

    public int Dimension { get; }

    public bool IsFull => Dimension == 5;

    public void Expand(ReadOnlySpan<double> x, Span<double> full)
    {
        full[0] = x[0];
        full[1] = x[1];
        int k = 2;
        full[2] = FixedLnE ?? x[k++];
        full[3] = x[k];
        full[4] = Tied ? x[k] : x[k + 1];
    }

    public double[] Expand(ReadOnlySpan<double> x)
    {
        var full = new double[5];
        Expand(x, full);
        return full;
    }

    public void ContractGradient(ReadOnlySpan<double> full, Span<double> g)
    {
        g[0] = full[0];
        g[1] = full[1];
        int k = 2;
        if (FixedLnE is null)
            g[k++] = full[2];
        if (Tied)
        {
            g[k] = full[3] + full[4];
        }
        else
        {
            g[k] = full[3];
            g[k + 1] = full[4];
        }
    }

    /// <summary>The grid's starts in this layout's variables, in the Python reference's order (α, β, e, a, b nested; b fastest).</summary>
    public double[][] Starts(ParametricGrid grid)
    {
        double[] exponents, lnE, lnAB;
        if (grid == ParametricGrid.Paper)
        {
            exponents = [0, 0.5, 1, 1.5, 2];
            lnE = [-1, -0.5, 0, 0.5, 1];
            lnAB = [0, 5, 10, 15, 20, 25];
        }
        else
        {
            exponents = [0.5, 1];
            lnE = [-1, 0, 1];
            lnAB = [0, 10, 20];
        }
        double[] betas = Tied ? [double.NaN] : exponents;
        double[] es = FixedLnE is null ? lnE : [double.NaN];
        var starts = new List<double[]>();
        foreach (var alpha in exponents)
            foreach (var beta in betas)
                foreach (var e in es)
                    foreach (var a in lnAB)
                        foreach (var b in lnAB)
                        {
                            var x = new double[Dimension];
                            x[0] = a;
                            x[1] = b;
                            int k = 2;
                            if (FixedLnE is null)
                                x[k++] = e;
                            x[k++] = alpha;
                            if (!Tied)
                                x[k] = beta;
                            starts.Add(x);
                        }
        return starts.ToArray();
    }

    /// <summary>The grid's starts, then <paramref name="extra"/> (when given) in this layout's variables.</summary>
    public double[][] Starts(ParametricGrid grid, Core.ParametricLaw? extra)
    {
        var starts = Starts(grid);
        if (extra is null)
            return starts;
        var x = new double[Dimension];
        x[0] = Math.Log(extra.A);
        x[1] = Math.Log(extra.B);
        int k = 2;
        if (FixedLnE is null)
            x[k++] = Math.Log(extra.E);
        if (Tied)
        {
            x[k] = 0.5 * (extra.Alpha + extra.Beta);
        }
        else
        {
            x[k] = extra.Alpha;
            x[k + 1] = extra.Beta;
        }
        return [.. starts, x];
    }

    public IDifferentiableFunction Wrap(ParametricObjective objective) =>
        IsFull ? objective : new LayoutObjective(objective, this);

    /// <summary>The objective in the reduced variables: expand, evaluate, sum the gradient back.</summary>
    private sealed class LayoutObjective(ParametricObjective objective, CoefficientLayout layout) : IDifferentiableFunction
    {
        public int Dimension => layout.Dimension;

        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Span<double> full = stackalloc double[5];
            Span<double> fullGradient = stackalloc double[5];
            layout.Expand(x, full);
            double f = objective.Evaluate(full, fullGradient);
            layout.ContractGradient(fullGradient, gradient);
            return f;
        }
    }
}
