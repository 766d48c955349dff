using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Cli.Commands;

/// <summary>The options of every approach, declared once and shared by <c>fit</c>, <c>reproduce</c> and <c>report</c>.</summary>
internal sealed class FitOptionSet
{
    public StatisticsOptions Statistics { get; } = new();

    // Parametric (Approach 3)
    public Option<double> Delta { get; } = new("--delta") { Description = "Huber δ of the parametric objective", DefaultValueFactory = _ => 1e-3 };
    public Option<string> Grid { get; } = new("--grid") { Description = "Parametric starts: paper (4,500) or coarse", DefaultValueFactory = _ => "paper" };
    public Option<string> BootstrapGrid { get; } = new("--bootstrap-grid") { Description = "Parametric bootstrap refits start warm (from the full-data optimum) or from the paper grid", DefaultValueFactory = _ => "warm" };
    public Option<double?> FixE { get; } = new("--fix-e") { Description = "Fix the irreducible loss E at this value" };
    public Option<bool> TieExponents { get; } = new("--tie-exponents") { Description = "Fit α = β" };
    public Option<double> OverestimatePenalty { get; } = new("--overestimate-penalty") { Description = "Weight w of residuals where the law predicts above the observed loss (asymmetric Huber; 1 = symmetric, e.g. 10 to fit the best achievable loss when some runs are under-tuned)", DefaultValueFactory = _ => 1.0 };

    // IsoFLOP (Approach 2)
    public Option<string?> Budgets { get; } = new("--budgets") { Description = "Group runs by these FLOP budgets, e.g. 6e18,1e19,3e19" };
    public Option<string> Valley { get; } = new("--valley") { Description = "IsoFLOP minima: parabola (Hoffmann et al.) or akima (spline in ln N, Porian et al. 2024; minima at the grid edge rejected)", DefaultValueFactory = _ => "parabola" };
    public Option<double?> NoiseSigma { get; } = new("--noise-sigma") { Description = "IsoFLOP: noise bootstrap (Porian et al. 2024) with this σ added to every loss, instead of resampling runs" };
    public Option<bool> NoiseBootstrap { get; } = new("--noise-bootstrap") { Description = "IsoFLOP: noise bootstrap with σ estimated from the valleys' parabola residuals" };
    public Option<double> BudgetTolerance { get; } = new("--budget-tolerance") { Description = "Half-width in decades of a budget's group", DefaultValueFactory = _ => 0.03 };

    // Envelope (Approach 1)
    public Option<int> Smooth { get; } = new("--smooth") { Description = "Moving-average width over each curve (0 = off)", DefaultValueFactory = _ => EnvelopeFitOptions.Default.Smooth };
    public Option<string> Envelope { get; } = new("--envelope") { Description = "Envelope method: paper, hull or bins", DefaultValueFactory = _ => "paper" };
    public Option<int> FlopPoints { get; } = new("--flop-points") { Description = "FLOP values the paper's envelope is taken at", DefaultValueFactory = _ => 1500 };
    public Option<string> EdgeRule { get; } = new("--edge-rule") { Description = "Envelope points left out at the sweep's edge sizes: ranges (the FLOP ranges the smallest and largest sizes reach; default), points (only the points they win, as approach1.py) or none", DefaultValueFactory = _ => "ranges" };

    private bool _parametric, _isoFlop, _envelope;

    public void AddTo(Command command, bool parametric = true, bool isoFlop = true, bool envelope = true)
    {
        (_parametric, _isoFlop, _envelope) = (parametric, isoFlop, envelope);
        Statistics.AddTo(command);
        if (parametric)
            foreach (var o in new Option[] { Delta, Grid, BootstrapGrid, FixE, TieExponents, OverestimatePenalty })
                command.Add(o);
        if (isoFlop)
        {
            command.Add(Budgets);
            command.Add(BudgetTolerance);
            command.Add(Valley);
            command.Add(NoiseSigma);
            command.Add(NoiseBootstrap);
        }
        if (envelope)
        {
            command.Add(Smooth);
            command.Add(Envelope);
            command.Add(FlopPoints);
            command.Add(EdgeRule);
        }
    }

