namespace ScalingFit.Core;

/// <summary>
/// One training run summarised by its final loss: a model of <see cref="ParameterCount"/> parameters (N)
/// trained on <see cref="TokenCount"/> tokens (D) for <see cref="Flops"/> floating-point operations (C),
/// ending at <see cref="Loss"/> (L). Hoffmann et al. 2022 count C ≈ 6·N·D (see <see cref="FlopRule"/>).
/// </summary>
/// <param name="RunId">Identifier of the run, unique within a <see cref="RunSet"/>.</param>
/// <param name="ParameterCount">N, the number of model parameters (&gt; 0).</param>
/// <param name="TokenCount">D, the number of training tokens (&gt; 0).</param>
/// <param name="Flops">C, the training compute in FLOPs (&gt; 0).</param>
/// <param name="Loss">L, the final (evaluation) loss (&gt; 0).</param>
/// <param name="FlopBudget">The nominal FLOP budget of an IsoFLOP sweep this run belongs to, when the data says so.</param>
public sealed record Run(string RunId, double ParameterCount, double TokenCount, double Flops, double Loss, double? FlopBudget = null)
{
    /// <summary>ln N.</summary>
    public double LnParameterCount => Math.Log(ParameterCount);

    /// <summary>ln D.</summary>
    public double LnTokenCount => Math.Log(TokenCount);

    /// <summary>ln C.</summary>
    public double LnFlops => Math.Log(Flops);

    /// <summary>ln L.</summary>
    public double LnLoss => Math.Log(Loss);

    /// <summary>Tokens per parameter, D / N (about 20 at the Chinchilla optimum).</summary>
    public double TokensPerParameter => TokenCount / ParameterCount;
}
