using System.Globalization;

namespace ScalingFit.Plotting;

/// <summary>
/// A tick label: body text plus an optional superscript (the exponent of 10<sup>18</sup>), so renderers can typeset
/// powers of ten properly. <see cref="ToString"/> gives a plain-text form such as <c>10^18</c>.
/// </summary>
/// <param name="Text">The body, e.g. <c>10</c>, <c>2×10</c>, <c>100M</c>, <c>0.5</c>.</param>
/// <param name="Superscript">The exponent, or null.</param>
public readonly record struct TickLabel(string Text, string? Superscript = null)
{
    /// <summary>Plain text: <c>Text</c>, or <c>Text^Superscript</c>.</summary>
    public override string ToString() => Superscript is null ? Text : Text + "^" + Superscript;
}

/// <summary>A tick on an axis or colour bar.</summary>
/// <param name="Value">Where the tick sits, in data units.</param>
/// <param name="IsMajor">Major ticks are longer and carry grid lines; minor ticks (2…9 × 10^k on log axes) are short.</param>
/// <param name="Label">The label, or null for an unlabelled tick (every minor tick; every other decade on long log axes).</param>
public readonly record struct Tick(double Value, bool IsMajor, TickLabel? Label);

/// <summary>Writes tick values as labels in a <see cref="TickFormat"/>, always in the invariant culture.</summary>
public static class TickFormatter
{
    /// <summary>The typographic minus sign used for negative values and exponents.</summary>
    public const string Minus = "\u2212";

    /// <summary>
    /// Formats <paramref name="value"/>. <paramref name="step"/> is the spacing between ticks on a linear axis and sets the
    /// number of decimals for <see cref="TickFormat.Plain"/>; pass NaN when there is no regular step (log axes).
    /// <see cref="TickFormat.Auto"/> is treated as <see cref="TickFormat.Plain"/>; resolve it first with <see cref="Resolve"/>.
    /// </summary>
    public static TickLabel Format(double value, TickFormat format, double step = double.NaN)
    {
        if (value == 0)
            return new TickLabel("0");
        if (!double.IsFinite(value))
            return new TickLabel(double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : Minus + "∞");
        return format switch
        {
            TickFormat.Scientific => Scientific(value),
            TickFormat.Si => Si(value, step),
            _ => new TickLabel(Plain(value, step)),
        };
    }

    /// <summary>
    /// Resolves <see cref="TickFormat.Auto"/>: <see cref="TickFormat.Plain"/> while every value is readable as a plain number
    /// (magnitudes in [10^-3, 10^5), and on linear axes a step of at least 10^-3), otherwise <see cref="TickFormat.Scientific"/>.
    /// So a loss axis reads 2, 3, 5 and a FLOPs axis 10<sup>18</sup>, 10<sup>19</sup>. Other formats are returned unchanged.
    /// </summary>
    public static TickFormat Resolve(TickFormat format, AxisScale scale, double min, double max, double step = double.NaN)
    {
        if (format != TickFormat.Auto)
            return format;
        double largest = Math.Max(Math.Abs(min), Math.Abs(max));
        if (largest >= 1e5)
            return TickFormat.Scientific;
        if (scale == AxisScale.Log10)
            return Math.Min(Math.Abs(min), Math.Abs(max)) < 1e-3 ? TickFormat.Scientific : TickFormat.Plain;
        return step > 0 && step < 1e-3 ? TickFormat.Scientific : TickFormat.Plain;
    }

    private static TickLabel Scientific(double value)
    {
        string sign = value < 0 ? Minus : "";
        double a = Math.Abs(value);
        int k = (int)Math.Floor(Math.Log10(a));
        double m = RoundSignificant(a / Pow10(k), 3);
        if (m >= 10)
        {
            m /= 10;
            k++;
        }
        else if (m < 1)
        {
            m *= 10;
            k--;
        }
        string exponent = k < 0 ? Minus + (-k).ToString(CultureInfo.InvariantCulture) : k.ToString(CultureInfo.InvariantCulture);
        string body = m == 1 ? "10" : m.ToString("0.##", CultureInfo.InvariantCulture) + "×10";
        return new TickLabel(sign + body, exponent);
    }

    private static TickLabel Si(double value, double step)
    {
        double a = Math.Abs(value);
        if (a >= 1e15)
            return Scientific(value);
        if (a < 1000)
            return new TickLabel(Plain(value, step));
        string sign = value < 0 ? Minus : "";
        (double unit, string suffix)[] units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
        for (int u = units.Length - 1; u >= 0; u--)
        {
            // Walk up from K so that 999,999,999 rounds to "1B" rather than "1000M".
            if (u > 0 && a >= units[u - 1].unit * 0.9995)
                continue;
            double m = RoundSignificant(a / units[u].unit, 3);
            return new TickLabel(sign + m.ToString("0.##", CultureInfo.InvariantCulture) + units[u].suffix);
        }
        return Scientific(value);
    }

    private static string Plain(double value, double step)
    {
        string sign = value < 0 ? Minus : "";
        double a = Math.Abs(value);
        if (a >= 1e15 || a < 1e-12)
            return sign + a.ToString("0.###e0", CultureInfo.InvariantCulture);
        if (step > 0 && double.IsFinite(step))
        {
            int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 12);
            return sign + a.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return sign + RoundSignificant(a, 6).ToString("0.############", CultureInfo.InvariantCulture);
    }

