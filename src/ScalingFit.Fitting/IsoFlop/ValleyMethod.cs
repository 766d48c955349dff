namespace ScalingFit.Fitting;

/// <summary>How the minimum of an IsoFLOP profile (loss against ln N at a fixed budget) is found.</summary>
public enum ValleyMethod
{
    /// <summary>A least-squares parabola in ln N; its vertex (Hoffmann et al. 2022, §3.2). Needs 3 distinct sizes.</summary>
    Parabola,

    /// <summary>
    /// An Akima spline through the losses in ln N (losses at a repeated size averaged); its least value on the sampled
    /// range (Porian et al. 2024, "Resolving discrepancies in compute-optimal scaling of language models"). A minimum at
    /// the smallest or largest size sampled is rejected as an edge minimum. Needs 5 distinct sizes (MathNet's Akima
    /// spline). It follows the data without assuming symmetry, so it suits skewed valleys; it also follows the noise.
    /// </summary>
    Akima,
}
