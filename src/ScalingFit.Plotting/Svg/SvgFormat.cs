using System.Globalization;
using System.Text;

namespace ScalingFit.Plotting.Svg;

/// <summary>Number and path formatting for SVG attributes: invariant culture, at most two decimals, no negative zero.</summary>
internal static class SvgFormat
{
    public static string N(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0)
            return "0";
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends "M x,y L x,y …" for a polyline, with a trailing Z when closed.</summary>
    public static void AppendPath(StringBuilder d, IReadOnlyList<Pt> points, bool closed)
    {
        if (points.Count == 0)
            return;
        for (int i = 0; i < points.Count; i++)
        {
            d.Append(i == 0 ? 'M' : 'L').Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }
        if (closed)
            d.Append('Z');
    }

    public static string Path(IReadOnlyList<Pt> points, bool closed)
    {
        var d = new StringBuilder();
        AppendPath(d, points, closed);
        return d.ToString();
    }
}

/// <summary>
/// Text width estimates, so layout can avoid overlaps without font files. Per-character advances follow DejaVu Sans
/// (the widest font in the stack), so estimates are conservative for Helvetica and Arial.
/// </summary>
internal static class TextMetrics
{
    /// <summary>Superscript size relative to the body.</summary>
    public const double SuperscriptScale = 0.75;

    /// <summary>DejaVu Sans Bold is about 12% wider than the book weight.</summary>
    public const double BoldScale = 1.12;

    public static double Width(string text, double fontSize)
    {
        double em = 0;
        foreach (char c in text)
            em += Advance(c);
        return em * fontSize;
    }

    public static double Width(TickLabel label, double fontSize) =>
        Width(label.Text, fontSize) + (label.Superscript is null ? 0 : Width(label.Superscript, fontSize * SuperscriptScale));

    private static double Advance(char c) => c switch
    {
        >= '0' and <= '9' => 0.64,
        ' ' or '.' or ',' or ':' or ';' or '!' or '\'' or '|' => 0.32,
        'i' or 'j' or 'l' => 0.28,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '{' or '}' or '-' or '/' or '\\' => 0.40,
        'm' => 0.98,
        'w' => 0.82,
        'M' => 0.87,
        'W' => 0.99,
        'I' or 'J' => 0.30,
        >= 'A' and <= 'Z' => 0.72,
        >= 'a' and <= 'z' => 0.62,
        '×' or '−' or '+' or '=' or '<' or '>' or '~' or '^' => 0.84,
        '%' => 0.95,
        '@' => 1.0,
        _ => 0.7,
    };
}

/// <summary>A point in pixels.</summary>
internal readonly record struct Pt(double X, double Y);

/// <summary>An axis-aligned rectangle in pixels.</summary>
internal readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public bool Contains(Pt p, double tolerance = 1e-6) =>
        p.X >= X - tolerance && p.X <= Right + tolerance && p.Y >= Y - tolerance && p.Y <= Bottom + tolerance;

    public Rect Inflate(double by) => new(X - by, Y - by, Width + (2 * by), Height + (2 * by));

    public bool Intersects(Rect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool ContainsRect(Rect inner, double tolerance = 1e-6) =>
        inner.X >= X - tolerance && inner.Right <= Right + tolerance && inner.Y >= Y - tolerance && inner.Bottom <= Bottom + tolerance;
}

/// <summary>Geometric clipping to the plot rectangle, so no drawn coordinate lies outside the axes.</summary>
internal static class Clipping
{
    /// <summary>Liang–Barsky: clips segment a–b to the rectangle; false when nothing remains.</summary>
    public static bool Segment(ref Pt a, ref Pt b, Rect r)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        double t0 = 0, t1 = 1;
        if (!Edge(-dx, a.X - r.X) || !Edge(dx, r.Right - a.X) || !Edge(-dy, a.Y - r.Y) || !Edge(dy, r.Bottom - a.Y))
            return false;
        Pt start = a;
        if (t1 < 1)
            b = new Pt(start.X + (t1 * dx), start.Y + (t1 * dy));
        if (t0 > 0)
            a = new Pt(start.X + (t0 * dx), start.Y + (t0 * dy));
        return true;

        bool Edge(double p, double q)
        {
            if (p == 0)
                return q >= 0;
            double t = q / p;
            if (p < 0)
            {
                if (t > t1) return false;
                if (t > t0) t0 = t;
            }
            else
            {
                if (t < t0) return false;
                if (t < t1) t1 = t;
            }
            return true;
        }
    }

    /// <summary>Clips a polyline to the rectangle; returns the visible pieces (each with at least two points).</summary>
    public static List<List<Pt>> Polyline(IReadOnlyList<Pt> points, Rect r)
    {
        var pieces = new List<List<Pt>>();
        List<Pt>? current = null;
        for (int i = 0; i + 1 < points.Count; i++)
        {
            Pt a = points[i], b = points[i + 1];
            if (!Segment(ref a, ref b, r))
            {
                current = null;
                continue;
            }
            if (current is null || current[^1] != a)
            {
                current = [a];
                pieces.Add(current);
            }
            current.Add(b);
        }
        return pieces;
    }

    /// <summary>Sutherland–Hodgman: clips a polygon to the rectangle.</summary>
    public static List<Pt> Polygon(IReadOnlyList<Pt> polygon, Rect r)
    {
        List<Pt> result = [.. polygon];
        result = ClipEdge(result, p => p.X >= r.X, (p, q) => AtX(p, q, r.X));
        result = ClipEdge(result, p => p.X <= r.Right, (p, q) => AtX(p, q, r.Right));
        result = ClipEdge(result, p => p.Y >= r.Y, (p, q) => AtY(p, q, r.Y));
        result = ClipEdge(result, p => p.Y <= r.Bottom, (p, q) => AtY(p, q, r.Bottom));
        return result;

        static Pt AtX(Pt p, Pt q, double x) => new(x, p.Y + ((q.Y - p.Y) * (x - p.X) / (q.X - p.X)));
        static Pt AtY(Pt p, Pt q, double y) => new(p.X + ((q.X - p.X) * (y - p.Y) / (q.Y - p.Y)), y);
    }

    private static List<Pt> ClipEdge(List<Pt> polygon, Func<Pt, bool> inside, Func<Pt, Pt, Pt> intersect)
    {
        var result = new List<Pt>(polygon.Count + 4);
        for (int i = 0; i < polygon.Count; i++)
        {
            Pt current = polygon[i], previous = polygon[(i + polygon.Count - 1) % polygon.Count];
            bool currentIn = inside(current), previousIn = inside(previous);
            if (currentIn != previousIn)
                result.Add(intersect(previous, current));
            if (currentIn)
                result.Add(current);
        }
        return result;
    }
}
