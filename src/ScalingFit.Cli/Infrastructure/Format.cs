using ScalingFit.Core;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Human formatting of counts and FLOPs for the console: the library's one formatter, <see cref="Numbers"/>.</summary>
internal static class Format
{
    /// <summary>1.23e+21 style.</summary>
    public static string Sci(double v) => Numbers.Scientific(v);

    /// <summary>400M, 67.0B, 1.50T style.</summary>
    public static string Count(double v) => Numbers.Count(v);

    /// <summary>Fixed decimals.</summary>
    public static string Fixed(double v, int decimals = 3) => Numbers.Format(v, "F" + decimals);
}
