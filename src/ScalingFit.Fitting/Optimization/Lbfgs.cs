using System.Runtime.CompilerServices;

namespace ScalingFit.Fitting.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) for unconstrained smooth minimisation: the search direction
/// d = −H·∇f comes from the two-loop recursion over the last m pairs s = x_k+1 − x_k, y = ∇f_k+1 − ∇f_k with
/// H₀ = (sᵀy / yᵀy)·I, and the step from the More–Thuente strong-Wolfe line search.
/// </summary>
/// <remarks>
/// It follows L-BFGS-B 3.0 (Byrd, Lu, Nocedal and Zhu 1995; Morales and Nocedal 2011; scipy's <c>L-BFGS-B</c>) in the
/// unconstrained case, so that its tolerances mean what scipy's do: the first step has length 1 along −∇f/‖∇f‖₂, later
/// steps start at 1; a pair with sᵀy ≤ ε·|∇fᵀs| is skipped; a failed line search discards the memory and retries once
/// along −∇f; convergence is max|∇f| ≤ gtol or f_k − f_k+1 ≤ ftol·max(|f_k|, |f_k+1|, 1). Unlike L-BFGS-B it never accepts
/// a step that raises f (which rounding can produce when the line search gives up), so the point returned is the best iterate.
/// The inner loop allocates nothing: all scratch memory lives in an <see cref="LbfgsWorkspace"/>.
/// </remarks>
public static class Lbfgs
{
    private const double MaxStep = 1e10;
    private const double MachineEpsilon = 2.220446049250313e-16; // 2⁻⁵², Fortran's epsilon(1d0)

