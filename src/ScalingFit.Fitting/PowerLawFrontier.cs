using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// The frontier of the approaches that end in the shared regression (Approaches 1 and 2): N_opt = k_N·C^a and
/// D_opt = k_D·C^b, and its pointwise bootstrap bands from each resample's (ln k_N, a, ln k_D, b).
/// </summary>
internal static class PowerLawFrontier
{
    /// <summary>The names of the estimates the envelope and IsoFLOP bootstraps keep, in order: a, b, ln k_N, ln k_D.</summary>
    public static readonly string[] EstimateNames = ["a", "b", "lnkN", "lnkD"];

    /// <summary>The frontier point at <paramref name="flops"/>; NaN without an interval when nothing was fitted.</summary>
    public static FrontierPoint At(double flops, PowerLawFit? parameterFit, PowerLawFit? tokenFit, BootstrapResult? bootstrap)
    {
        if (parameterFit is null || tokenFit is null)
        {
            var none = Estimate.Point(double.NaN, "nothing was fitted (see Diagnostics)");
            return new FrontierPoint(flops, none, none);
        }
        double n = parameterFit.Predict(flops), d = tokenFit.Predict(flops);
        if (bootstrap is null || bootstrap.Succeeded == 0)
        {
            string reason = bootstrap is null ? Estimate.BootstrapOff : Estimate.EveryResampleFailed;
            return new FrontierPoint(flops, Estimate.Point(n, reason), Estimate.Point(d, reason));
        }
        double lnC = Math.Log(flops);
        var a = bootstrap.Samples("a");
        var b = bootstrap.Samples("b");
        var lnkN = bootstrap.Samples("lnkN");
        var lnkD = bootstrap.Samples("lnkD");
        var ns = new double[a.Length];
        var ds = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            ns[i] = Math.Exp(lnkN[i] + a[i] * lnC);
            ds[i] = Math.Exp(lnkD[i] + b[i] * lnC);
        }
        return new FrontierPoint(flops, Estimate.FromSamples(n, ns, bootstrap.Level), Estimate.FromSamples(d, ds, bootstrap.Level));
    }

    /// <summary>The bootstrap's estimates for one resample: a, b, ln k_N, ln k_D, in the order of <see cref="EstimateNames"/>.</summary>
    public static double[] EstimatesOf(PowerLawFit parameterFit, PowerLawFit tokenFit) =>
        [parameterFit.Exponent, tokenFit.Exponent, parameterFit.LnCoefficient, tokenFit.LnCoefficient];
}
