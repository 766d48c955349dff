using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScalingFit.Fitting;

/// <summary>
/// Vectorised eˣ and ln x for the parametric objective's inner loop, accurate to about one unit in the last place
/// over the ranges it uses (a profile showed the runtime's general-purpose versions taking most of an evaluation).
/// Exp: x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2), e^r by a degree-11 economised polynomial,
/// 2^k put straight into the exponent bits; inputs below −708 are raised to −708 (e^−708 ≈ 3e−308).
/// Log: x = 2^k·m with m in [√½, √2), ln m = 2·atanh(s), s = (m − 1)/(m + 1), by fdlibm's degree-7 polynomial in s²;
/// valid for positive normal x.
/// </summary>
internal static class SimdMath
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.693147180369123816490; // ln 2 rounded to 32 significant bits: k·Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Shifter = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer held in the low bits
    private const long SqrtHalfBits = 0x3fe6a09e667f3bcdL; // bits of √½
    private const long MantissaMask = 0x000fffffffffffffL;
    private const double MinExponent = -708;

    // e^r ≈ Σ_k E_k·r^k on |r| ≤ 0.3466: the degree-17 Taylor polynomial economised to degree 11 through its Chebyshev
    // expansion (relative error 1.6e-17, well below the 1.1e-16 of rounding).
    private const double E11 = 2.511487979608608e-08, E10 = 2.763265216954066e-07, E9 = 2.7557224927351636e-06,
        E8 = 2.4801485448150653e-05, E7 = 0.00019841269909250933, E6 = 0.001388888895234707, E5 = 0.00833333333330951,
        E4 = 0.041666666666487974, E3 = 0.16666666666666702, E2 = 0.5000000000000019;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Max(x, Vector512.Create(MinExponent));
        var y = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(Shifter));
        var k = y - Vector512.Create(Shifter);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(E11), r, Vector512.Create(E10));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E9));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E8));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E7));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        var scale = ((y.AsInt64() - Vector512.Create(Shifter).AsInt64() + Vector512.Create(1023L)) << 52).AsDouble();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Max(x, Vector256.Create(MinExponent));
        var y = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(Shifter));
        var k = y - Vector256.Create(Shifter);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(E11), r, Vector256.Create(E10));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E9));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E8));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E7));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        var scale = ((y.AsInt64() - Vector256.Create(Shifter).AsInt64() + Vector256.Create(1023L)) << 52).AsDouble();
        return p * scale;
    }

    // ln m = 2s + s·z·(Lg1 + z·(Lg2 + … + z·Lg7)), z = s²: fdlibm's e_log.c minimax coefficients (Sun Microsystems 1993),
    // relative error below 2^-58.45 for |s| ≤ 0.1716.
    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
        Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
        Lg7 = 1.479819860511658591e-01;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        // Subtracting the bits of √½ makes the exponent field k such that x = 2^k·m with m in [√½, √2).
        var adjusted = x.AsInt64() - Vector512.Create(SqrtHalfBits);
        var k = Vector512.ShiftRightArithmetic(adjusted, 52);
        var m = ((adjusted & Vector512.Create(MantissaMask)) + Vector512.Create(SqrtHalfBits)).AsDouble();
        var f = m - Vector512.Create(1.0);
        var s = f / (f + Vector512.Create(2.0));
        var z = s * s;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(Lg7), z, Vector512.Create(Lg6));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(Lg5));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(Lg4));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(Lg3));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(Lg2));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(Lg1));
        var lnM = Vector512.FusedMultiplyAdd(s * z, p, s + s);
        var kd = (k + Vector512.Create(Shifter).AsInt64()).AsDouble() - Vector512.Create(Shifter);
        return Vector512.FusedMultiplyAdd(kd, Vector512.Create(Ln2Hi), Vector512.FusedMultiplyAdd(kd, Vector512.Create(Ln2Lo), lnM));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var adjusted = x.AsInt64() - Vector256.Create(SqrtHalfBits);
        // AVX2 has no 64-bit arithmetic shift; the exponent field (bits 52–62, plus the sign bit as borrow) is
        // recovered with a logical shift and a sign fix, k = (adjusted >>> 52) − 4096·[adjusted < 0].
        var k = Vector256.ShiftRightLogical(adjusted, 52) - (Vector256.LessThan(adjusted, Vector256<long>.Zero) & Vector256.Create(4096L));
        var m = ((adjusted & Vector256.Create(MantissaMask)) + Vector256.Create(SqrtHalfBits)).AsDouble();
        var f = m - Vector256.Create(1.0);
        var s = f / (f + Vector256.Create(2.0));
        var z = s * s;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(Lg7), z, Vector256.Create(Lg6));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(Lg5));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(Lg4));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(Lg3));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(Lg2));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(Lg1));
        var lnM = Vector256.FusedMultiplyAdd(s * z, p, s + s);
        var kd = (k + Vector256.Create(Shifter).AsInt64()).AsDouble() - Vector256.Create(Shifter);
        return Vector256.FusedMultiplyAdd(kd, Vector256.Create(Ln2Hi), Vector256.FusedMultiplyAdd(kd, Vector256.Create(Ln2Lo), lnM));
    }
}
