namespace ScalingFit.Core.Statistics;

/// <summary>A two-sided interval at a confidence <see cref="Level"/> (e.g. 0.95).</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Level">Nominal coverage, in (0, 1).</param>
public readonly record struct Interval(double Low, double High, double Level)
{
    /// <summary>True when <paramref name="value"/> lies within [Low, High].</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>High − Low.</summary>
    public double Width => High - Low;
}

/// <summary>
/// A point estimate with an optional interval; <see cref="MissingIntervalReason"/> says why an interval is absent.
/// </summary>
/// <param name="Value">The point estimate (from the full data).</param>
/// <param name="Interval">The interval, when one was computed.</param>
/// <param name="MissingIntervalReason">Why there is no interval (e.g. "bootstrap off").</param>
public sealed record Estimate(double Value, Interval? Interval = null, string? MissingIntervalReason = null)
{
    /// <summary>An estimate with no interval, for the stated reason.</summary>
    public static Estimate Point(double value, string reason) => new(value, null, reason);
}
