namespace ScalingFit.Core;

/// <summary>
/// How training compute is counted from parameters and tokens: C = k·N·D with k = 6 by default
/// (forward and backward pass, Kaplan et al. 2020; Hoffmann et al. 2022, Appendix F).
/// </summary>
/// <param name="Factor">k in C = k·N·D.</param>
public sealed record FlopRule(double Factor = 6.0)
{
    /// <summary>The rule C = 6·N·D.</summary>
    public static FlopRule Default { get; } = new();

    /// <summary>C = k·N·D.</summary>
    public double Flops(double parameterCount, double tokenCount) => Factor * parameterCount * tokenCount;

    /// <summary>D = C / (k·N).</summary>
    public double TokenCount(double flops, double parameterCount) => flops / (Factor * parameterCount);

    /// <summary>N = C / (k·D).</summary>
    public double ParameterCount(double flops, double tokenCount) => flops / (Factor * tokenCount);
}
