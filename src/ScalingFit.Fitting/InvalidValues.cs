using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>What a fitter does with a run or checkpoint whose N, D, C or loss is NaN, infinite, zero or negative (like lmfit's <c>nan_policy</c>).</summary>
public enum InvalidValuePolicy
{
    /// <summary>Throw <see cref="InvalidRunException"/> naming the first such run and its values. The default of every fitter.</summary>
    Reject,

    /// <summary>Leave such runs (or checkpoints) out and say so in an <c>invalid-values</c> diagnostic (<see cref="DiagnosticCodes.InvalidValues"/>).</summary>
    Skip,
}

/// <summary>
/// A run (or checkpoint) given to a fitter has a value the fit cannot take a logarithm of (NaN, ±∞, zero, negative),
/// and the fit's <see cref="InvalidValuePolicy"/> is <see cref="InvalidValuePolicy.Reject"/>. The message names the run.
/// </summary>
public sealed class InvalidRunException(string message, string runId) : ArgumentException(message)
{
    /// <summary>The run with the invalid value.</summary>
    public string RunId { get; } = runId;
}

/// <summary>The one NaN/invalid-value policy of the three fitters.</summary>
internal static class InvalidValues
{
    private const string Advice = "Remove or correct the run, or set InvalidValues = InvalidValuePolicy.Skip to leave such runs out.";

    /// <summary>True when <paramref name="value"/> is finite and positive.</summary>
    public static bool IsValid(double value) => value > 0 && double.IsFinite(value);

    /// <summary>True when every quantity of <paramref name="run"/> is finite and positive.</summary>
    public static bool IsValid(Run run) =>
        IsValid(run.ParameterCount) && IsValid(run.TokenCount) && IsValid(run.Flops) && IsValid(run.Loss);

    /// <summary>
    /// The runs with finite, positive N, D, C and loss. Under <see cref="InvalidValuePolicy.Reject"/> the first other
    /// run throws <see cref="InvalidRunException"/>; under <see cref="InvalidValuePolicy.Skip"/> they are left out with a diagnostic.
    /// </summary>
    public static Run[] Runs(IReadOnlyList<Run> runs, InvalidValuePolicy policy, List<Diagnostic>? diagnostics)
    {
        var valid = runs.Where(IsValid).ToArray();
        if (valid.Length == runs.Count)
            return valid;
        var invalid = runs.Where(r => !IsValid(r)).ToArray();
        var first = invalid[0];
        string values = string.Create(CultureInfo.InvariantCulture,
            $"N = {first.ParameterCount}, D = {first.TokenCount}, C = {first.Flops}, L = {first.Loss}");
        if (policy == InvalidValuePolicy.Reject)
            throw new InvalidRunException($"Run '{first.RunId}' has {values}: the fit takes logarithms, so N, D, C and the loss must be finite and positive. {Advice}", first.RunId);
        diagnostics?.Add(DiagnosticCodes.InvalidValues.With(
            $"{invalid.Length} runs with a non-finite or non-positive N, D, C or loss were left out (e.g. '{first.RunId}': {values})."));
        return valid;
    }

    /// <summary>Rejects (throws for) an invalid checkpoint of <paramref name="curve"/>; used by the envelope under <see cref="InvalidValuePolicy.Reject"/>.</summary>
    public static InvalidRunException Checkpoint(TrainingCurve curve, CurvePoint point) => new(string.Create(CultureInfo.InvariantCulture,
        $"Run '{curve.RunId}' has a checkpoint with D = {point.TokenCount}, L = {point.Loss}: the envelope needs finite, positive token counts and finite losses. {Advice}"), curve.RunId);

    /// <summary>Rejects (throws for) a curve whose model size is not finite and positive.</summary>
    public static InvalidRunException ModelSize(TrainingCurve curve) => new(string.Create(CultureInfo.InvariantCulture,
        $"Run '{curve.RunId}' has N = {curve.ParameterCount}: the model size must be finite and positive. {Advice}"), curve.RunId);
}
