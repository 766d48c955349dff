using MathNet.Numerics.LinearAlgebra;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// Model-based resampling of one IsoFLOP profile with modified residuals (Davison &amp; Hinkley 1997, <i>Bootstrap
/// Methods and their Application</i>, §6.2.3, Algorithm 6.1 and eq. 6.9): the least-squares parabola
/// L̂(x) = c0 + c1·x + c2·x² (x = ln N) is fitted, each residual rᵢ = Lᵢ − L̂(xᵢ) is divided by √(1 − hᵢᵢ), hᵢᵢ the
/// leverage (the diagonal of the hat matrix X(XᵀX)⁻¹Xᵀ of the design [1, x, x²]), and centred:
/// eᵢ = rᵢ/√(1 − hᵢᵢ) − mean_j(r_j/√(1 − h_jj)). A resample keeps the sizes as designed and draws
/// L*ᵢ = L̂(xᵢ) + e_J, J uniform on 1 … n.
/// <para>
/// Why the leverage: a least-squares fit leaves residuals smaller than the errors, E[rᵢ²] = σ²(1 − hᵢᵢ), and
/// Σhᵢᵢ = p = 3, so resampling raw residuals of a nine-run profile would reproduce only about (n − p)/n = 2/3 of the
/// vertex's variance. The modified residuals have variance σ² whatever the leverage, so the resampled vertex has the
/// variance of the fitted one to first order (measured: 1.03× the Monte-Carlo variance, benchmark <c>vertex-variance</c>).
/// Resampling the runs themselves does not lose that share (1.07×), but it draws designs the experimenter never ran (a
/// few distinct sizes), whose unstable parabolas widen the band the fewer runs a budget has; here the design stays the
/// fixed one of the IsoFLOP sweep.
/// </para>
/// </summary>
public sealed class ValleyResiduals
{
    private readonly double[] _fitted;
    private readonly double[] _residuals;

    private ValleyResiduals(double[] lnParameterCount, double[] fitted, double[] residuals, double[] raw, bool[] hasResidual)
    {
        LnParameterCount = lnParameterCount;
        _fitted = fitted;
        _residuals = residuals;
        RawModified = raw;
        HasResidual = hasResidual;
    }

    /// <summary>rᵢ/√(1 − hᵢᵢ) before centring (0 where the leverage is 1), for <see cref="ValleyResidualPool"/>.</summary>
    internal double[] RawModified { get; }

    /// <summary>Whether run i has a residual (leverage below 1).</summary>
    internal bool[] HasResidual { get; }

    /// <summary>x = ln N of each run, as given.</summary>
    public IReadOnlyList<double> LnParameterCount { get; }

    /// <summary>L̂(xᵢ), the parabola at each run's size.</summary>
    public IReadOnlyList<double> Fitted => _fitted;

    /// <summary>The centred modified residuals eᵢ = rᵢ/√(1 − hᵢᵢ) − mean (all 0 when the parabola has no residual degrees of freedom).</summary>
    public IReadOnlyList<double> ModifiedResiduals => _residuals;

    /// <summary>
    /// Fits the profile's parabola and its modified residuals; null when no parabola can be fitted (fewer than three
    /// distinct sizes). With exactly three distinct sizes (no residual degrees of freedom) every eᵢ is 0.
    /// </summary>
    /// <param name="lnParameterCount">x = ln N of each run.</param>
    /// <param name="loss">The final loss of each run.</param>
    public static ValleyResiduals? Fit(ReadOnlySpan<double> lnParameterCount, ReadOnlySpan<double> loss)
    {
        if (lnParameterCount.Length != loss.Length)
            throw new ArgumentException($"{lnParameterCount.Length} sizes but {loss.Length} losses.", nameof(loss));
        var fit = IsoFlopMath.Fit(lnParameterCount, loss);
        if (fit.Parabola is null)
            return null;
        int n = lnParameterCount.Length;
        var x = lnParameterCount.ToArray();
        double mean = x.Average(), scale = (x.Max() - x.Min()) / 2;
        var design = Matrix<double>.Build.Dense(n, 3, (i, j) => Math.Pow((x[i] - mean) / scale, j));
        var inverse = (design.TransposeThisAndMultiply(design)).Inverse();
        var fitted = new double[n];
        var modified = new double[n];
        var has = new bool[n];
        bool any = false;
        for (int i = 0; i < n; i++)
        {
            fitted[i] = fit.Parabola.Loss(Math.Exp(x[i]));
            var row = design.Row(i);
            double leverage = row * inverse * row;
            double room = 1 - leverage;
            // A run with leverage 1 is fitted exactly whatever its error: its residual says nothing about σ.
            if (room > 1e-9)
            {
                modified[i] = (loss[i] - fitted[i]) / Math.Sqrt(room);
                has[i] = true;
                any = true;
            }
        }
        var raw = (double[])modified.Clone();
        if (any)
        {
            double centre = modified.Average();
            for (int i = 0; i < n; i++)
                modified[i] -= centre;
        }
        return new ValleyResiduals(x, fitted, modified, raw, has);
    }