    /// <summary>Minimises <paramref name="function"/> from <paramref name="start"/>, allocating a workspace for the call.</summary>
    public static LbfgsResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> start, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= LbfgsOptions.Default;
        var x = start.ToArray();
        var summary = MinimizeInPlace(function, x, options, new LbfgsWorkspace(x.Length, options.Memory));
        return new LbfgsResult(x, summary.Value, summary.GradientNorm, summary.Iterations, summary.Evaluations, summary.Termination);
    }

    /// <summary>
    /// Minimises <paramref name="function"/> starting from <paramref name="x"/>, leaving the final point in <paramref name="x"/>
    /// and its gradient in <see cref="LbfgsWorkspace.FinalGradient"/>. Allocates nothing.
    /// </summary>
    /// <param name="function">f and ∇f; its <see cref="IDifferentiableFunction.Dimension"/> must equal x's length.</param>
    /// <param name="x">In: the start. Out: the best iterate.</param>
    /// <param name="options">Tolerances and limits (validated by the caller; see <see cref="LbfgsOptions.Validate"/>).</param>
    /// <param name="workspace">Scratch memory with at least x's dimension and <see cref="LbfgsOptions.Memory"/> pairs.</param>
    public static LbfgsSummary MinimizeInPlace(IDifferentiableFunction function, Span<double> x, LbfgsOptions options, LbfgsWorkspace workspace)
    {
        int n = x.Length;
        if (function.Dimension != n)
            throw new ArgumentException($"The function has {function.Dimension} variables but the start has {n}.", nameof(x));
        if (workspace.Dimension != n || workspace.Memory < options.Memory)
            throw new ArgumentException($"The workspace serves {workspace.Dimension} variables and {workspace.Memory} pairs; this run needs {n} and {options.Memory}.", nameof(workspace));

        int m = options.Memory;
        Span<double> g = workspace.Gradient.AsSpan(0, n);
        Span<double> d = workspace.Direction.AsSpan(0, n);
        Span<double> xPrev = workspace.PreviousPoint.AsSpan(0, n);
        Span<double> gPrev = workspace.PreviousGradient.AsSpan(0, n);
        Span<double> rho = workspace.Rho.AsSpan(0, m);
        Span<double> alpha = workspace.Alpha.AsSpan(0, m);
        Span<double> sAll = workspace.S.AsSpan(0, m * n);
        Span<double> yAll = workspace.Y.AsSpan(0, m * n);

        double f = function.Evaluate(x, g);
        int evaluations = 1, iterations = 0;
        if (!double.IsFinite(f) || !AllFinite(g))
            return new LbfgsSummary(f, MaxAbs(g), 0, evaluations, Termination.NonFiniteValue);
        double gnorm = MaxAbs(g);
        if (gnorm <= options.GradientTolerance)
            return new LbfgsSummary(f, gnorm, 0, evaluations, Termination.GradientTolerance);

        int count = 0, newest = -1; // stored pairs; ring-buffer slot of the newest
        double gamma = 1;           // H₀ = γ·I
        var search = new MoreThuenteLineSearch();

        while (true)
        {
            // Search direction d = −H·g by the two-loop recursion (steepest descent when the memory is empty).
            if (count == 0)
            {
                for (int i = 0; i < n; i++)
                    d[i] = -g[i];
            }
            else
            {
                for (int i = 0; i < n; i++)
                    d[i] = -g[i];
                for (int k = 0, slot = newest; k < count; k++, slot = slot == 0 ? m - 1 : slot - 1)
                {
                    alpha[slot] = rho[slot] * Dot(sAll.Slice(slot * n, n), d);
                    Axpy(-alpha[slot], yAll.Slice(slot * n, n), d);
                }
                for (int i = 0; i < n; i++)
                    d[i] *= gamma;
                for (int k = 0, slot = (newest - count + 1 + m) % m; k < count; k++, slot = slot == m - 1 ? 0 : slot + 1)
                {
                    double beta = rho[slot] * Dot(yAll.Slice(slot * n, n), d);
                    Axpy(alpha[slot] - beta, sAll.Slice(slot * n, n), d);
                }
            }

            // Line search along d from x.
            x.CopyTo(xPrev);
            g.CopyTo(gPrev);
            double fPrev = f;
            double gdPrev = Dot(g, d);
            double stp = 1;
            bool failed = !(gdPrev < 0); // not a descent direction: the memory has gone bad
            if (!failed)
            {
                if (iterations == 0)
                    stp = Math.Min(1 / Math.Sqrt(Dot(d, d)), MaxStep);
                search.Start(f, gdPrev, stp, options.SufficientDecrease, options.Curvature, options.StepTolerance, 0, MaxStep);
                int trials = 0;
                while (true)
                {
                    if (trials >= options.MaxLineSearchEvaluations || evaluations >= options.MaxEvaluations)
                    {
                        failed = true;
                        break;
                    }
                    trials++;
                    for (int i = 0; i < n; i++)
                        x[i] = xPrev[i] + stp * d[i];
                    f = function.Evaluate(x, g);
                    evaluations++;
                    if (!double.IsFinite(f) || !AllFinite(g))
                    {
                        stp = search.Retreat(stp);
                        continue;
                    }
                    double gd = Dot(g, d);
                    var status = search.Iterate(ref stp, f, gd);
                    if (status == LineSearchStatus.Converged)
                        break;
                    if (status == LineSearchStatus.Warning)
                    {
                        // L-BFGS-B accepts the last trial even when rounding left it above f(x); keep the better point instead.
                        failed = !(f <= fPrev);
                        break;
                    }
                }
            }

            if (failed)
            {
                xPrev.CopyTo(x);
                gPrev.CopyTo(g);
                f = fPrev;
                if (evaluations >= options.MaxEvaluations)
                    return new LbfgsSummary(f, MaxAbs(g), iterations, evaluations, Termination.MaxEvaluations);
                if (count == 0)
                    return new LbfgsSummary(f, MaxAbs(g), iterations, evaluations, Termination.LineSearchFailed);
                count = 0; // discard the memory and retry along −∇f
                newest = -1;
                gamma = 1;
                continue;
            }

            iterations++;
            gnorm = MaxAbs(g);
            if (gnorm <= options.GradientTolerance)
                return new LbfgsSummary(f, gnorm, iterations, evaluations, Termination.GradientTolerance);
            if (fPrev - f <= options.FunctionTolerance * Math.Max(Math.Max(Math.Abs(fPrev), Math.Abs(f)), 1))
                return new LbfgsSummary(f, gnorm, iterations, evaluations, Termination.FunctionTolerance);
            if (iterations >= options.MaxIterations)
                return new LbfgsSummary(f, gnorm, iterations, evaluations, Termination.MaxIterations);
            if (evaluations >= options.MaxEvaluations)
                return new LbfgsSummary(f, gnorm, iterations, evaluations, Termination.MaxEvaluations);

            // New pair s = stp·d, y = g − g_prev; skipped unless sᵀy > ε·(−g_prevᵀs) (L-BFGS-B's curvature test).
            int next = newest == m - 1 ? 0 : newest + 1;
            Span<double> s = sAll.Slice(next * n, n), y = yAll.Slice(next * n, n);
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = stp * d[i];
                y[i] = g[i] - gPrev[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            if (sy <= MachineEpsilon * (-gdPrev * stp))
                continue;
            rho[next] = 1 / sy;
            gamma = sy / yy;
            newest = next;
            if (count < m)
                count++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] += alpha * x[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double max = 0;
        foreach (var value in v)
            max = Math.Max(max, Math.Abs(value));
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (var value in v)
            if (!double.IsFinite(value))
                return false;
        return true;
    }
}
