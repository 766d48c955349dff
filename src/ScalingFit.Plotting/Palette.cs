namespace ScalingFit.Plotting;

/// <summary>
/// A categorical palette for series that do not set their own colour; colours repeat after the last one.
/// </summary>
/// <param name="Name">A display name.</param>
/// <param name="Colors">The colours in the order series receive them.</param>
public sealed record Palette(string Name, IReadOnlyList<RgbColor> Colors)
{
    /// <summary>
    /// Okabe &amp; Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
    /// Ordered for lines on white (blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow), so the
    /// low-contrast yellow comes last.
    /// </summary>
    public static Palette OkabeIto { get; } = new("Okabe-Ito",
    [
        RgbColor.FromRgb(0x0072B2), RgbColor.FromRgb(0xD55E00), RgbColor.FromRgb(0x009E73), RgbColor.FromRgb(0xCC79A7),
        RgbColor.FromRgb(0xE69F00), RgbColor.FromRgb(0x56B4E9), RgbColor.FromRgb(0x000000), RgbColor.FromRgb(0xF0E442),
    ]);

    /// <summary>Tableau 10 (the 2016 revision by Maureen Stone), in its published order.</summary>
    public static Palette Tableau10 { get; } = new("Tableau 10",
    [
        RgbColor.FromRgb(0x4E79A7), RgbColor.FromRgb(0xF28E2B), RgbColor.FromRgb(0xE15759), RgbColor.FromRgb(0x76B7B2),
        RgbColor.FromRgb(0x59A14F), RgbColor.FromRgb(0xEDC948), RgbColor.FromRgb(0xB07AA1), RgbColor.FromRgb(0xFF9DA7),
        RgbColor.FromRgb(0x9C755F), RgbColor.FromRgb(0xBAB0AC),
    ]);

    /// <summary>The colour for the <paramref name="index"/>-th series, cycling through the palette.</summary>
    /// <exception cref="InvalidOperationException">The palette has no colours.</exception>
    public RgbColor this[int index]
    {
        get
        {
            if (Colors.Count == 0)
                throw new InvalidOperationException($"Palette '{Name}' has no colours.");
            int i = index % Colors.Count;
            return Colors[i < 0 ? i + Colors.Count : i];
        }
    }
}