    /// <summary>One resample of the losses: L̂(xᵢ) + e_J with J drawn uniformly from <paramref name="random"/> for each run.</summary>
    /// <param name="random">The resample's own stream (e.g. <see cref="SeededRandom.ForStream"/>).</param>
    public double[] Resample(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var y = new double[_fitted.Length];
        for (int i = 0; i < y.Length; i++)
            y[i] = _fitted[i] + _residuals[random.NextInt(_residuals.Length)];
        return y;
    }
}

/// <summary>
/// The modified residuals of several IsoFLOP profiles pooled on a relative scale, for the frontier's band: each run's
/// residual becomes eᵢ = rᵢ / (L̂ᵢ·√(1 − hᵢᵢ)) (see <see cref="ValleyResiduals"/>), the pool over every run of every budget
/// is centred, and a resample of a profile draws L*ᵢ = L̂ᵢ·(1 + e_J), J uniform over the pool.
/// <para>
/// Why pool: a budget of nine runs and a three-coefficient parabola leaves 6 residual degrees of freedom, five runs
/// leave 2; resampling each budget's own few residuals gives the right variance on average but a band whose width varies
/// from sweep to sweep with the chance scatter of a handful of residuals. The budgets of one sweep share the noise of a
/// training run, so their residuals are draws of one error distribution: pooled, Σ(nₖ − 3) degrees of freedom (48 for the
/// paper's eight budgets of nine) fix its scale.
/// Why relative: run-to-run noise in loss scales with the loss (the simulator's L·exp(σz); seeds of a real run), and the
/// budgets' losses differ by a third from the smallest to the largest, so absolute residuals of the small budgets would
/// overstate the noise at the large ones, which decide an extrapolation. This is model-based resampling with a
/// variance-stabilised error (Davison &amp; Hinkley 1997, §6.2.3–6.2.4: modified residuals; errors made homoscedastic
/// before resampling).
/// </para>
/// </summary>
public sealed class ValleyResidualPool
{
    private readonly double[] _relative;

    private ValleyResidualPool(double[] relative) => _relative = relative;

    /// <summary>The centred relative modified residuals of every run with leverage below 1 (empty when none has a residual).</summary>
    public IReadOnlyList<double> RelativeResiduals => _relative;

    /// <summary>Pools the profiles' residuals (null profiles, which had no parabola, are skipped).</summary>
    /// <param name="profiles">The budgets' fitted profiles.</param>
    public static ValleyResidualPool Create(IEnumerable<ValleyResiduals?> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var pool = new List<double>();
        foreach (var p in profiles)
            if (p is not null)
                pool.AddRange(p.RawModified.Select((e, i) => (e, i)).Where(t => p.HasResidual[t.i]).Select(t => t.e / p.Fitted[t.i]));
        if (pool.Count > 0)
        {
            double centre = pool.Average();
            for (int i = 0; i < pool.Count; i++)
                pool[i] -= centre;
        }
        return new ValleyResidualPool(pool.ToArray());
    }

    /// <summary>One resample of <paramref name="profile"/>'s losses: L̂ᵢ·(1 + e_J), J drawn from <paramref name="random"/>; the fitted values when the pool is empty.</summary>
    /// <param name="profile">A profile of the pool.</param>
    /// <param name="random">The resample's own stream.</param>
    public double[] Resample(ValleyResiduals profile, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(random);
        var y = new double[profile.Fitted.Count];
        for (int i = 0; i < y.Length; i++)
            y[i] = profile.Fitted[i] * (1 + (_relative.Length == 0 ? 0 : _relative[random.NextInt(_relative.Length)]));
        return y;
    }
}
