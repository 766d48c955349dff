using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ScalingFit.Core;
using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>
/// The objective of Hoffmann et al. 2022, Approach 3 (§3.3, eq. 3), as replicated by Besiroglu et al. 2024:
/// <code>
///   F(a, b, e, α, β) = Σ_i Huber_δ( LSE(a − α·ln N_i, b − β·ln D_i, e) − ln L_i ),   A = eᵃ, B = eᵇ, E = eᵉ
/// </code>
/// where LSE(x, y, z) = ln(eˣ + eʸ + eᶻ), so LSE(…) = ln L̂(N_i, D_i) = ln(E + A/N_i^α + B/D_i^β), and
/// Huber_δ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) otherwise. The variable vector is x = (a, b, e, α, β).
/// </summary>
/// <remarks>
/// The gradient is analytic: with w_k the LSE weights (softmax of the three terms) and h_i = clip(r_i, −δ, δ),
/// ∂F/∂a = Σ h·w₁, ∂F/∂b = Σ h·w₂, ∂F/∂e = Σ h·w₃, ∂F/∂α = −Σ h·w₁·ln N, ∂F/∂β = −Σ h·w₂·ln D.
/// ln N, ln D and ln L are held as three contiguous arrays (struct of arrays); one SIMD pass computes F and ∇F without
/// allocating (512- or 256-bit vectors where the hardware has them, scalar otherwise). When an exponent could overflow,
/// a scalar pass with the max-shifted (stable) log-sum-exp takes over.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ParametricObjective : IDifferentiableFunction
{
    /// <summary>The Huber threshold of Hoffmann et al. 2022: δ = 10⁻³.</summary>
    public const double PaperDelta = 1e-3;

    /// <summary>Exponents up to this size cannot overflow e^t (e^709.78 is the largest double).</summary>
    private const double SafeExponent = 700;

    /// <summary>Below this ln E the fast pass could lose a term that matters; the stable pass takes over.</summary>
    private const double MinFastLnE = -600;

    private readonly double[] _lnN, _lnD, _lnL;
    private readonly double _lnNMin, _lnNMax, _lnDMin, _lnDMax;

    /// <summary>An objective over the points (ln N_i, ln D_i, ln L_i).</summary>
    /// <param name="lnParameterCount">ln N_i.</param>
    /// <param name="lnTokenCount">ln D_i.</param>
    /// <param name="lnLoss">ln L_i.</param>
    /// <param name="delta">δ of the Huber loss (&gt; 0; the paper's 10⁻³ by default).</param>
    /// <param name="overestimatePenalty">w, the weight of the Huber loss of residuals where the law predicts above the
    /// observed loss (r = ln L̂ − ln L &gt; 0); 1 (default) is the symmetric Huber loss of the paper.</param>
    /// <exception cref="ArgumentException">The lengths differ or a value is not finite.</exception>
    public ParametricObjective(ReadOnlySpan<double> lnParameterCount, ReadOnlySpan<double> lnTokenCount, ReadOnlySpan<double> lnLoss, double delta = PaperDelta,
        double overestimatePenalty = 1.0)
    {
        if (!(overestimatePenalty > 0) || double.IsInfinity(overestimatePenalty))
            throw new ArgumentOutOfRangeException(nameof(overestimatePenalty), overestimatePenalty, "The overestimate penalty w must be finite and positive (1 = the paper's symmetric Huber loss).");
        OverestimatePenalty = overestimatePenalty;
        if (lnTokenCount.Length != lnParameterCount.Length || lnLoss.Length != lnParameterCount.Length)
            throw new ArgumentException($"ln N has {lnParameterCount.Length} values, ln D {lnTokenCount.Length} and ln L {lnLoss.Length}; they must match.", nameof(lnLoss));
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The Huber δ must be finite and positive (the paper uses 1e-3).");
        _lnN = lnParameterCount.ToArray();
        _lnD = lnTokenCount.ToArray();
        _lnL = lnLoss.ToArray();
        for (int i = 0; i < _lnN.Length; i++)
            if (!double.IsFinite(_lnN[i]) || !double.IsFinite(_lnD[i]) || !double.IsFinite(_lnL[i]))
                throw new ArgumentException($"Point {i} has ln N = {_lnN[i]}, ln D = {_lnD[i]}, ln L = {_lnL[i]}; all must be finite.", nameof(lnLoss));
        Delta = delta;
        (_lnNMin, _lnNMax) = Range(_lnN);
        (_lnDMin, _lnDMax) = Range(_lnD);
    }

    /// <summary>The objective over <paramref name="runs"/> (their N, D and L must be finite and positive).</summary>
    public static ParametricObjective FromRuns(IReadOnlyList<Run> runs, double delta = PaperDelta, double overestimatePenalty = 1.0)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var lnN = new double[runs.Count];
        var lnD = new double[runs.Count];
        var lnL = new double[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            lnN[i] = runs[i].LnParameterCount;
            lnD[i] = runs[i].LnTokenCount;
            lnL[i] = runs[i].LnLoss;
        }
        return new ParametricObjective(lnN, lnD, lnL, delta, overestimatePenalty);
    }

    /// <summary>The objective over the points at <paramref name="indices"/> (repeats allowed), e.g. a bootstrap resample.</summary>
    public ParametricObjective Subset(ReadOnlySpan<int> indices)
    {
        var lnN = new double[indices.Length];
        var lnD = new double[indices.Length];
        var lnL = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            lnN[k] = _lnN[i];
            lnD[k] = _lnD[i];
            lnL[k] = _lnL[i];
        }
        return new ParametricObjective(lnN, lnD, lnL, Delta, OverestimatePenalty);
    }

    /// <summary>
    /// w of the asymmetric Huber loss: residuals r = ln L̂ − ln L &gt; 0 (the law predicts above the observed loss) count
    /// w·Huber_δ(r), the others Huber_δ(r). With w &gt; 1 the fit follows the lower edge of the data, the best loss
    /// reachable, when some runs are under-tuned (their losses too high). w = 1 is the paper's objective and runs
    /// the SIMD pass unchanged; any other w runs a scalar pass.
    /// </summary>
    public double OverestimatePenalty { get; }

    /// <summary>The number of points.</summary>
    public int Count => _lnN.Length;

    /// <summary>δ of the Huber loss.</summary>
    public double Delta { get; }

    /// <summary>5: the variables are (a, b, e, α, β) = (ln A, ln B, ln E, α, β).</summary>
    public int Dimension => 5;

    /// <summary>Huber_δ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) otherwise (Huber 1964).</summary>
    public static double Huber(double r, double delta)
    {
        double ar = Math.Abs(r);
        return ar <= delta ? 0.5 * r * r : delta * (ar - 0.5 * delta);
    }

    /// <summary>F(x) alone.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        Span<double> gradient = stackalloc double[5];
        return Evaluate(x, gradient);
    }

    /// <summary>F(x), writing ∇F(x) into <paramref name="gradient"/>; x = (a, b, e, α, β).</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (x.Length != 5 || gradient.Length < 5)
            throw new ArgumentException("The parametric objective takes x = (a, b, e, α, β) and a gradient of length 5.", nameof(x));
        double a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4];
        double t1Max = Math.Max(a - alpha * _lnNMin, a - alpha * _lnNMax);
        double t2Max = Math.Max(b - beta * _lnDMin, b - beta * _lnDMax);
        bool safe = t1Max <= SafeExponent && t2Max <= SafeExponent && e <= SafeExponent && e >= MinFastLnE;
        if (!safe || !double.IsFinite(a + b + alpha + beta) || OverestimatePenalty != 1.0)
            return EvaluateStable(a, b, e, alpha, beta, gradient);
        return EvaluateFast(a, b, e, alpha, beta, gradient);
    }

    /// <summary>
    /// The direct form ln(E + e^t₁ + e^t₂): two exponentials and one logarithm per point, safe when no t exceeds 700 and
    /// −600 ≤ e ≤ 700: then E ≤ sum &lt; ∞, and a term below e^−708 (where <see cref="SimdMath.Exp(Vector512{double})"/>
    /// stops) is smaller than E by a factor e^−108, far below rounding.
    /// </summary>
    private double EvaluateFast(double a, double b, double e, double alpha, double beta, Span<double> gradient)
    {
        int n = _lnN.Length, i = 0;
        double delta = Delta, bigE = Math.Exp(e);
        double f = 0, ga = 0, gb = 0, gh = 0, gAlpha = 0, gBeta = 0;
        ref double lnN = ref MemoryMarshal.GetArrayDataReference(_lnN);
        ref double lnD = ref MemoryMarshal.GetArrayDataReference(_lnD);
        ref double lnL = ref MemoryMarshal.GetArrayDataReference(_lnL);

        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            var vNegAlpha = Vector512.Create(-alpha);
            var vNegBeta = Vector512.Create(-beta);
            var vE = Vector512.Create(bigE);
            var vDelta = Vector512.Create(delta);
            var vNegHalf = Vector512.Create(-0.5);
            Vector512<double> sf = default, sa = default, sb = default, sh = default, sAlpha = default, sBeta = default;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var xn = Vector512.LoadUnsafe(ref lnN, (nuint)i);
                var xd = Vector512.LoadUnsafe(ref lnD, (nuint)i);
                var xl = Vector512.LoadUnsafe(ref lnL, (nuint)i);
                var w1 = SimdMath.Exp(Vector512.FusedMultiplyAdd(vNegAlpha, xn, va));
                var w2 = SimdMath.Exp(Vector512.FusedMultiplyAdd(vNegBeta, xd, vb));
                var s = w1 + w2 + vE;
                var r = SimdMath.Log(s) - xl;
                // Huber: with c = min(|r|, δ), Huber_δ(r) = c·(|r| − c/2) and Huber'(r) = clip(r, −δ, δ) = copysign(c, r).
                var ar = Vector512.Abs(r);
                var c = Vector512.Min(ar, vDelta);
                sf = Vector512.FusedMultiplyAdd(c, Vector512.FusedMultiplyAdd(vNegHalf, c, ar), sf);
                var h = Vector512.CopySign(c, r) / s;
                var hw1 = h * w1;
                var hw2 = h * w2;
                sa += hw1;
                sb += hw2;
                sh += h;
                sAlpha = Vector512.FusedMultiplyAdd(hw1, xn, sAlpha);
                sBeta = Vector512.FusedMultiplyAdd(hw2, xd, sBeta);
            }
            f = Vector512.Sum(sf);
            ga = Vector512.Sum(sa);
            gb = Vector512.Sum(sb);
            gh = Vector512.Sum(sh);
            gAlpha = Vector512.Sum(sAlpha);
            gBeta = Vector512.Sum(sBeta);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            var vNegAlpha = Vector256.Create(-alpha);
            var vNegBeta = Vector256.Create(-beta);
            var vE = Vector256.Create(bigE);
            var vDelta = Vector256.Create(delta);
            var vNegHalf = Vector256.Create(-0.5);
            Vector256<double> sf = default, sa = default, sb = default, sh = default, sAlpha = default, sBeta = default;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var xn = Vector256.LoadUnsafe(ref lnN, (nuint)i);
                var xd = Vector256.LoadUnsafe(ref lnD, (nuint)i);
                var xl = Vector256.LoadUnsafe(ref lnL, (nuint)i);
                var w1 = SimdMath.Exp(Vector256.FusedMultiplyAdd(vNegAlpha, xn, va));
                var w2 = SimdMath.Exp(Vector256.FusedMultiplyAdd(vNegBeta, xd, vb));
                var s = w1 + w2 + vE;
                var r = SimdMath.Log(s) - xl;
                // Huber: with c = min(|r|, δ), Huber_δ(r) = c·(|r| − c/2) and Huber'(r) = clip(r, −δ, δ) = copysign(c, r).
                var ar = Vector256.Abs(r);
                var c = Vector256.Min(ar, vDelta);
                sf = Vector256.FusedMultiplyAdd(c, Vector256.FusedMultiplyAdd(vNegHalf, c, ar), sf);
                var h = Vector256.CopySign(c, r) / s;
                var hw1 = h * w1;
                var hw2 = h * w2;
                sa += hw1;
                sb += hw2;
                sh += h;
                sAlpha = Vector256.FusedMultiplyAdd(hw1, xn, sAlpha);
                sBeta = Vector256.FusedMultiplyAdd(hw2, xd, sBeta);
            }
            f = Vector256.Sum(sf);
            ga = Vector256.Sum(sa);
            gb = Vector256.Sum(sb);
            gh = Vector256.Sum(sh);
            gAlpha = Vector256.Sum(sAlpha);
            gBeta = Vector256.Sum(sBeta);
        }

        for (; i < n; i++)
        {
            double xn = Unsafe.Add(ref lnN, i), xd = Unsafe.Add(ref lnD, i);
            double w1 = Math.Exp(a - alpha * xn), w2 = Math.Exp(b - beta * xd);
            double s = w1 + w2 + bigE;
            double r = Math.Log(s) - Unsafe.Add(ref lnL, i);
            f += Huber(r, delta);
            double h = Math.Clamp(r, -delta, delta) / s;
            ga += h * w1;
            gb += h * w2;
            gh += h;
            gAlpha += h * w1 * xn;
            gBeta += h * w2 * xd;
        }

        gradient[0] = ga;
        gradient[1] = gb;
        gradient[2] = gh * bigE;
        gradient[3] = -gAlpha;
        gradient[4] = -gBeta;
        return f;
    }

    /// <summary>The max-shifted log-sum-exp m + ln(e^(t₁−m) + e^(t₂−m) + e^(e−m)), m = max(t₁, t₂, e): never overflows.</summary>
    private double EvaluateStable(double a, double b, double e, double alpha, double beta, Span<double> gradient)
    {
        double delta = Delta, penalty = OverestimatePenalty;
        double f = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
        for (int i = 0; i < _lnN.Length; i++)
        {
            double xn = _lnN[i], xd = _lnD[i];
            double t1 = a - alpha * xn, t2 = b - beta * xd;
            double m = Math.Max(Math.Max(t1, t2), e);
            double w1 = Math.Exp(t1 - m), w2 = Math.Exp(t2 - m), w3 = Math.Exp(e - m);
            double s = w1 + w2 + w3;
            double r = m + Math.Log(s) - _lnL[i];
            double weight = r > 0 ? penalty : 1.0;
            f += weight * Huber(r, delta);
            double h = weight * Math.Clamp(r, -delta, delta) / s;
            ga += h * w1;
            gb += h * w2;
            ge += h * w3;
            gAlpha += h * w1 * xn;
            gBeta += h * w2 * xd;
        }
        gradient[0] = ga;
        gradient[1] = gb;
        gradient[2] = ge;
        gradient[3] = -gAlpha;
        gradient[4] = -gBeta;
        return f;
    }

    private static (double Min, double Max) Range(double[] values)
    {
        if (values.Length == 0)
            return (0, 0);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
