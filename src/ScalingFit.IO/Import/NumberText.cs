using System.Globalization;
using System.Text;

namespace ScalingFit.IO;

/// <summary>How a field's text turned out as a positive finite number.</summary>
internal enum FieldStatus : byte
{
    Ok,
    Empty,
    Unparsable,
    NonFinite,
    NonPositive,
}

/// <summary>Parses numeric fields: invariant culture, <see cref="NumberStyles.Float"/> (sign, decimal point, exponent; no thousands separators).</summary>
internal static class NumberText
{
    private const NumberStyles Style = NumberStyles.Float;

    public static FieldStatus Parse(ReadOnlySpan<byte> utf8, out double value)
    {
        if (double.TryParse(utf8, Style, CultureInfo.InvariantCulture, out value))
            return Classify(value);
        var trimmed = utf8.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
            return FieldStatus.Empty;
        return IsNonFiniteWord(trimmed) ? FieldStatus.NonFinite : FieldStatus.Unparsable;
    }

    public static FieldStatus Classify(double value)
    {
        if (!double.IsFinite(value))
            return FieldStatus.NonFinite;
        return value > 0 ? FieldStatus.Ok : FieldStatus.NonPositive;
    }

    // double.TryParse accepts NaN and Infinity (any case) but not the short forms other tools write.
    private static bool IsNonFiniteWord(ReadOnlySpan<byte> text)
    {
        if (text.Length > 0 && (text[0] == (byte)'+' || text[0] == (byte)'-'))
            text = text[1..];
        return Ascii.EqualsIgnoreCase(text, "inf"u8) || Ascii.EqualsIgnoreCase(text, "nan"u8)
            || Ascii.EqualsIgnoreCase(text, "infinity"u8) || Ascii.EqualsIgnoreCase(text, "1.#inf"u8)
            || Ascii.EqualsIgnoreCase(text, "1.#ind"u8) || Ascii.EqualsIgnoreCase(text, "1.#qnan"u8)
            || text.SequenceEqual("∞"u8);
    }
}
