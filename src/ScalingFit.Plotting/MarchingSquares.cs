namespace ScalingFit.Plotting;

/// <summary>A fractional position on a <see cref="ScalarGrid"/>: column 2.5 lies halfway between <c>Xs[2]</c> and <c>Xs[3]</c>.</summary>
/// <param name="Column">Fractional column (x) index.</param>
/// <param name="Row">Fractional row (y) index.</param>
public readonly record struct GridCoordinate(double Column, double Row);

/// <summary>One connected contour line at a level.</summary>
/// <param name="Level">The z value the line follows.</param>
/// <param name="Points">The vertices in order, in grid coordinates (convert with <see cref="ScalarGrid.ToData"/>).</param>
/// <param name="IsClosed">True when the line is a loop; the first point is not repeated at the end.</param>
public sealed record ContourPath(double Level, IReadOnlyList<GridCoordinate> Points, bool IsClosed);

/// <summary>
/// Marching squares (Lorensen &amp; Cline's marching cubes in two dimensions) over a <see cref="ScalarGrid"/>. A corner is
/// "inside" when z ≥ level; crossings are interpolated linearly along cell edges; saddle cells are resolved by the mean of
/// the four corners. Cells with a NaN or infinite corner are skipped, which leaves a gap in the lines.
/// </summary>
public static class MarchingSquares
{
    /// <summary>The contour lines of <paramref name="grid"/> at <paramref name="level"/>, joined into maximal paths.</summary>
    public static IReadOnlyList<ContourPath> Lines(ScalarGrid grid, double level)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var segments = new List<(long A, long B)>();
        int columns = grid.Columns;
        long HorizontalEdge(int c, int r) => (((long)r * columns) + c) * 2;
        long VerticalEdge(int c, int r) => ((((long)r * columns) + c) * 2) + 1;

        for (int r = 0; r < grid.Rows - 1; r++)
        {
            for (int c = 0; c < columns - 1; c++)
            {
                double z0 = grid.Value(c, r), z1 = grid.Value(c + 1, r), z2 = grid.Value(c + 1, r + 1), z3 = grid.Value(c, r + 1);
                if (!double.IsFinite(z0) || !double.IsFinite(z1) || !double.IsFinite(z2) || !double.IsFinite(z3))
                    continue;
                int index = (z0 >= level ? 1 : 0) | (z1 >= level ? 2 : 0) | (z2 >= level ? 4 : 0) | (z3 >= level ? 8 : 0);
                if (index is 0 or 15)
                    continue;
                long bottom = HorizontalEdge(c, r), top = HorizontalEdge(c, r + 1), left = VerticalEdge(c, r), right = VerticalEdge(c + 1, r);
                bool centreInside = (z0 + z1 + z2 + z3) / 4 >= level;
                switch (index)
                {
                    case 5: // corners 0 and 2 inside
                        if (centreInside) { segments.Add((bottom, right)); segments.Add((top, left)); }
                        else { segments.Add((left, bottom)); segments.Add((right, top)); }
                        break;
                    case 10: // corners 1 and 3 inside
                        if (centreInside) { segments.Add((left, bottom)); segments.Add((right, top)); }
                        else { segments.Add((bottom, right)); segments.Add((top, left)); }
                        break;
                    default:
                        {
                            Span<long> crossed = stackalloc long[2];
                            int n = 0;
                            if (((index & 1) != 0) != ((index & 2) != 0)) crossed[n++] = bottom;
                            if (((index & 2) != 0) != ((index & 4) != 0)) crossed[n++] = right;
                            if (((index & 4) != 0) != ((index & 8) != 0)) crossed[n++] = top;
                            if (((index & 8) != 0) != ((index & 1) != 0)) crossed[n++] = left;
                            segments.Add((crossed[0], crossed[1]));
                            break;
                        }
                }
            }
        }