    public ApproachOptions Read(ParseResult result, int? defaultResamples = null)
    {
        var bootstrap = Statistics.Read(result, defaultResamples);
        int drop = result.GetValue(Statistics.DropHighest);
        var parametric = !_parametric ? ParametricFitOptions.Default with { DropHighest = drop, Bootstrap = bootstrap, Threads = bootstrap.Threads } : ParametricFitOptions.Default with
        {
            Delta = Positive("--delta", result.GetValue(Delta)),
            Grid = result.GetValue(Grid) switch
            {
                "paper" => ParametricGrid.Paper,
                "coarse" => ParametricGrid.Coarse,
                var g => throw new UsageException($"--grid {g}: use paper (the 4,500 starts of Hoffmann et al.) or coarse."),
            },
            BootstrapStart = result.GetValue(BootstrapGrid) switch
            {
                "warm" => BootstrapStart.Warm,
                "paper" => BootstrapStart.Grid,
                var g => throw new UsageException($"--bootstrap-grid {g}: use warm or paper."),
            },
            FixedE = result.GetValue(FixE) is { } e ? Positive("--fix-e", e) : null,
            TieExponents = result.GetValue(TieExponents),
            OverestimatePenalty = Positive("--overestimate-penalty", result.GetValue(OverestimatePenalty)),
            DropHighest = drop,
            Bootstrap = bootstrap,
            Threads = bootstrap.Threads,
        };
        var isoFlop = !_isoFlop ? IsoFlopFitOptions.Default with { DropHighest = drop, Bootstrap = bootstrap } : IsoFlopFitOptions.Default with
        {
            DropHighest = drop,
            Budgets = result.GetValue(Budgets) is { } b ? Parse.PositiveList("--budgets", b) : null,
            BudgetTolerance = Positive("--budget-tolerance", result.GetValue(BudgetTolerance)),
            Valley = result.GetValue(Valley) switch
            {
                "parabola" => ScalingFit.Fitting.ValleyMethod.Parabola,
                "akima" => ScalingFit.Fitting.ValleyMethod.Akima,
                var v => throw new UsageException($"--valley {v}: use parabola or akima."),
            },
            NoiseSigma = result.GetValue(NoiseSigma) is { } sigma ? Positive("--noise-sigma", sigma) : null,
            EstimateNoise = result.GetValue(NoiseBootstrap),
            Bootstrap = bootstrap,
        };
        if (!_envelope)
            return new ApproachOptions(EnvelopeFitOptions.Default with { Bootstrap = bootstrap }, isoFlop, parametric, bootstrap);
        int smooth = result.GetValue(Smooth), flopPoints = result.GetValue(FlopPoints);
        if (smooth < 0)
            throw new UsageException($"--smooth {smooth}: give a moving-average width, 0 for none.");
        if (flopPoints < 2)
            throw new UsageException($"--flop-points {flopPoints}: give at least 2.");
        var envelope = EnvelopeFitOptions.Default with
        {
            Method = result.GetValue(Envelope) switch
            {
                "paper" => EnvelopeMethod.Paper,
                "hull" => EnvelopeMethod.Hull,
                "bins" => EnvelopeMethod.Bins,
                var m => throw new UsageException($"--envelope {m}: use paper (interpolated curves at log-spaced FLOPs), hull or bins."),
            },
            Smooth = smooth,
            FlopPoints = flopPoints,
            EdgeExclusion = result.GetValue(EdgeRule) switch
            {
                "ranges" => EdgeExclusion.Ranges,
                "points" => EdgeExclusion.Points,
                "none" => EdgeExclusion.None,
                var rule => throw new UsageException($"--edge-rule {rule}: use ranges (default), points (approach1.py's rule) or none."),
            },
            Bootstrap = bootstrap,
        };
        return new ApproachOptions(envelope, isoFlop, parametric, bootstrap);
    }

    private static double Positive(string name, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{name} {value}: must be a positive number.");
}

/// <summary>The options of the three approaches, read from one command line.</summary>
internal sealed record ApproachOptions(EnvelopeFitOptions Envelope, IsoFlopFitOptions IsoFlop, ParametricFitOptions Parametric, BootstrapOptions Bootstrap)
{
    /// <summary>The library's options for fitting <paramref name="approaches"/>.</summary>
    public FitAllOptions ToFitAll(IReadOnlyList<Approach>? approaches = null, bool paperBudgetsFirst = false) =>
        new(approaches, Envelope, IsoFlop, Parametric, paperBudgetsFirst);
}
