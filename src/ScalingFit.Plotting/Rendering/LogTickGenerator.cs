using ScottPlot;

namespace ScalingFit.Plotting;

/// <summary>
/// Ticks for a log10 axis, which ScottPlot draws as a linear axis over log10 of the data (it has no log scale of its own).
/// Positions are in log10 units; labels show the value. Spans of two decades or more get labels on decades only (every
/// second or third decade when they would crowd) and minor ticks at 2–9 × each decade; shorter spans also label 2× and 5×.
/// </summary>
/// <param name="format">How a value is written, e.g. 10¹⁸ or 100M (<see cref="TickText"/>).</param>
public sealed class LogTickGenerator(Func<double, string> format) : ITickGenerator
{
    /// <summary>Pixels each label needs along a horizontal axis; vertical axes need about 28.</summary>
    private const float HorizontalLabelSpace = 58;

    /// <inheritdoc />
    public Tick[] Ticks { get; private set; } = [];

    /// <inheritdoc />
    public int MaxTickCount { get; set; } = 200;

    /// <summary>The label formatter given to the constructor.</summary>
    public Func<double, string> Format { get; } = format ?? throw new ArgumentNullException(nameof(format));

    /// <inheritdoc />
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        Ticks = [.. Generate(range.Min, range.Max, edge.IsHorizontal() ? HorizontalLabelSpace : 28, size.Length).Take(MaxTickCount)];
    }

    /// <summary>The ticks for log10 positions <paramref name="min"/>–<paramref name="max"/> on an axis <paramref name="pixels"/> long.</summary>
    /// <param name="min">Lower end in log10 units.</param>
    /// <param name="max">Upper end in log10 units.</param>
    /// <param name="labelSpace">Pixels one label needs along the axis.</param>
    /// <param name="pixels">The axis length in pixels.</param>
    public IEnumerable<Tick> Generate(double min, double max, float labelSpace, float pixels)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
            yield break;
        int first = (int)Math.Floor(min), last = (int)Math.Ceiling(max);
        double span = max - min;
        int room = Math.Max(2, (int)(pixels / labelSpace));
        int every = 1;
        while (span / every > room)
            every++;
        bool multiples = span < 2;
        const double eps = 1e-9;
        for (int decade = first; decade <= last; decade++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = decade + Math.Log10(m);
                if (position < min - eps || position > max + eps)
                    continue;
                bool major = m == 1 ? decade % every == 0 : multiples && (m == 2 || m == 5);
                yield return major ? Tick.Major(position, Format(Math.Pow(10, position))) : Tick.Minor(position);
            }
        }
    }
}

/// <summary>Tick and annotation label formats for values.</summary>
public static class TickText
{
    private static readonly string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>
    /// Powers of ten with superscript exponents: 10¹⁸, 2×10¹⁸, 10⁻³. Suits FLOPs.
    /// </summary>
    public static string Scientific(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            return value == 0 ? "0" : "";
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (mantissa >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        string power = "10" + Superscript(exponent);
        return Math.Abs(mantissa - 1) < 1e-9 ? power : mantissa.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "×" + power;
    }

    /// <summary>An integer as superscript digits (with a superscript minus), e.g. 18 → ¹⁸.</summary>
    public static string Superscript(int exponent)
    {
        string digits = Math.Abs(exponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = new System.Text.StringBuilder(digits.Length + 1);
        if (exponent < 0)
            text.Append('⁻');
        foreach (char c in digits)
            text.Append(Superscripts[c - '0']);
        return text.ToString();
    }

    /// <summary>
    /// Counts with suffixes K, M, B, T (10³ … 10¹²) by the project's one formatter (<c>Numbers.ShortCount</c>): 100M, 1B,
    /// 70B, 1.4T; values of 10¹⁵ and above fall back to <see cref="Scientific"/>. Suits parameters and tokens.
    /// </summary>
    public static string Count(double value)
    {
        if (!double.IsFinite(value))
            return "";
        return Math.Abs(value) >= 1e15 ? Scientific(value) : ScalingFit.Core.Numbers.ShortCount(value);
    }

    /// <summary>A plain decimal with up to four significant digits, invariant culture, e.g. 2.5, 0.01, 1500.</summary>
    public static string Plain(double value)
    {
        if (!double.IsFinite(value))
            return "";
        if (Math.Abs(value) < 1e-12)
            return "0";
        return Math.Round(value, 10).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
    }
}
