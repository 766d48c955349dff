using System.Globalization;
using ScalingFit.IO.Results;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Human formatting of counts and FLOPs for tables (invariant culture), shared with the written tables.</summary>
internal static class Format
{
    /// <summary>1.23e+21 style.</summary>
    public static string Sci(double v) => ResultTables.Sci(v);

    /// <summary>400M, 67.0B, 1.50T style.</summary>
    public static string Count(double v) => ResultTables.Count(v);

    /// <summary>Fixed decimals.</summary>
    public static string Fixed(double v, int decimals = 3) =>
        double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "n/a";
}
