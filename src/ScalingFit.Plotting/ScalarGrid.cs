using ScottPlot;

namespace ScalingFit.Plotting;

/// <summary>
/// A scalar field sampled on a rectilinear grid: <c>Value(column, row)</c> is z at (<c>Xs[column]</c>, <c>Ys[row]</c>).
/// Immutable; the values are copied on construction.
/// </summary>
public sealed class ScalarGrid
{
    private readonly double[] _xs;
    private readonly double[] _ys;
    private readonly double[,] _values;

    /// <summary>Creates a grid from coordinates and values indexed <c>[row, column]</c> (row = y index).</summary>
    /// <exception cref="ArgumentException">Fewer than two coordinates on an axis, coordinates not strictly increasing and finite,
    /// or a value array whose shape is not <c>[ys.Count, xs.Count]</c>.</exception>
    public ScalarGrid(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(values);
        _xs = Checked(xs, nameof(xs));
        _ys = Checked(ys, nameof(ys));
        if (values.GetLength(0) != _ys.Length || values.GetLength(1) != _xs.Length)
            throw new ArgumentException(
                $"Values must be indexed [row, column] with shape [{_ys.Length}, {_xs.Length}]; got [{values.GetLength(0)}, {values.GetLength(1)}].",
                nameof(values));
        _values = (double[,])values.Clone();
    }

    /// <summary>The x coordinate of each column, strictly increasing.</summary>
    public IReadOnlyList<double> Xs => _xs;

    /// <summary>The y coordinate of each row, strictly increasing.</summary>
    public IReadOnlyList<double> Ys => _ys;

    /// <summary>Number of columns (x samples).</summary>
    public int Columns => _xs.Length;

    /// <summary>Number of rows (y samples).</summary>
    public int Rows => _ys.Length;

    /// <summary>z at (<c>Xs[column]</c>, <c>Ys[row]</c>); NaN marks a missing sample.</summary>
    public double Value(int column, int row) => _values[row, column];

    /// <summary>Samples <paramref name="z"/> at every (x, y) of the grid.</summary>
    public static ScalarGrid Sample(IReadOnlyList<double> xs, IReadOnlyList<double> ys, Func<double, double, double> z)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(z);
        var values = new double[ys.Count, xs.Count];
        for (int r = 0; r < ys.Count; r++)
            for (int c = 0; c < xs.Count; c++)
                values[r, c] = z(xs[c], ys[r]);
        return new ScalarGrid(xs, ys, values);
    }

    /// <summary>
    /// The data coordinates of a fractional grid position, interpolating linearly between neighbouring samples. Renderers
    /// interpolate in axis space instead, so contours on log axes follow the drawn grid.
    /// </summary>
    public Coordinates ToData(GridCoordinate at) => new(Interpolate(_xs, at.Column), Interpolate(_ys, at.Row));

    private static double Interpolate(double[] coordinates, double index)
    {
        int i = Math.Clamp((int)Math.Floor(index), 0, coordinates.Length - 2);
        double t = index - i;
        return coordinates[i] + (t * (coordinates[i + 1] - coordinates[i]));
    }

    private static double[] Checked(IReadOnlyList<double> coordinates, string name)
    {
        if (coordinates.Count < 2)
            throw new ArgumentException("A grid needs at least two coordinates per axis.", name);
        double[] copy = [.. coordinates];
        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]) || (i > 0 && !(copy[i] > copy[i - 1])))
                throw new ArgumentException($"Grid coordinates must be finite and strictly increasing; index {i} is not.", name);
        }
        return copy;
    }
}

/// <summary>Evenly spaced sample coordinates for building a <see cref="ScalarGrid"/>.</summary>
public static class Spacing
{
    /// <summary><paramref name="count"/> values from <paramref name="start"/> to <paramref name="stop"/> inclusive, evenly spaced.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2.</exception>
    public static double[] Linear(double start, double stop, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = start + ((stop - start) * i / (count - 1));
        values[^1] = stop;
        return values;
    }

    /// <summary><paramref name="count"/> values from <paramref name="start"/> to <paramref name="stop"/> inclusive, evenly spaced in log10 (both positive).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2, or an end is not positive.</exception>
    public static double[] Log10(double start, double stop, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stop);
        double[] exponents = Linear(Math.Log10(start), Math.Log10(stop), count);
        double[] values = [.. exponents.Select(e => Math.Pow(10, e))];
        values[0] = start;
        values[^1] = stop;
        return values;
    }
}
