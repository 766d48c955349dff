namespace ScalingFit.Fitting;

/// <summary>The loss noise σ a parametric fit implies, for simulating the next sweep at the scatter of the last one.</summary>
public static class NoiseEstimate
{
    /// <summary>
    /// σ of ln L from the Huber objective F = Σ Huber_δ(r_i) of a parametric fit (Hoffmann et al. 2022, §3.3) over n runs
    /// with p fitted coefficients. For |r| &gt; δ, Huber_δ(r) = δ(|r| − δ/2), so mean |r| ≈ F/(δn) + δ/2; for normal
    /// residuals E|r| = σ·√(2/π); and the fitted coefficients shrink residuals by √((n − p)/n). Hence
    /// σ ≈ √(π/2)·(F/(δn) + δ/2)·√(n/(n − p)). Since Huber_δ(r) ≥ δ(|r| − δ/2) everywhere, this overstates σ
    /// when σ is not well above δ (with the paper's δ = 10⁻³, fine for σ ≳ 0.005). NaN when n ≤ p or F is not finite.
    /// </summary>
    /// <param name="objective">F at the optimum.</param>
    /// <param name="points">n, the runs fitted.</param>
    /// <param name="delta">δ of the Huber loss (the paper's 10⁻³ by default).</param>
    /// <param name="coefficients">p (5: E, A, B, α, β).</param>
    public static double FromHuberObjective(double objective, int points, double delta = ParametricObjective.PaperDelta, int coefficients = 5)
    {
        if (!double.IsFinite(objective) || objective < 0 || points <= coefficients || !(delta > 0))
            return double.NaN;
        double meanAbs = objective / (delta * points) + delta / 2;
        return Math.Sqrt(Math.PI / 2) * meanAbs * Math.Sqrt((double)points / (points - coefficients));
    }
}
