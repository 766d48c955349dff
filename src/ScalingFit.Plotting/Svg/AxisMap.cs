namespace ScalingFit.Plotting.Svg;

/// <summary>A resolved axis: its range, transform (identity or log10) and pixel mapping.</summary>
internal sealed class AxisMap
{
    private readonly double _tMin;
    private readonly double _tMax;
    private double _p0;
    private double _p1 = 1;

    public AxisMap(AxisScale scale, double min, double max)
    {
        Scale = scale;
        Min = min;
        Max = max;
        _tMin = Transform(min);
        _tMax = Transform(max);
    }

    public AxisScale Scale { get; }

    public double Min { get; }

    public double Max { get; }

    public bool IsLog => Scale == AxisScale.Log10;

    public static bool Usable(double value, AxisScale scale) => double.IsFinite(value) && (scale == AxisScale.Linear || value > 0);

    public bool Usable(double value) => Usable(value, Scale);

    public double Transform(double value) => IsLog ? Math.Log10(value) : value;

    /// <summary>Sets the pixel positions of <see cref="Min"/> and <see cref="Max"/> (for y, p0 is the bottom).</summary>
    public void SetPixels(double p0, double p1)
    {
        _p0 = p0;
        _p1 = p1;
    }

    public double Fraction(double value) => (Transform(value) - _tMin) / (_tMax - _tMin);

    public double ToPixel(double value) => _p0 + (Fraction(value) * (_p1 - _p0));

    /// <summary>True when the value is usable and inside the range (with a relative tolerance of 1e-9 of the span).</summary>
    public bool InRange(double value)
    {
        if (!Usable(value))
            return false;
        double f = Fraction(value);
        return f >= -1e-9 && f <= 1 + 1e-9;
    }

    /// <summary>
    /// Resolves a range: auto from the data (padded values get <paramref name="padding"/> × span on each side, in transformed
    /// space; exact values are included as they are), overridden by explicit ends, widened when empty or a single value.
    /// </summary>
    public static AxisMap Resolve(AxisScale scale, double? explicitMin, double? explicitMax, IEnumerable<double> padded,
        IEnumerable<double> exact, double padding, out bool hasData)
    {
        bool log = scale == AxisScale.Log10;
        double T(double v) => log ? Math.Log10(v) : v;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        bool any = false;

        foreach (double v in padded)
        {
            if (!Usable(v, scale))
                continue;
            any = true;
            lo = Math.Min(lo, T(v));
            hi = Math.Max(hi, T(v));
        }
        if (any)
        {
            if (hi > lo)
            {
                double span = hi - lo;
                lo -= padding * span;
                hi += padding * span;
            }
            else
            {
                (lo, hi) = AroundSingle(lo, log);
            }
        }

        bool anyExact = false;
        foreach (double v in exact)
        {
            if (!Usable(v, scale))
                continue;
            anyExact = true;
            lo = Math.Min(lo, T(v));
            hi = Math.Max(hi, T(v));
        }
        hasData = any || anyExact;
        if (!hasData)
            (lo, hi) = (0, 1);
        else if (!(hi > lo))
            (lo, hi) = AroundSingle(lo, log);

        bool minSet = explicitMin is { } m0 && Usable(m0, scale);
        bool maxSet = explicitMax is { } m1 && Usable(m1, scale);
        if (minSet)
            lo = T(explicitMin!.Value);
        if (maxSet)
            hi = T(explicitMax!.Value);
        if (minSet && maxSet && lo > hi)
            (lo, hi) = (hi, lo);
        if (!(hi > lo))
        {
            (double a, double b) = AroundSingle(minSet && !maxSet ? lo : hi, log);
            if (minSet && !maxSet)
                hi = lo + (b - a);
            else if (maxSet && !minSet)
                lo = hi - (b - a);
            else
                (lo, hi) = (a, b);
        }

        // Keep explicit ends exact: 10^log10(1e18) need not round-trip.
        double min = minSet && lo == T(explicitMin!.Value) ? explicitMin.Value : log ? Math.Pow(10, lo) : lo;
        double max = maxSet && hi == T(explicitMax!.Value) ? explicitMax.Value : log ? Math.Pow(10, hi) : hi;
        return new AxisMap(scale, min, max);
    }

    private static (double Lo, double Hi) AroundSingle(double t, bool log)
    {
        if (log)
            return (t - 0.5, t + 0.5);
        double half = t == 0 ? 1 : Math.Abs(t) * 0.1;
        return (t - half, t + half);
    }
}
