namespace ScalingFit.Core;

/// <summary>
/// The outcome of a <see cref="Bootstrap"/>: the estimates of every successful resample (in resample order),
/// how many failed and why, and percentile intervals at <see cref="Level"/>.
/// </summary>
public sealed class BootstrapResult
{
    private readonly double[]?[] _samples;
    private readonly string?[] _failures;

    internal BootstrapResult(IReadOnlyList<string> names, double[]?[] samples, string?[] failures, double level, ResamplingScheme scheme)
    {
        Names = names;
        _samples = samples;
        _failures = failures;
        Level = level;
        Scheme = scheme;
    }

    /// <summary>The names of the estimates, in the order refits return them.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The nominal coverage of <see cref="Interval(string)"/>.</summary>
    public double Level { get; }

    /// <summary>How the resamples were drawn.</summary>
    public ResamplingScheme Scheme { get; }

    /// <summary>How many resamples were drawn.</summary>
    public int Requested => _samples.Length;

    /// <summary>How many refits failed (no convergence, an exception, a non-finite estimate).</summary>
    public int Failed => _samples.Count(s => s is null);

    /// <summary>How many refits succeeded.</summary>
    public int Succeeded => Requested - Failed;

    /// <summary>The distinct failure reasons with their counts, most common first.</summary>
    public IReadOnlyList<(string Reason, int Count)> FailureReasons =>
        _failures.Where(f => f is not null).GroupBy(f => f!).Select(g => (g.Key, g.Count()))
            .OrderByDescending(p => p.Item2).ToArray();

    /// <summary>The successful resamples' values of estimate <paramref name="name"/>, in resample order.</summary>
    public double[] Samples(string name)
    {
        int k = IndexOf(name);
        return _samples.Where(s => s is not null).Select(s => s![k]).ToArray();
    }

    /// <summary>The percentile interval of <paramref name="name"/> at <see cref="Level"/>, or null when no refit succeeded.</summary>
    public Interval? Interval(string name) => Interval(name, Level);

    /// <summary>The percentile interval of <paramref name="name"/> at <paramref name="level"/>, or null when no refit succeeded.</summary>
    public Interval? Interval(string name, double level)
    {
        var values = Samples(name);
        if (values.Length == 0)
            return null;
        Array.Sort(values);
        double tail = (1 - level) / 2;
        return new Interval(Percentile.OfSorted(values, tail), Percentile.OfSorted(values, 1 - tail), level);
    }

    /// <summary>The median of <paramref name="name"/> over successful resamples (NaN when none succeeded).</summary>
    public double Median(string name)
    {
        var values = Samples(name);
        if (values.Length == 0)
            return double.NaN;
        Array.Sort(values);
        return Percentile.OfSorted(values, 0.5);
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
            if (Names[i] == name)
                return i;
        throw new ArgumentException($"No estimate named '{name}'; the bootstrap has {string.Join(", ", Names)}.", nameof(name));
    }
}

/// <summary>Percentiles by linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7).</summary>
public static class Percentile
{
    /// <summary>The <paramref name="q"/>-quantile (q in [0, 1]) of ascending <paramref name="sorted"/>.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0)
            throw new ArgumentException("No values to take a percentile of.", nameof(sorted));
        double h = (sorted.Length - 1) * Math.Clamp(q, 0, 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
