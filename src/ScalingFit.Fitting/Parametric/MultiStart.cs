using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>
/// Runs L-BFGS from every start and keeps the best by (objective, start index), so ties break the same way whatever
/// the thread count. Each worker owns one <see cref="LbfgsWorkspace"/>; each start writes only its own slots.
/// </summary>
internal static class MultiStart
{
    internal sealed record Outcome(
        double[] BestPoint,
        int BestIndex,
        LbfgsSummary Best,
        double[] Values,
        Termination[] Terminations,
        long TotalIterations,
        long TotalEvaluations);

    public static Outcome Run(IDifferentiableFunction function, double[][] starts, LbfgsOptions options, int threads,
        Action? startFinished, CancellationToken cancellationToken)
    {
        int count = starts.Length, n = function.Dimension;
        var points = new double[count * n];
        var summaries = new LbfgsSummary[count];

        void RunOne(int s, LbfgsWorkspace workspace)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var x = points.AsSpan(s * n, n);
            starts[s].CopyTo(x);
            summaries[s] = Lbfgs.MinimizeInPlace(function, x, options, workspace);
            startFinished?.Invoke();
        }

        if (threads <= 1 || count <= 1)
        {
            var workspace = new LbfgsWorkspace(n, options.Memory);
            for (int s = 0; s < count; s++)
                RunOne(s, workspace);
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
            Parallel.For(0, count, parallel, () => new LbfgsWorkspace(n, options.Memory), (s, _, workspace) =>
            {
                RunOne(s, workspace);
                return workspace;
            }, _ => { });
        }

        int best = -1;
        long iterations = 0, evaluations = 0;
        var values = new double[count];
        var terminations = new Termination[count];
        for (int s = 0; s < count; s++)
        {
            values[s] = summaries[s].Value;
            terminations[s] = summaries[s].Termination;
            iterations += summaries[s].Iterations;
            evaluations += summaries[s].Evaluations;
            if (double.IsFinite(values[s]) && (best < 0 || values[s] < values[best]))
                best = s;
        }
        var bestPoint = best < 0 ? Enumerable.Repeat(double.NaN, n).ToArray() : points.AsSpan(best * n, n).ToArray();
        var bestSummary = best < 0 ? new LbfgsSummary(double.NaN, double.NaN, 0, 0, Termination.NonFiniteValue) : summaries[best];
        return new Outcome(bestPoint, best, bestSummary, values, terminations, iterations, evaluations);
    }

    /// <summary>The best of all starts, run one after another in <paramref name="x"/> (for a refit inside a parallel bootstrap).</summary>
    public static LbfgsSummary RunSequential(IDifferentiableFunction function, double[][] starts, LbfgsOptions options,
        LbfgsWorkspace workspace, Span<double> x, out long evaluations)
    {
        int n = function.Dimension;
        Span<double> trial = stackalloc double[n];
        var best = new LbfgsSummary(double.NaN, double.NaN, 0, 0, Termination.NonFiniteValue);
        bool found = false;
        evaluations = 0;
        foreach (var start in starts)
        {
            start.CopyTo(trial);
            var summary = Lbfgs.MinimizeInPlace(function, trial, options, workspace);
            evaluations += summary.Evaluations;
            if (double.IsFinite(summary.Value) && (!found || summary.Value < best.Value))
            {
                found = true;
                best = summary;
                trial.CopyTo(x);
            }
        }
        if (!found)
            x.Fill(double.NaN);
        return best;
    }
}
