using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>How the training-curve envelope (Hoffmann et al. 2022, §3.1, Figure 2) picks its frontier points.</summary>
public enum EnvelopeMethod
{
    /// <summary>
    /// The paper's: every (smoothed) curve is interpolated linearly in ln tokens at K log-spaced FLOP values spanning
    /// all curves (K = <see cref="EnvelopeFitOptions.FlopPoints"/>, the paper used 1,500); at each FLOP value C the run
    /// with the least interpolated loss gives (N, D = C/(kN)). Curves only compete where they were observed.
    /// </summary>
    Paper,

    /// <summary>
    /// The lower convex hull of (ln C, loss) over every (smoothed) checkpoint, from the least C up to the least loss;
    /// each hull vertex gives (N, D) of its checkpoint. Few points, and only those on the convex part of the frontier.
    /// </summary>
    Hull,

    /// <summary>
    /// The least-loss (smoothed) checkpoint in each of <see cref="EnvelopeFitOptions.Bins"/> log-spaced FLOP bins
    /// spanning every checkpoint; each bin's winner gives (N, D) at its own C. Empty bins give nothing.
    /// </summary>
    Bins,
}

/// <summary>
/// Which frontier points the sweep's edge pins, and so leaves out of the regression. Where the smallest (or largest)
/// model size has the least loss, the true optimum may lie beyond the sweep, so N_opt there is the edge, not a finding.
/// </summary>
public enum EdgeExclusion
{
    /// <summary>Keep every frontier point (the edge's pinned points bias a towards 0).</summary>
    None,

    /// <summary>
    /// Leave out only the points won by the smallest or the largest model size, as the Python reference approach1.py
    /// does. Next to the edge the second size can still win at FLOPs where the truth lies beyond the sweep, which biased
    /// a low on simulated cosine-horizon sweeps (12–20 sizes over two decades, 5 horizons: by 0.02–0.06 noise-free).
    /// </summary>
    Points,

    /// <summary>
    /// Leave out the FLOP ranges the edge sizes reach: every point at or below the largest C won by the smallest size,
    /// and at or above the least C won by the largest size. The default. Because N_opt(C) rises with C, a win of the
    /// smallest size at C₁ says the optimum lies at or below the sweep's edge for every C &lt; C₁, so points there are
    /// pinned too, whichever size happens to win them. On the simulated sweeps above it removed the edge bias
    /// (|error| ≤ 0.011 noise-free). It trusts isolated edge wins: on the Gemstones curves (constant learning rate) a
    /// late win of the smallest size removes 105 more of the 1,500 points than <see cref="Points"/> and moves a from 0.557 to 0.605
    /// (smoothing 3), so compare both when the edge wins are scattered.
    /// </summary>
    Ranges,
}

/// <summary>
/// Options of <see cref="EnvelopeFitter"/> (Hoffmann et al. 2022, Approach 1). Every default is visible here; change
/// them with <c>with { … }</c>.
/// </summary>
/// <param name="Method">How frontier points are picked; <see cref="EnvelopeMethod.Paper"/> by default.</param>
/// <param name="Smooth">Width of the centred moving average applied to each curve's losses in token order before
/// taking minima: point i becomes the mean of points i − w/2 … i + w/2 (integer half-width, so an even width w acts as
/// w + 1), the window shrinking at the curve's ends (as the Python reference approach1.py does). 0 or 1 turns
/// smoothing off. Default 3 (each point averaged with its two neighbours): it damps evaluation noise without
/// reshaping the curve; on simulated sweeps widths 3 and 5 gave the same accuracy, and wider windows distort the fast
/// early fall of a curve and raise its last point towards its predecessors.</param>
/// <param name="FlopPoints">K, the number of log-spaced FLOP values of <see cref="EnvelopeMethod.Paper"/> (&gt;= 2; the paper: 1,500).</param>
/// <param name="Bins">The number of log-spaced FLOP bins of <see cref="EnvelopeMethod.Bins"/> (&gt;= 1; default 20).</param>
/// <param name="EdgeExclusion">Which frontier points next to the sweep's smallest and largest model sizes are left out of
/// the regression; <see cref="EdgeExclusion.Ranges"/> by default, <see cref="EdgeExclusion.Points"/>
/// to reproduce approach1.py.</param>
/// <param name="Bootstrap">The bootstrap over whole curves (resampled with replacement by default;
/// <see cref="BootstrapOptions.Paper"/> for the paper's 100 subsamples of 80%); <see cref="BootstrapOptions.None"/>
/// for none, in which case no interval is reported.</param>
/// <param name="Seed">When set, replaces <see cref="BootstrapOptions.Seed"/> of <see cref="Bootstrap"/>.</param>
/// <param name="Threads">When set, replaces <see cref="BootstrapOptions.Threads"/> (0 = one per core). Results do not depend on it.</param>
/// <param name="InvalidValues">What to do with a checkpoint or curve whose token count, loss or model size is NaN, infinite
/// or not positive: <see cref="InvalidValuePolicy.Reject"/> (throw, naming the run; the default, as for every fitter) or
/// <see cref="InvalidValuePolicy.Skip"/> (leave it out with a diagnostic).</param>
public sealed record EnvelopeFitOptions(
    EnvelopeMethod Method = EnvelopeMethod.Paper,
    int Smooth = 3,
    int FlopPoints = 1500,
    int Bins = 20,
    EdgeExclusion EdgeExclusion = EdgeExclusion.Ranges,
    BootstrapOptions? Bootstrap = null,
    long? Seed = null,
    int? Threads = null,
    InvalidValuePolicy InvalidValues = InvalidValuePolicy.Reject)
{
    /// <summary>The paper's method, smoothing width 3, 1,500 FLOP values, FLOP ranges reached by the edge sizes excluded, 1,000 curve resamples, seed 0.</summary>
    public static EnvelopeFitOptions Default { get; } = new();

    /// <summary>The bootstrap actually run: <see cref="Bootstrap"/> (or <see cref="BootstrapOptions.Default"/>) with
    /// <see cref="Seed"/> and <see cref="Threads"/> applied when set.</summary>
    public BootstrapOptions EffectiveBootstrap => (Bootstrap ?? BootstrapOptions.Default).With(Seed, Threads);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option that is out of range (as every fitter's options do).</summary>
    public void Validate()
    {
        if (Smooth < 0)
            throw new ArgumentOutOfRangeException(nameof(Smooth), Smooth, "The smoothing width must be 0 (off) or positive.");
        if (FlopPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(FlopPoints), FlopPoints, "The envelope needs at least two FLOP values.");
        if (Bins < 1)
            throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "The envelope needs at least one FLOP bin.");
        if (!Enum.IsDefined(EdgeExclusion))
            throw new ArgumentOutOfRangeException(nameof(EdgeExclusion), EdgeExclusion, "Unknown edge rule.");
        if (!Enum.IsDefined(Method))
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "Unknown envelope method.");
        if (!Enum.IsDefined(InvalidValues))
            throw new ArgumentOutOfRangeException(nameof(InvalidValues), InvalidValues, "Use InvalidValuePolicy.Reject or InvalidValuePolicy.Skip.");
        if (Threads is < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be 0 (one per core) or positive.");
    }
}
