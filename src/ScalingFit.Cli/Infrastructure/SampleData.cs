using ScalingFit.Cli.Commands;
using ScalingFit.Core.Domain;
using ScalingFit.Fitting;
using ScalingFit.IO.Import;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// The project's own sample sweeps (data/samples, made by <c>scalingfit simulate</c>; see data/README.md), embedded in the
/// tool so that <c>scalingfit reproduce</c> works from any folder and after <c>dotnet tool install</c>.
/// </summary>
internal static class SampleData
{
    /// <summary>The IsoFLOP sample: final losses on the paper's nine budgets.</summary>
    public const string IsoFlop = "sample-isoflop.csv";

    /// <summary>The training-curve sample: cosine horizons spanning 16× per model size.</summary>
    public const string Curves = "sample-curves.csv";

    /// <summary>The law the samples were simulated from (the paper's): a = β/(α+β).</summary>
    public static Core.Laws.ParametricLaw TrueLaw => Core.Laws.ParametricLaw.Paper;

    /// <summary>Imports an embedded sample.</summary>
    public static RunSet Load(CliContext context, string name)
    {
        using var stream = typeof(SampleData).Assembly.GetManifestResourceStream("ScalingFit.samples." + name)
            ?? throw new InvalidOperationException($"The sample {name} is not embedded in this build of scalingfit.");
        var result = RunImporter.Import(stream, ImportFormat.Csv, "(sample) " + name, ImportOptions.Default, context.Cancellation);
        if (!result.Succeeded)
            throw new InvalidOperationException($"The embedded sample {name} does not import: {result.Errors[0]}");
        return result.RunSet;
    }

    /// <summary>
    /// The sample sweep as one run set: the IsoFLOP runs' final losses plus the curves (whose final points join the runs),
    /// as the paper fed Approach 3 with the final losses of the runs behind Approaches 1 and 2.
    /// </summary>
    public static (RunSet All, RunSet IsoFlopRuns) LoadAll(CliContext context)
    {
        var isoFlop = Load(context, IsoFlop);
        var curves = Load(context, Curves);
        var all = new RunSet(isoFlop.Runs.Concat(curves.Runs).ToArray(), curves.Curves, isoFlop.FlopRule);
        return (all, isoFlop);
    }

    /// <summary>Fits the sample sweeps: the IsoFLOP valleys on the IsoFLOP runs alone, the envelope and the parametric law on every run and curve.</summary>
    public static FitAllResult Fit(CliContext context, ApproachOptions options)
    {
        var (all, isoFlopRuns) = LoadAll(context);
        context.Note($"sample sweeps (simulated from the paper's law, see data/README.md): {isoFlopRuns.Runs.Count} IsoFLOP runs on {Core.Simulation.SweepSimulator.PaperBudgets.Count} budgets, {all.Curves.Count} training curves");
        return FitRunner.Run(context, all, options.ToFitAll([Approach.Envelope, Approach.Parametric]))
            .Combine(FitRunner.Run(context, isoFlopRuns, options.ToFitAll([Approach.IsoFlop])));
    }
}
