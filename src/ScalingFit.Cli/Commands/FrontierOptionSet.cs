using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core.Statistics;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Prediction;

namespace ScalingFit.Cli.Commands;

/// <summary>The options of the loss frontier L*(C), shared by <c>predict</c>, <c>backtest</c> and <c>compare</c>.</summary>
internal sealed class FrontierOptionSet
{
    public Option<string> Approach { get; } = new("--approach") { Description = "envelope, isoflop, parametric or all (every approach the data supports)", DefaultValueFactory = _ => "all" };
    public Option<double?> PinE { get; } = new("--pin-e") { Description = "Envelope and IsoFLOP: pin the asymptote E of L*(C) = E + A·C^-γ instead of fitting it" };
    public Option<string> Valley { get; } = new("--valley") { Description = "IsoFLOP minima: parabola (Hoffmann et al.) or akima (spline in ln N, Porian et al. 2024)", DefaultValueFactory = _ => "parabola" };
    public Option<double?> NoiseSigma { get; } = new("--noise-sigma") { Description = "IsoFLOP: noise bootstrap with this σ added to every loss, instead of resampling runs" };
    public Option<bool> NoiseBootstrap { get; } = new("--noise-bootstrap") { Description = "IsoFLOP: noise bootstrap with σ estimated from the valleys' residuals" };

    public void AddTo(Command command)
    {
        command.Add(Approach);
        command.Add(PinE);
        command.Add(Valley);
        command.Add(NoiseSigma);
        command.Add(NoiseBootstrap);
    }

    public Fitting.Approach[] Approaches(ParseResult result) => result.GetValue(Approach) is "all"
        ? [.. Fitting.Approaches.All]
        : Fitting.Approaches.FromName(result.GetValue(Approach)) is { } one
            ? [one]
            : throw new UsageException($"--approach {result.GetValue(Approach)}: use envelope, isoflop, parametric or all.");

    public LossFrontierOptions Read(ParseResult result, BootstrapOptions bootstrap)
    {
        double? pin = result.GetValue(PinE);
        if (pin is { } e && (!(e >= 0) || !double.IsFinite(e)))
            throw new UsageException($"--pin-e {e}: give a loss ≥ 0 below every observed loss.");
        double? sigma = result.GetValue(NoiseSigma);
        if (sigma is { } s && (!(s > 0) || !double.IsFinite(s)))
            throw new UsageException($"--noise-sigma {s}: give a positive standard deviation of the loss, e.g. 0.01.");
        var valley = result.GetValue(Valley) switch
        {
            "parabola" => ValleyMethod.Parabola,
            "akima" => ValleyMethod.Akima,
            var v => throw new UsageException($"--valley {v}: use parabola or akima."),
        };
        return new LossFrontierOptions(pin, bootstrap, valley, sigma, result.GetValue(NoiseBootstrap) && sigma is null);
    }
}
