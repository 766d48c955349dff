using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>How the runs were grouped into FLOP budgets (Hoffmann et al. 2022, §3.2: one IsoFLOP profile per budget).</summary>
public enum IsoFlopGrouping
{
    /// <summary>By the budget each run carries (<see cref="Core.Run.FlopBudget"/>), runs with equal labels together.</summary>
    Labels,

    /// <summary>
    /// By the budgets given in <see cref="IsoFlopFitOptions.Budgets"/>: for each budget B, the points within
    /// ±<see cref="IsoFlopFitOptions.RecentreWindow"/> decades of B, re-centred on the median of their log10 C, then the
    /// points within ±<see cref="IsoFlopFitOptions.BudgetTolerance"/> decades of that centre. Re-centring matters for
    /// figures read off a plot: Epoch AI's extraction of Figure 4 sits 0.01–0.04 decades below the nominal budgets.
    /// </summary>
    Budgets,

    /// <summary>
    /// Found from the data: sort log10 C, cut wherever consecutive values differ by more than
    /// <see cref="IsoFlopFitOptions.GapDecades"/>, then split any group wider than
    /// <see cref="IsoFlopFitOptions.MaxWidthDecades"/> at its largest internal gap, repeatedly, until none is. The split
    /// keeps points that fill the space between budgets (e.g. the final losses of envelope runs on the Figure-4 data)
    /// from chaining neighbouring budgets into one group, which a plain 0.05-decade gap rule does for 3e19–1e20.
    /// </summary>
    Automatic,
}

