namespace ScalingFit.Plotting;

/// <summary>How data values map to positions along an axis.</summary>
public enum AxisScale
{
    /// <summary>Position proportional to the value.</summary>
    Linear,

    /// <summary>Position proportional to log10 of the value; zero, negative and non-finite values are not drawn.</summary>
    Log10,
}

/// <summary>How tick labels are written.</summary>
public enum TickFormat
{
    /// <summary><see cref="Plain"/> while values stay readable as plain numbers (magnitudes in [10^-3, 10^5)), otherwise <see cref="Scientific"/>; see <see cref="TickFormatter.Resolve"/>.</summary>
    Auto,

    /// <summary>Decimal digits with no group separators: <c>0.5</c>, <c>20</c>, <c>1500</c>.</summary>
    Plain,

    /// <summary>Powers of ten with a superscript exponent: 10<sup>18</sup>, 2×10<sup>18</sup>; suits FLOPs.</summary>
    Scientific,

    /// <summary>Count suffixes K, M, B, T (10^3 … 10^12): <c>100M</c>, <c>1B</c>, <c>70B</c>, <c>1.4T</c>; suits parameters and tokens. Values of 10^15 and above fall back to <see cref="Scientific"/>.</summary>
    Si,
}

/// <summary>
/// One axis of a <see cref="Chart"/>. The range is taken from the data unless <see cref="Min"/> or <see cref="Max"/>
/// is set; auto ranges are padded by <see cref="Chart.RangePadding"/> of their span (in log10 space on log axes), except in
/// charts with a <see cref="ContourSeries"/>, which fit the grid (and any data outside it) exactly.
/// </summary>
/// <param name="Label">The axis title, drawn outside the tick labels; null for none.</param>
public sealed record Axis(string? Label = null)
{
    /// <summary>Linear or log10. Default <see cref="AxisScale.Linear"/>.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>Explicit lower end of the range; null (the default) takes it from the data. Ignored on a log axis unless positive.</summary>
    public double? Min { get; init; }

    /// <summary>Explicit upper end of the range; null (the default) takes it from the data.</summary>
    public double? Max { get; init; }

    /// <summary>How tick labels are written. Default <see cref="TickFormat.Auto"/>.</summary>
    public TickFormat TickFormat { get; init; } = TickFormat.Auto;

    /// <summary>A linear axis with the given label.</summary>
    public static Axis Linear(string? label = null, TickFormat format = TickFormat.Auto) =>
        new(label) { Scale = AxisScale.Linear, TickFormat = format };

    /// <summary>A log10 axis with the given label, e.g. <c>Axis.Log("FLOPs")</c> or <c>Axis.Log("Parameters", TickFormat.Si)</c>.</summary>
    public static Axis Log(string? label = null, TickFormat format = TickFormat.Auto) =>
        new(label) { Scale = AxisScale.Log10, TickFormat = format };

    /// <summary>A copy with an explicit range.</summary>
    public Axis WithRange(double min, double max) => this with { Min = min, Max = max };
}
