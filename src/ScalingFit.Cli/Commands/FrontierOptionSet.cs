using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Cli.Commands;

/// <summary>The options of the loss frontier L*(C), shared by <c>predict</c>, <c>backtest</c> and <c>compare</c>.</summary>
internal sealed class FrontierOptionSet
{
    public Option<string> Approach { get; } = new("--approach") { Description = "envelope, isoflop, parametric or all (every approach the data supports)", DefaultValueFactory = _ => "all" };
    public Option<double?> PinE { get; } = new("--pin-e") { Description = "Envelope and IsoFLOP: pin the asymptote E of L*(C) = E + A·C^-γ instead of fitting it" };

    public Option<bool> ResidualBootstrap { get; } = new("--residual-bootstrap") { Description = "IsoFLOP: band from each budget's parabola with resampled modified residuals (sizes kept) instead of resampling runs" };

    public void AddTo(Command command)
    {
        command.Add(Approach);
        command.Add(PinE);
        command.Add(ResidualBootstrap);
    }

    public Fitting.Approach[] Approaches(ParseResult result) => result.GetValue(Approach) is "all"
        ? [.. Fitting.Approaches.All]
        : Fitting.Approaches.FromName(result.GetValue(Approach)) is { } one
            ? [one]
            : throw new UsageException($"--approach {result.GetValue(Approach)}: use envelope, isoflop, parametric or all.");

    public LossFrontierOptions Read(ParseResult result, ApproachOptions fit)
    {
        double? pin = result.GetValue(PinE);
        if (pin is { } e && (!(e >= 0) || !double.IsFinite(e)))
            throw new UsageException($"--pin-e {e}: give a loss ≥ 0 below every observed loss.");
        bool residuals = result.GetValue(ResidualBootstrap);
        if (residuals && (fit.IsoFlop.NoiseSigma is not null || fit.IsoFlop.EstimateNoise))
            throw new UsageException("--residual-bootstrap and --noise-bootstrap/--noise-sigma choose different resampling; give one.");
        return new LossFrontierOptions(pin, fit.Bootstrap, fit.IsoFlop.Valley, fit.IsoFlop.NoiseSigma, fit.IsoFlop.EstimateNoise && fit.IsoFlop.NoiseSigma is null,
            residuals ? BudgetResampling.Residuals : BudgetResampling.Runs);
    }
}
