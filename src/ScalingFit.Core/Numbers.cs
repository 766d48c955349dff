using System.Globalization;

namespace ScalingFit.Core;

/// <summary>
/// The one number formatter of tables, figures, reports and the CLI. Output is in the invariant culture unless a
/// provider is given, so a report is byte-identical on every machine; missing values (NaN, ±∞) print as <c>n/a</c>.
/// </summary>
public static class Numbers
{
    /// <summary>What a missing or non-finite number prints as.</summary>
    public const string Missing = "n/a";

    private static readonly string[] Suffixes = ["", "K", "M", "B", "T"];

    /// <summary>
    /// A count with three significant digits and a suffix: <c>512</c>, <c>1.50K</c>, <c>400M</c>, <c>67.0B</c>,
    /// <c>1.00T</c>, … <c>999T</c>; from 999.5T on, scientific (<c>6.58e+15</c>). The value is rounded before the suffix
    /// is chosen, so 999.7B rolls over to <c>1.00T</c> instead of printing <c>1000B</c>. Below 1 it is scientific too.
    /// </summary>
    /// <param name="value">The count (parameters, tokens).</param>
    /// <param name="provider">The culture of the decimal separator (default: invariant).</param>
    public static string Count(double value, IFormatProvider? provider = null)
    {
        if (!double.IsFinite(value))
            return Missing;
        provider ??= CultureInfo.InvariantCulture;
        double magnitude = Math.Abs(value);
        if (magnitude == 0)
            return "0";
        if (magnitude < 1)
            return Scientific(value, provider);
        double rounded = RoundSignificant(magnitude, 3);
        int group = 0;
        while (group < Suffixes.Length - 1 && rounded >= 1000)
        {
            rounded = RoundSignificant(rounded / 1000, 3);
            group++;
        }
        if (rounded >= 1000)
            return Scientific(value, provider);
        string digits = rounded.ToString(rounded >= 100 ? "0" : rounded >= 10 ? "0.0" : "0.00", provider);
        return (value < 0 ? "-" : "") + digits + Suffixes[group];
    }

    /// <summary>
    /// <see cref="Count"/> without trailing zeros, for figure labels where space is short: <c>70B</c>, <c>1.4T</c>,
    /// <c>175B</c>; it rolls over the same way.
    /// </summary>
    public static string ShortCount(double value, IFormatProvider? provider = null)
    {
        string text = Count(value, provider);
        if (text == Missing || text.Contains('e', StringComparison.Ordinal))
            return text;
        string separator = NumberFormatInfo.GetInstance(provider ?? CultureInfo.InvariantCulture).NumberDecimalSeparator;
        int at = text.IndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
            return text;
        int end = at + separator.Length;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        string decimals = text[(at + separator.Length)..end].TrimEnd('0');
        return text[..at] + (decimals.Length > 0 ? separator + decimals : "") + text[end..];
    }

    /// <summary>
    /// Short scientific notation for figure labels: at most three significant digits, no <c>+</c> and no padding in
    /// the exponent (<c>5.76e23</c>, <c>1e21</c>); <c>n/a</c> unless finite and positive.
    /// </summary>
    public static string ShortScientific(double value, IFormatProvider? provider = null)
    {
        if (!(value > 0) || !double.IsFinite(value))
            return Missing;
        provider ??= CultureInfo.InvariantCulture;
        int k = (int)Math.Floor(Math.Log10(value));
        double m = Math.Round(value / Math.Pow(10, k), 2);
        if (m >= 10)
        {
            m /= 10;
            k++;
        }
        return m.ToString("0.##", provider) + "e" + k.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Scientific notation with three significant digits: <c>5.76e+23</c>.</summary>
    public static string Scientific(double value, IFormatProvider? provider = null) =>
        double.IsFinite(value) ? value.ToString("0.00e+00", provider ?? CultureInfo.InvariantCulture) : Missing;

    /// <summary>A number in a .NET format (<c>"0.0000"</c>, <c>"G6"</c>, …); <c>n/a</c> when not finite.</summary>
    public static string Format(double value, string format = "G6", IFormatProvider? provider = null) =>
        double.IsFinite(value) ? value.ToString(format, provider ?? CultureInfo.InvariantCulture) : Missing;

    /// <summary>An exponent or other quantity near 1 with its interval: <c>0.514 (0.482, 0.555)</c>; <c>n/a</c> when missing.</summary>
    public static string WithInterval(double value, double? low, double? high, string format = "0.000", IFormatProvider? provider = null)
    {
        if (!double.IsFinite(value))
            return Missing;
        string text = Format(value, format, provider);
        return low is { } l && high is { } h ? $"{text} ({Format(l, format, provider)}, {Format(h, format, provider)})" : text;
    }

    private static double RoundSignificant(double value, int digits)
    {
        int exponent = (int)Math.Floor(Math.Log10(value));
        double scale = Math.Pow(10, digits - 1 - exponent);
        return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
    }
}