/// <summary>
/// Options of <see cref="IsoFlopFitter"/> (Hoffmann et al. 2022, Approach 2). Every default is visible here; change
/// them with <c>with { … }</c>.
/// <para>
/// Grouping: <see cref="Budgets"/> when given (they win over the runs' labels, with a <c>budgets-override-labels</c>
/// note); otherwise the runs' own budget labels when any run has one (labels within <see cref="BudgetTolerance"/> decades
/// of each other are one budget, <see cref="Core.BudgetLabels"/>); otherwise automatic (see <see cref="IsoFlopGrouping"/>).
/// The chosen source is reported.
/// </para>
/// </summary>
/// <param name="DropHighest">Drop the K runs with the highest loss first (ties at the cut together); Epoch AI dropped 5
/// from the Figure-4 data (Besiroglu et al. 2024). Default 0.</param>
/// <param name="Budgets">The nominal FLOP budgets to group by (e.g. the paper's nine,
/// <see cref="Core.SweepSimulator.PaperBudgets"/>), also when the runs carry budget labels; null for the labels
/// or automatic grouping.</param>
/// <param name="BudgetTolerance">Half-width, in decades of C, of a budget around its re-centred centre (default 0.03).</param>
/// <param name="RecentreWindow">Half-width, in decades, of the points used to re-centre a nominal budget (default 0.1).</param>
/// <param name="MinPoints">A budget with fewer points is left out (default 3, the fewest a parabola needs).</param>
/// <param name="WarnBelowPoints">A kept budget with fewer points gets a warning (default 5).</param>
/// <param name="GapDecades">Automatic grouping: a gap in log10 C wider than this starts a new budget (default 0.02).</param>
/// <param name="MaxWidthDecades">Automatic grouping: a group wider than this, in decades of C, is split at its largest
/// gap (default 0.2; budgets are rarely closer than 0.2 decades, a factor of 1.6).</param>
/// <param name="UseNominalFlops">Use a budget's nominal C (label or given budget) in the regression instead of its
/// points' geometric-mean C. Default false: the mean is where the points actually sit.</param>
/// <param name="Bootstrap">The bootstrap, resampling points within each budget (<see cref="BootstrapOptions.Paper"/> for
/// the paper's 100 subsamples of 80% and 10th–90th percentiles; <see cref="BootstrapOptions.None"/> for none).</param>
/// <param name="Seed">When set, replaces <see cref="BootstrapOptions.Seed"/> of <see cref="Bootstrap"/>.</param>
/// <param name="Threads">When set, replaces <see cref="BootstrapOptions.Threads"/> (0 = one per core). Results do not depend on it.</param>
/// <param name="InvalidValues">What to do with a run whose N, D, C or loss is NaN, infinite or not positive:
/// <see cref="InvalidValuePolicy.Reject"/> (throw, naming the run; the default, as for every fitter) or
/// <see cref="InvalidValuePolicy.Skip"/> (leave it out with a diagnostic).</param>
public sealed record IsoFlopFitOptions(
    int DropHighest = 0,
    IReadOnlyList<double>? Budgets = null,
    double BudgetTolerance = 0.03,
    double RecentreWindow = 0.1,
    int MinPoints = 3,
    int WarnBelowPoints = 5,
    double GapDecades = 0.02,
    double MaxWidthDecades = 0.2,
    bool UseNominalFlops = false,
    BootstrapOptions? Bootstrap = null,
    long? Seed = null,
    int? Threads = null,
    InvalidValuePolicy InvalidValues = InvalidValuePolicy.Reject)
{
    /// <summary>No rows dropped, labels or automatic grouping, ±0.03 decades, 1,000 resamples within budgets, seed 0.</summary>
    public static IsoFlopFitOptions Default { get; } = new();

    /// <summary>
    /// How each budget's minimum is found: the paper's parabola in ln N (default) or an Akima spline in ln N (Porian et al.
    /// 2024; needs 5 distinct sizes, minima at the smallest or largest size rejected). The parabola is fitted either way
    /// and kept in <see cref="IsoFlopBudget.Parabola"/> for figures.
    /// </summary>
    public ValleyMethod Valley { get; init; } = ValleyMethod.Parabola;

    /// <summary>
    /// The noise bootstrap of Porian et al. 2024 instead of resampling runs: each resample adds Gaussian noise of this σ
    /// (in loss units) to every run's loss and recomputes the minima. Null (default): resample runs within budgets.
    /// </summary>
    public double? NoiseSigma { get; init; }

    /// <summary>The noise bootstrap with σ estimated as the kept budgets' pooled parabola residual scatter (when <see cref="NoiseSigma"/> is null).</summary>
    public bool EstimateNoise { get; init; }

    /// <summary>True when the bootstrap adds noise to the losses instead of resampling runs.</summary>
    public bool UsesNoiseBootstrap => NoiseSigma is not null || EstimateNoise;

    /// <summary>The bootstrap actually run: <see cref="Bootstrap"/> (or <see cref="BootstrapOptions.Default"/>) with
    /// <see cref="Seed"/> and <see cref="Threads"/> applied when set.</summary>
    public BootstrapOptions EffectiveBootstrap => (Bootstrap ?? BootstrapOptions.Default).With(Seed, Threads);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option that is out of range (as every fitter's options do).</summary>
    public void Validate()
    {
        if (NoiseSigma is { } sigma && (!(sigma > 0) || double.IsInfinity(sigma)))
            throw new ArgumentOutOfRangeException(nameof(NoiseSigma), sigma, "The noise σ of the noise bootstrap must be finite and positive (a loss difference, e.g. 0.01).");
        if (!Enum.IsDefined(Valley))
            throw new ArgumentOutOfRangeException(nameof(Valley), Valley, "Use ValleyMethod.Parabola or ValleyMethod.Akima.");
        if (DropHighest < 0)
            throw new ArgumentOutOfRangeException(nameof(DropHighest), DropHighest, "DropHighest must be 0 or positive.");
        if (!(BudgetTolerance > 0) || double.IsInfinity(BudgetTolerance))
            throw new ArgumentOutOfRangeException(nameof(BudgetTolerance), BudgetTolerance, "The budget tolerance is a positive number of decades.");
        if (!(RecentreWindow > 0) || double.IsInfinity(RecentreWindow))
            throw new ArgumentOutOfRangeException(nameof(RecentreWindow), RecentreWindow, "The re-centring window is a positive number of decades.");
        if (MinPoints < 3)
            throw new ArgumentOutOfRangeException(nameof(MinPoints), MinPoints, "A parabola needs at least 3 points.");
        if (!(GapDecades > 0) || double.IsInfinity(GapDecades))
            throw new ArgumentOutOfRangeException(nameof(GapDecades), GapDecades, "The gap is a positive number of decades.");
        if (!(MaxWidthDecades > 0) || double.IsInfinity(MaxWidthDecades))
            throw new ArgumentOutOfRangeException(nameof(MaxWidthDecades), MaxWidthDecades, "The maximum width is a positive number of decades.");
        if (!Enum.IsDefined(InvalidValues))
            throw new ArgumentOutOfRangeException(nameof(InvalidValues), InvalidValues, "Use InvalidValuePolicy.Reject or InvalidValuePolicy.Skip.");
        if (Threads is < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be 0 (one per core) or positive.");
        if (Budgets is not null)
            for (int i = 0; i < Budgets.Count; i++)
                if (!(Budgets[i] > 0) || double.IsInfinity(Budgets[i]))
                    throw new ArgumentOutOfRangeException(nameof(Budgets), Budgets[i], $"Budgets[{i}] must be a finite, positive FLOP count.");
    }
}
