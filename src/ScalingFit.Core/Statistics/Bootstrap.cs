namespace ScalingFit.Core;

/// <summary>
/// A generic, seeded, parallel percentile bootstrap: resample the data units (runs, or points within strata),
/// refit, collect named estimates. Resample i always uses random stream i of the seed and lands in slot i,
/// so the result does not depend on the thread count. A refit that returns null, a non-finite estimate
/// or throws counts as failed and is reported, never rethrown (cancellation excepted).
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Refits the estimator on resampled unit indices.
    /// </summary>
    /// <param name="options">Resample count, scheme, level, seed, threads.</param>
    /// <param name="unitCount">How many units the data has (indices 0 … unitCount − 1).</param>
    /// <param name="estimateNames">The names of the values <paramref name="refit"/> returns, in order.</param>
    /// <param name="refit">Fits the resample given by its unit indices; returns the estimates or null on failure.
    /// Called concurrently: it must not share mutable state.</param>
    /// <param name="strata">Optional stratum of each unit: units are then resampled within their stratum
    /// (e.g. points within a FLOP budget), each stratum keeping its size (or its fraction, when subsampling).</param>
    /// <param name="progress">Receives the number of resamples finished so far.</param>
    /// <param name="cancellationToken">Stops the bootstrap promptly; throws <see cref="OperationCanceledException"/>.</param>
    public static BootstrapResult Run(
        BootstrapOptions options,
        int unitCount,
        IReadOnlyList<string> estimateNames,
        Func<int[], double[]?> refit,
        IReadOnlyList<int>? strata = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Resamples);
        if (strata is not null && strata.Count != unitCount)
            throw new ArgumentException($"strata has {strata.Count} entries for {unitCount} units.", nameof(strata));
        var plan = strata is null ? null : StrataPlan.From(strata);
        var sets = new Func<int, int[]>(i => DrawIndices(options, unitCount, plan, i));
        return Execute(options, options.Resamples, sets, estimateNames, refit, progress, cancellationToken);
    }

    /// <summary>
    /// Refits on given index sets (e.g. the resamples another implementation drew), for side-by-side checks.
    /// </summary>
    public static BootstrapResult Replay(
        IReadOnlyList<int[]> indexSets,
        IReadOnlyList<string> estimateNames,
        Func<int[], double[]?> refit,
        double level = 0.95,
        int threads = 0,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var options = new BootstrapOptions(indexSets.Count, Level: level, Threads: threads);
        return Execute(options, indexSets.Count, i => indexSets[i], estimateNames, refit, progress, cancellationToken);
    }

    /// <summary>The unit indices of resample <paramref name="resample"/> (deterministic in the seed and the resample number).</summary>
    public static int[] DrawIndices(BootstrapOptions options, int unitCount, IReadOnlyList<int>? strata, int resample) =>
        DrawIndices(options, unitCount, strata is null ? null : StrataPlan.From(strata), resample);

    private static int[] DrawIndices(BootstrapOptions options, int unitCount, StrataPlan? plan, int resample)
    {
        var rng = SeededRandom.ForStream(options.Seed, resample);
        if (plan is null)
            return Draw(options, rng, Enumerable.Range(0, unitCount).ToArray());
        var result = new List<int>(unitCount);
        foreach (var members in plan.Members)
            result.AddRange(Draw(options, rng, members));
        return result.ToArray();
    }

    private static int[] Draw(BootstrapOptions options, SeededRandom rng, int[] members)
    {
        int n = members.Length;
        if (n == 0)
            return [];
        if (options.Scheme == ResamplingScheme.WithReplacement)
        {
            var drawn = new int[n];
            for (int i = 0; i < n; i++)
                drawn[i] = members[rng.NextInt(n)];
            return drawn;
        }
        int k = Math.Clamp((int)Math.Round(options.SubsampleFraction * n, MidpointRounding.AwayFromZero), 1, n);
        var pool = (int[])members.Clone();
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.NextInt(n - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var subsample = pool[..k];
        Array.Sort(subsample);
        return subsample;
    }

    private static BootstrapResult Execute(
        BootstrapOptions options,
        int count,
        Func<int, int[]> indexSet,
        IReadOnlyList<string> names,
        Func<int[], double[]?> refit,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var samples = new double[count][];
        var failures = new string?[count];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads, CancellationToken = cancellationToken };
        Parallel.For(0, count, parallel, i =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var estimates = refit(indexSet(i));
                if (estimates is null)
                    failures[i] = "the refit did not converge";
                else if (estimates.Length != names.Count)
                    failures[i] = $"the refit returned {estimates.Length} values for {names.Count} names";
                else if (estimates.Any(v => !double.IsFinite(v)))
                    failures[i] = "the refit returned a non-finite estimate";
                else
                    samples[i] = estimates;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures[i] = ex.Message;
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        return new BootstrapResult(names, samples, failures, options.Level, options.Scheme);
    }

    private sealed record StrataPlan(int[][] Members)
    {
        public static StrataPlan From(IReadOnlyList<int> strata) =>
            new(strata.Select((s, i) => (s, i)).GroupBy(p => p.s).OrderBy(g => g.Key)
                .Select(g => g.Select(p => p.i).ToArray()).ToArray());
    }
}
