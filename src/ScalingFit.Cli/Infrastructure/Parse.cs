using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Parsing of option values that System.CommandLine leaves as text (lists, laws), with usage errors that say what to do.</summary>
internal static class Parse
{
    /// <summary>A comma-separated list of positive numbers such as <c>6e18,1e19</c>.</summary>
    public static double[] PositiveList(string option, string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new UsageException($"{option} needs at least one number, e.g. {option} 1e21,5.76e23.");
        return parts.Select(p => Positive(option, p)).ToArray();
    }

    /// <summary>A positive, finite number.</summary>
    public static double Positive(string option, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new UsageException($"{option}: '{text}' is not a number; write it like 5.76e23 (a dot for decimals).");
        if (v <= 0)
            throw new UsageException($"{option}: {text} must be positive.");
        return v;
    }

    /// <summary>A law written <c>E,A,B,ALPHA,BETA</c>.</summary>
    public static ParametricLaw Law(string text)
    {
        var v = PositiveList("--law", text);
        if (v.Length != 5)
            throw new UsageException($"--law needs five numbers E,A,B,ALPHA,BETA (e.g. --law 1.69,406.4,410.7,0.34,0.28); got {v.Length}.");
        return new ParametricLaw(v[0], v[1], v[2], v[3], v[4]);
    }
}