        return Join(segments, key => EdgePoint(grid, key, level), level);
    }

    private static GridCoordinate EdgePoint(ScalarGrid grid, long key, double level)
    {
        bool vertical = (key & 1) == 1;
        long cell = key / 2;
        int r = (int)(cell / grid.Columns), c = (int)(cell % grid.Columns);
        double za = grid.Value(c, r);
        double zb = vertical ? grid.Value(c, r + 1) : grid.Value(c + 1, r);
        double t = zb == za ? 0.5 : Math.Clamp((level - za) / (zb - za), 0, 1);
        return vertical ? new GridCoordinate(c, r + t) : new GridCoordinate(c + t, r);
    }

    private static List<ContourPath> Join(List<(long A, long B)> segments, Func<long, GridCoordinate> point, double level)
    {
        var atEdge = new Dictionary<long, List<int>>();
        for (int i = 0; i < segments.Count; i++)
        {
            Add(segments[i].A, i);
            Add(segments[i].B, i);
        }

        var used = new bool[segments.Count];
        var paths = new List<ContourPath>();
        for (int s = 0; s < segments.Count; s++)
        {
            if (used[s])
                continue;
            used[s] = true;
            var chain = new List<long> { segments[s].A, segments[s].B };
            Extend(chain);
            bool closed = chain.Count > 2 && chain[^1] == chain[0];
            if (!closed)
            {
                chain.Reverse();
                Extend(chain);
            }
            if (closed)
                chain.RemoveAt(chain.Count - 1);
            paths.Add(new ContourPath(level, [.. chain.Select(point)], closed));
        }
        return paths;

        void Add(long key, int segment)
        {
            if (!atEdge.TryGetValue(key, out List<int>? list))
                atEdge[key] = list = new List<int>(2);
            list.Add(segment);
        }

        void Extend(List<long> chain)
        {
            while (true)
            {
                long tail = chain[^1];
                int next = atEdge[tail].FirstOrDefault(i => !used[i], -1);
                if (next < 0)
                    return;
                used[next] = true;
                long other = segments[next].A == tail ? segments[next].B : segments[next].A;
                chain.Add(other);
                if (other == chain[0])
                    return;
            }
        }
    }

    /// <summary>
    /// Filled iso-bands for <paramref name="levels"/> (sorted ascending): band b covers [levels[b-1], levels[b]), with band 0
    /// unbounded below and the last band unbounded above. Cells whose corners all fall in one band are emitted whole (merged
    /// along rows); the others are split into four triangles around the cell centre (z = mean of the corners, the same rule
    /// that resolves saddles in <see cref="Lines"/>) and each triangle is clipped to the band, so the fill is exact for that
    /// piecewise-linear surface.
    /// </summary>
    internal static List<List<GridCoordinate>>[] Bands(ScalarGrid grid, IReadOnlyList<double> levels)
    {
        int bandCount = levels.Count + 1;
        var bands = new List<List<GridCoordinate>>[bandCount];
        for (int b = 0; b < bandCount; b++)
            bands[b] = [];

        int BandOf(double z)
        {
            int b = 0;
            while (b < levels.Count && z >= levels[b])
                b++;
            return b;
        }

        for (int r = 0; r < grid.Rows - 1; r++)
        {
            int runStart = -1, runBand = -1;
            for (int c = 0; c <= grid.Columns - 1; c++)
            {
                int uniformBand = -1;
                double z0 = 0, z1 = 0, z2 = 0, z3 = 0;
                bool finite = false;
                if (c < grid.Columns - 1)
                {
                    z0 = grid.Value(c, r); z1 = grid.Value(c + 1, r); z2 = grid.Value(c + 1, r + 1); z3 = grid.Value(c, r + 1);
                    finite = double.IsFinite(z0) && double.IsFinite(z1) && double.IsFinite(z2) && double.IsFinite(z3);
                    if (finite)
                    {
                        int b0 = BandOf(z0);
                        if (b0 == BandOf(z1) && b0 == BandOf(z2) && b0 == BandOf(z3))
                            uniformBand = b0;
                    }
                }

                if (runStart >= 0 && uniformBand != runBand)
                {
                    bands[runBand].Add([new(runStart, r), new(c, r), new(c, r + 1), new(runStart, r + 1)]);
                    runStart = -1;
                    runBand = -1;
                }
                if (uniformBand >= 0)
                {
                    if (runStart < 0)
                    {
                        runStart = c;
                        runBand = uniformBand;
                    }
                    continue;
                }
                if (!finite)
                    continue;

                var corner0 = new Vertex(c, r, z0);
                var corner1 = new Vertex(c + 1, r, z1);
                var corner2 = new Vertex(c + 1, r + 1, z2);
                var corner3 = new Vertex(c, r + 1, z3);
                var centre = new Vertex(c + 0.5, r + 0.5, (z0 + z1 + z2 + z3) / 4);
                AddTriangle(corner0, corner1, centre);
                AddTriangle(corner1, corner2, centre);
                AddTriangle(corner2, corner3, centre);
                AddTriangle(corner3, corner0, centre);
            }
        }
        return bands;

        void AddTriangle(Vertex a, Vertex b, Vertex c)
        {
            int lowest = Math.Min(BandOf(a.Z), Math.Min(BandOf(b.Z), BandOf(c.Z)));
            int highest = Math.Max(BandOf(a.Z), Math.Max(BandOf(b.Z), BandOf(c.Z)));
            for (int band = lowest; band <= highest; band++)
            {
                List<Vertex> polygon = [a, b, c];
                if (band > 0)
                    polygon = Clip(polygon, levels[band - 1], keepAbove: true);
                if (band < levels.Count && polygon.Count >= 3)
                    polygon = Clip(polygon, levels[band], keepAbove: false);
                if (polygon.Count >= 3)
                    bands[band].Add([.. polygon.Select(v => new GridCoordinate(v.Column, v.Row))]);
            }
        }
    }

    private static List<Vertex> Clip(List<Vertex> polygon, double level, bool keepAbove)
    {
        var result = new List<Vertex>(polygon.Count + 2);
        bool Inside(Vertex v) => keepAbove ? v.Z >= level : v.Z <= level;
        for (int i = 0; i < polygon.Count; i++)
        {
            Vertex current = polygon[i], previous = polygon[(i + polygon.Count - 1) % polygon.Count];
            bool currentIn = Inside(current), previousIn = Inside(previous);
            if (currentIn != previousIn)
            {
                double t = (level - previous.Z) / (current.Z - previous.Z);
                result.Add(new Vertex(
                    previous.Column + (t * (current.Column - previous.Column)),
                    previous.Row + (t * (current.Row - previous.Row)),
                    level));
            }
            if (currentIn)
                result.Add(current);
        }
        return result;
    }

    private readonly record struct Vertex(double Column, double Row, double Z);
}
