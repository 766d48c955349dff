using ScottPlot;

namespace ScalingFit.Plotting;

/// <summary>
/// A colour axis: maps values (on a linear or log10 scale) to the viridis colour map over [<see cref="Min"/>,
/// <see cref="Max"/>], and is the source of a ScottPlot colour bar (<see cref="IHasColorAxis"/>), whose range is in the
/// same units (log10 of the value on a log axis).
/// </summary>
/// <param name="Min">The value at the bottom of the scale.</param>
/// <param name="Max">The value at the top of the scale.</param>
/// <param name="Log">Whether values map by log10.</param>
public sealed record ColorAxis(double Min, double Max, bool Log) : IHasColorAxis
{
    /// <summary>Viridis (van der Walt &amp; Smith, 2015), ScottPlot's copy of matplotlib's table.</summary>
    public IColormap Colormap { get; init; } = new ScottPlot.Colormaps.Viridis();

    /// <summary>The range in axis units: log10 of the values on a log axis.</summary>
    public ScottPlot.Range GetRange() => new(Scale(Min), Scale(Max));

    /// <summary>The value in axis units.</summary>
    public double Scale(double value) => Log ? Math.Log10(value) : value;

    /// <summary>The fraction along the scale, clamped to [0, 1]; NaN when the value cannot be mapped.</summary>
    public double Fraction(double value)
    {
        if (Log && !(value > 0))
            return double.NaN;
        double lo = Scale(Min), hi = Scale(Max), v = Scale(value);
        if (!double.IsFinite(v))
            return double.NaN;
        return hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5;
    }

    /// <summary>The colour of <paramref name="value"/>; grey when it cannot be mapped (NaN, or non-positive on a log axis).</summary>
    public Color Map(double value)
    {
        double f = Fraction(value);
        return double.IsNaN(f) ? Color.FromHex("#9a9a9a") : Colormap.GetColor(f);
    }
}

/// <summary>
/// A colour map of discrete steps, for the colour bar of filled contours: each band between consecutive levels has one
/// colour, as the bands on the plot do.
/// </summary>
/// <param name="Levels">The band edges in colour-axis units, ascending; band k spans Levels[k]–Levels[k+1].</param>
/// <param name="Colors">One colour per band (one fewer than the levels).</param>
internal sealed class SteppedColormap(IReadOnlyList<double> Levels, IReadOnlyList<Color> Colors) : IColormap
{
    public string Name => "contour bands";

    public Color GetColor(double position)
    {
        if (double.IsNaN(position) || Colors.Count == 0)
            return ScottPlot.Colors.Transparent;
        double lo = Levels[0], hi = Levels[^1];
        double v = lo + (Math.Clamp(position, 0, 1) * (hi - lo));
        for (int k = 0; k < Colors.Count; k++)
        {
            if (v <= Levels[k + 1])
                return Colors[k];
        }
        return Colors[^1];
    }
}
