using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// How well one approach recovers one exponent over the simulated sweeps of a scenario.
/// </summary>
/// <param name="Approach"><c>isoflop</c> or <c>parametric</c>.</param>
/// <param name="Exponent"><c>a</c> (N_opt ∝ C^a) or <c>b</c> (D_opt ∝ C^b).</param>
/// <param name="Truth">The true exponent of the scenario's law.</param>
/// <param name="Fitted">Trials whose fit succeeded with an interval.</param>
/// <param name="Failed">Trials whose fit failed or gave no interval (left out of every statistic).</param>
/// <param name="Mean">Mean estimate over the fitted trials.</param>
/// <param name="Bias">Mean − truth.</param>
/// <param name="StandardDeviation">Sample standard deviation of the estimates (n − 1).</param>
/// <param name="MedianWidth">Median over trials of the interval's width (high − low).</param>
/// <param name="Coverage">Fraction of fitted trials whose interval contains the truth (nominal: the level).</param>
public sealed record ExponentPrecision(
    string Approach,
    string Exponent,
    double Truth,
    int Fitted,
    int Failed,
    double Mean,
    double Bias,
    double StandardDeviation,
    double MedianWidth,
    double Coverage);

/// <summary>
/// One truth simulated on the planned grid: the prior itself (the centred case), or a law whose N_opt is off the
/// prior's, so that the grid is off-centre.
/// </summary>
/// <param name="Name">Short name: <c>centred</c>, <c>N_opt 2×</c>, <c>N_opt ½×</c>, <c>N_opt drifts to 2×</c>.</param>
/// <param name="Description">What the truth is, in words.</param>
/// <param name="Truth">The law the sweeps were simulated from.</param>
/// <param name="Rows">a and b for each approach run.</param>
public sealed record PrecisionScenario(string Name, string Description, ParametricLaw Truth, IReadOnlyList<ExponentPrecision> Rows)
{
    /// <summary>The row for <paramref name="approach"/> and <paramref name="exponent"/>, or null when it was not run.</summary>
    public ExponentPrecision? Row(string approach, string exponent) =>
        Rows.FirstOrDefault(r => r.Approach == approach && r.Exponent == exponent);
}

/// <summary>
/// The precision a planned sweep buys, by simulation: each trial simulates the grid from the scenario's law with loss
/// noise σ, fits it, and records the estimates and their intervals (<see cref="SweepPrecision.Estimate"/>).
/// </summary>
/// <param name="Plan">The grid.</param>
/// <param name="Options">Trials, noise, seed, resamples, level.</param>
/// <param name="Centred">The prior taken as the truth: the precision if the prior is right.</param>
/// <param name="Sensitivity">The off-centre truths (empty when not asked for).</param>
/// <param name="Diagnostics">Warnings: failed fits, intervals that cover far less than their level, biased estimates.</param>
public sealed record SweepPrecisionResult(
    SweepPlan Plan,
    SweepPrecisionOptions Options,
    PrecisionScenario Centred,
    IReadOnlyList<PrecisionScenario> Sensitivity,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The centred scenario and then the sensitivity scenarios.</summary>
    public IEnumerable<PrecisionScenario> Scenarios => new[] { Centred }.Concat(Sensitivity);

    /// <summary>The precision as text: the simulation settings, one row per truth, approach and exponent (bias, sd,
    /// median width, coverage, failures), and diagnostics.</summary>
    public string ToReport()
    {
        var report = new FitReport("Precision of a planned sweep, by simulation");
        report.Section("Simulation")
            .Line("sweeps", string.Create(CultureInfo.InvariantCulture, $"{Options.Trials} per truth, {Plan.RunCount} runs each, noise σ = {Options.NoiseSigma:G4}, seed {Options.Seed}"))
            .Line("intervals", string.Create(CultureInfo.InvariantCulture, $"{100 * Options.Level:G3}% bootstrap percentile, {Options.BootstrapResamples} resamples per fit"))
            .Line("parametric starts", $"the {Options.ParametricGrid.ToString().ToLowerInvariant()} grid and the prior law");
        report.Section("Precision")
            .Text("truth                approach    exp  true     bias      sd      median width  coverage  failed");
        foreach (var s in Scenarios)
            foreach (var r in s.Rows)
                report.Text(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Name,-19}  {r.Approach,-10}  {r.Exponent,-3}  {r.Truth,6:0.0000}  {r.Bias,8:+0.0000;-0.0000}  {r.StandardDeviation,6:0.0000}  {r.MedianWidth,12:0.0000}  {100 * r.Coverage,7:0.0}%  {r.Failed,6}"));
        report.Diagnostics(Diagnostics);
        return report.ToString();
    }
}
