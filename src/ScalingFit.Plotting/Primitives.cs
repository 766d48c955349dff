using System.Globalization;

namespace ScalingFit.Plotting;

/// <summary>A point in data coordinates (for example X = FLOPs, Y = loss).</summary>
/// <param name="X">The horizontal data value.</param>
/// <param name="Y">The vertical data value.</param>
public readonly record struct DataPoint(double X, double Y);

/// <summary>An opaque sRGB colour, written to SVG as <c>#rrggbb</c>.</summary>
/// <param name="R">Red channel, 0–255.</param>
/// <param name="G">Green channel, 0–255.</param>
/// <param name="B">Blue channel, 0–255.</param>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>Black, <c>#000000</c>.</summary>
    public static RgbColor Black { get; } = new(0, 0, 0);

    /// <summary>White, <c>#ffffff</c>.</summary>
    public static RgbColor White { get; } = new(255, 255, 255);

    /// <summary>Builds a colour from a packed <c>0xRRGGBB</c> integer.</summary>
    public static RgbColor FromRgb(int rgb) => new((byte)((rgb >> 16) & 0xff), (byte)((rgb >> 8) & 0xff), (byte)(rgb & 0xff));

    /// <summary>Parses <c>#rrggbb</c> or <c>rrggbb</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not six hexadecimal digits.</exception>
    public static RgbColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string digits = hex.StartsWith('#') ? hex[1..] : hex;
        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int rgb))
            throw new FormatException($"'{hex}' is not a colour of the form #rrggbb.");
        return FromRgb(rgb);
    }

    /// <summary>Linear interpolation in sRGB between <paramref name="from"/> (t = 0) and <paramref name="to"/> (t = 1); t is clamped.</summary>
    public static RgbColor Lerp(RgbColor from, RgbColor to, double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        return new(Mix(from.R, to.R, t), Mix(from.G, to.G, t), Mix(from.B, to.B, t));

        static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t), MidpointRounding.AwayFromZero);
    }

    /// <summary>The colour as lower-case <c>#rrggbb</c>.</summary>
    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <inheritdoc />
    public override string ToString() => ToHex();
}