    internal static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
            return value;
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = digits - 1 - magnitude;
        if (decimals >= 0)
            return Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        double scale = Pow10(-decimals);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    /// <summary>10^k as the correctly rounded double (Math.Pow can be one ulp off, which shows up as 1e-05 vs 1.0000000000000001e-05).</summary>
    internal static double Pow10(int k) => double.Parse("1e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    internal static double MantissaTimesPow10(int mantissa, int k) =>
        double.Parse(mantissa.ToString(CultureInfo.InvariantCulture) + "e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>
/// Ticks for a log10 axis. Rules, in order:
/// <list type="bullet">
/// <item>At least three decades (10^k) in range: a major tick at every decade; when the range spans more than 8 decades only
/// even exponents are labelled, so labels do not crowd; minor ticks at 2…9 × 10^k (dropped beyond 12 decades).</item>
/// <item>Fewer than three decades: major, labelled ticks at 1, 2 and 5 × 10^k, minor ticks at the other multiples.</item>
/// <item>Still fewer than two major ticks (a range narrower than ×2.5): linear "nice" ticks inside the range.</item>
/// </list>
/// Renderers may thin labels further when they would overlap at the drawn size.
/// </summary>
public static class LogTicks
{
    /// <summary>
    /// Ticks for the range [<paramref name="min"/>, <paramref name="max"/>], labelled in <paramref name="format"/>
    /// (<see cref="TickFormat.Auto"/>: plain numbers inside [10^-3, 10^5), powers of ten beyond).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite, not positive, or empty.</exception>
    public static IReadOnlyList<Tick> For(double min, double max, TickFormat format = TickFormat.Auto)
    {
        if (!(min > 0) || !double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
            throw new ArgumentOutOfRangeException(nameof(min), $"A log axis needs 0 < min < max, both finite; got [{min}, {max}].");
        format = TickFormatter.Resolve(format, AxisScale.Log10, min, max);
        double lo = Math.Log10(min), hi = Math.Log10(max);
        double tolerance = 1e-9;
        bool InRange(double v) => v >= min * (1 - tolerance) && v <= max * (1 + tolerance);

        int kLo = (int)Math.Ceiling(lo - tolerance), kHi = (int)Math.Floor(hi + tolerance);
        int decades = kHi - kLo + 1;
        var ticks = new List<Tick>();
        if (decades >= 3)
        {
            int labelEvery = hi - lo > 8 ? 2 : 1;
            for (int k = kLo; k <= kHi; k++)
            {
                double v = TickFormatter.Pow10(k);
                bool labelled = k % labelEvery == 0;
                ticks.Add(new Tick(v, true, labelled ? TickFormatter.Format(v, format) : null));
            }
            if (hi - lo <= 12)
                AddMultiples(ticks, (int)Math.Floor(lo), kHi, [2, 3, 4, 5, 6, 7, 8, 9], major: false, format, InRange);
        }
        else
        {
            AddMultiples(ticks, (int)Math.Floor(lo), (int)Math.Floor(hi), [1, 2, 5], major: true, format, InRange);
            if (ticks.Count < 2)
            {
                ticks.Clear();
                foreach (Tick t in NiceTicks.For(min, max, format, targetCount: 4))
                    if (t.Value > 0)
                        ticks.Add(t);
            }
            var majors = new HashSet<double>(ticks.Select(t => t.Value));
            var minors = new List<Tick>();
            AddMultiples(minors, (int)Math.Floor(lo), (int)Math.Floor(hi), [1, 2, 3, 4, 5, 6, 7, 8, 9], major: false, format, InRange);
            ticks.AddRange(minors.Where(m => !majors.Any(v => Math.Abs(v - m.Value) <= m.Value * 1e-9)));
        }
        ticks.Sort((a, b) => a.Value.CompareTo(b.Value));
        return ticks;
    }

    private static void AddMultiples(List<Tick> ticks, int kFrom, int kTo, int[] mantissas, bool major, TickFormat format, Func<double, bool> inRange)
    {
        for (int k = kFrom; k <= kTo; k++)
        {
            foreach (int m in mantissas)
            {
                double v = TickFormatter.MantissaTimesPow10(m, k);
                if (inRange(v))
                    ticks.Add(new Tick(v, major, major ? TickFormatter.Format(v, format) : null));
            }
        }
    }
}

/// <summary>
/// "Nice" ticks for a linear axis: steps of 1, 2 or 5 × 10^k, the smallest such step that gives at most
/// <c>targetCount</c> ticks inside the range (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
/// </summary>
public static class NiceTicks
{
    /// <summary>Ticks inside [<paramref name="min"/>, <paramref name="max"/>], all major and labelled.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite or is empty.</exception>
    public static IReadOnlyList<Tick> For(double min, double max, TickFormat format = TickFormat.Auto, int targetCount = 6)
    {
        double step = Step(min, max, targetCount);
        format = TickFormatter.Resolve(format, AxisScale.Linear, min, max, step);
        long first = (long)Math.Ceiling((min / step) - 1e-9), last = (long)Math.Floor((max / step) + 1e-9);
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
        var ticks = new List<Tick>();
        for (long n = first; n <= last; n++)
        {
            double v = Math.Round(n * step, decimals);
            if (v == 0)
                v = 0; // drops negative zero
            ticks.Add(new Tick(v, true, TickFormatter.Format(v, format, step)));
        }
        return ticks;
    }

    /// <summary>The tick spacing <see cref="For"/> uses for this range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite or is empty.</exception>
    public static double Step(double min, double max, int targetCount = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
            throw new ArgumentOutOfRangeException(nameof(min), $"Ticks need a finite range with min < max; got [{min}, {max}].");
        targetCount = Math.Max(2, targetCount);
        double rough = (max - min) / targetCount;
        double magnitude = TickFormatter.Pow10((int)Math.Floor(Math.Log10(rough)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10, 20])
        {
            double step = m * magnitude;
            double count = Math.Floor((max / step) + 1e-9) - Math.Ceiling((min / step) - 1e-9) + 1;
            if (count <= targetCount)
                return step;
        }
        return 20 * magnitude;
    }
}
