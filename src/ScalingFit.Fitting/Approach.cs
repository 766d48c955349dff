namespace ScalingFit.Fitting;

/// <summary>
/// The three approaches of Hoffmann et al. 2022 (§3, Table 2) to the compute-optimal frontier N_opt ∝ C^a,
/// D_opt ∝ C^b. The underlying value is the paper's approach number.
/// </summary>
public enum Approach
{
    /// <summary>Approach 1 (§3.1): the envelope of training curves, least loss per FLOP. JSON name <c>envelope</c>.</summary>
    Envelope = 1,

    /// <summary>Approach 2 (§3.2): IsoFLOP profiles, a parabola in ln N per FLOP budget. JSON name <c>isoflop</c>.</summary>
    IsoFlop = 2,

    /// <summary>Approach 3 (§3.3): the parametric law L(N, D) = E + A/N^α + B/D^β fitted by Huber + L-BFGS. JSON name <c>parametric</c>.</summary>
    Parametric = 3,
}

/// <summary>Names and labels of <see cref="Approach"/>: the one place an approach is spelled.</summary>
public static class Approaches
{
    /// <summary>Every approach, in the paper's order.</summary>
    public static IReadOnlyList<Approach> All { get; } = [Approach.Envelope, Approach.IsoFlop, Approach.Parametric];

    /// <summary>The JSON and command-line name of cli-contract.md: <c>envelope</c>, <c>isoflop</c> or <c>parametric</c>.</summary>
    public static string Name(this Approach approach) => approach switch
    {
        Approach.Envelope => "envelope",
        Approach.IsoFlop => "isoflop",
        Approach.Parametric => "parametric",
        _ => throw new ArgumentOutOfRangeException(nameof(approach), approach, "Unknown approach."),
    };

    /// <summary>The table label: <c>1. training-curve envelope</c>, <c>2. IsoFLOP profiles</c>, <c>3. parametric fit</c>.</summary>
    public static string Label(this Approach approach) => approach switch
    {
        Approach.Envelope => "1. training-curve envelope",
        Approach.IsoFlop => "2. IsoFLOP profiles",
        Approach.Parametric => "3. parametric fit",
        _ => throw new ArgumentOutOfRangeException(nameof(approach), approach, "Unknown approach."),
    };

    /// <summary>The figure legend name: <c>Approach 1 (envelope)</c>, <c>Approach 2 (IsoFLOP)</c>, <c>Approach 3 (parametric)</c>.</summary>
    public static string LegendName(this Approach approach) => approach switch
    {
        Approach.Envelope => "Approach 1 (envelope)",
        Approach.IsoFlop => "Approach 2 (IsoFLOP)",
        Approach.Parametric => "Approach 3 (parametric)",
        _ => throw new ArgumentOutOfRangeException(nameof(approach), approach, "Unknown approach."),
    };

    /// <summary>The approach whose <see cref="Name"/> is <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Approach? FromName(string? name) =>
        All.Cast<Approach?>().FirstOrDefault(a => string.Equals(a!.Value.Name(), name, StringComparison.OrdinalIgnoreCase));
}
