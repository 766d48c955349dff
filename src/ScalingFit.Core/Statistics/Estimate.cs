namespace ScalingFit.Core;

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

    /// <summary>
    /// The value with its interval, four significant digits, invariant culture: <c>0.5139 (95%: 0.4816, 0.5552)</c>, or
    /// <c>0.5139 (no interval: bootstrap off)</c>.
    /// </summary>
    public override string ToString() => Interval is { } i
        ? $"{Numbers.Format(Value, "G4")} ({Numbers.Format(i.Level * 100, "0.#")}%: {Numbers.Format(i.Low, "G4")}, {Numbers.Format(i.High, "G4")})"
        : $"{Numbers.Format(Value, "G4")} (no interval: {MissingIntervalReason ?? "not computed"})";

    /// <summary>Why an estimate has no interval when no bootstrap was run (the reason every fitter gives).</summary>
    public const string BootstrapOff = "bootstrap off";

    /// <summary>Why an estimate has no interval when every resample failed.</summary>
    public const string EveryResampleFailed = "every bootstrap resample failed";

    /// <summary>
    /// <paramref name="value"/> with the percentile interval of estimate <paramref name="name"/> from
    /// <paramref name="bootstrap"/>; without an interval, and saying why, when there is no bootstrap or every resample failed.
    /// </summary>
    public static Estimate FromBootstrap(double value, BootstrapResult? bootstrap, string name)
    {
        if (bootstrap is null)
            return Estimate.Point(value, BootstrapOff);
        return bootstrap.Interval(name) is { } interval
            ? new Estimate(value, interval)
            : Estimate.Point(value, EveryResampleFailed);
    }

    /// <summary>
    /// <paramref name="value"/> with the percentile interval (at <paramref name="level"/>) of <paramref name="samples"/>,
    /// the same quantity computed from each bootstrap resample; non-finite samples are left out.
    /// </summary>
    public static Estimate FromSamples(double value, IEnumerable<double> samples, double level)
    {
        var finite = samples.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return Estimate.Point(value, "no bootstrap resample gave a finite value");
        Array.Sort(finite);
        double tail = (1 - level) / 2;
        return new Estimate(value, new Interval(Percentile.OfSorted(finite, tail), Percentile.OfSorted(finite, 1 - tail), level));
    }
}
