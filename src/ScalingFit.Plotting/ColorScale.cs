namespace ScalingFit.Plotting;

/// <summary>A control point of a <see cref="ColorScale"/>.</summary>
/// <param name="Position">Where the colour sits on the scale, in [0, 1].</param>
/// <param name="Color">The colour at that position.</param>
public readonly record struct ColorStop(double Position, RgbColor Color);

/// <summary>
/// A continuous colour scale: maps t in [0, 1] to a colour by linear interpolation between control points.
/// </summary>
public sealed class ColorScale
{
    private readonly ColorStop[] _stops;

    /// <summary>Creates a scale from control points; they are sorted by position, which must cover 0 and 1.</summary>
    /// <exception cref="ArgumentException">Fewer than two stops, or the stops do not start at 0 and end at 1.</exception>
    public ColorScale(string name, IEnumerable<ColorStop> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        Name = name;
        _stops = [.. stops.OrderBy(s => s.Position)];
        if (_stops.Length < 2 || _stops[0].Position != 0 || _stops[^1].Position != 1)
            throw new ArgumentException("A colour scale needs at least two stops, the first at 0 and the last at 1.", nameof(stops));
    }

    /// <summary>A display name.</summary>
    public string Name { get; }

    /// <summary>The control points, sorted by position; a renderer can use them directly as gradient stops.</summary>
    public IReadOnlyList<ColorStop> Stops => _stops;

    /// <summary>
    /// Matplotlib's viridis (van der Walt &amp; Smith, 2015): perceptually uniform and readable in greyscale and by
    /// colour-blind readers. Tabulated as every 8th entry of matplotlib's 256-entry table plus the last one (33 stops,
    /// from #440154 to #fde725); linear interpolation between them stays within about one RGB unit of the full table.
    /// </summary>
    public static ColorScale Viridis { get; } = new("viridis", ViridisStops());

    /// <summary>Light grey to near-black, for print-only figures.</summary>
    public static ColorScale Greys { get; } = new("greys",
        [new ColorStop(0, RgbColor.FromRgb(0xf0f0f0)), new ColorStop(1, RgbColor.FromRgb(0x252525))]);

    /// <summary>The colour at <paramref name="t"/>, clamped to [0, 1]; NaN maps to the start of the scale.</summary>
    public RgbColor Map(double t)
    {
        if (double.IsNaN(t) || t <= 0)
            return _stops[0].Color;
        if (t >= 1)
            return _stops[^1].Color;
        int hi = 1;
        while (_stops[hi].Position < t)
            hi++;
        ColorStop a = _stops[hi - 1], b = _stops[hi];
        double span = b.Position - a.Position;
        return span <= 0 ? b.Color : RgbColor.Lerp(a.Color, b.Color, (t - a.Position) / span);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static IEnumerable<ColorStop> ViridisStops()
    {
        // matplotlib _viridis_data at indices 0, 8, 16, …, 248 and 255, rounded to 8-bit sRGB.
        int[] rgb =
        [
            0x440154, 0x470d60, 0x48186a, 0x482374, 0x472d7b, 0x453781, 0x424086, 0x3e4989, 0x3b528b, 0x375b8d, 0x33638d,
            0x2f6b8e, 0x2c728e, 0x297a8e, 0x26828e, 0x23898e, 0x21918c, 0x1f988b, 0x1fa088, 0x22a785, 0x28ae80, 0x32b67a,
            0x3fbc73, 0x4ec36b, 0x5ec962, 0x70cf57, 0x84d44b, 0x98d83e, 0xaddc30, 0xc2df23, 0xd8e219, 0xece51b, 0xfde725,
        ];
        for (int k = 0; k < rgb.Length; k++)
            yield return new ColorStop(Math.Min(8 * k, 255) / 255.0, RgbColor.FromRgb(rgb[k]));
    }
}
