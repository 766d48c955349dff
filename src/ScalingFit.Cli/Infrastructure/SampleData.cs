using ScalingFit.Cli.Commands;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

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
    public static Core.ParametricLaw TrueLaw => Core.ParametricLaw.Paper;

    /// <summary>
    /// The paper's Figure-4 points (Hoffmann et al. 2022) as extracted by Epoch AI (245 runs: model size, training FLOP,
    /// loss; see data/README.md), embedded so that <c>reproduce --paper-data</c> works on any machine.
    /// </summary>
    public const string PaperFigure4 = "chinchilla-figure4-epoch.csv";

    /// <summary>Imports an embedded sample.</summary>
    public static RunSet Load(CliContext context, string name, ResultAudit? audit = null) => LoadEmbedded(context, "ScalingFit.samples." + name, "(sample) " + name, audit);

    /// <summary>Imports the embedded Figure-4 points.</summary>
    public static RunSet LoadPaper(CliContext context, ResultAudit? audit = null) => LoadEmbedded(context, "ScalingFit.paper." + PaperFigure4, "(embedded) " + PaperFigure4, audit);

    private static RunSet LoadEmbedded(CliContext context, string resource, string display, ResultAudit? audit)
    {
        using var stream = typeof(SampleData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{display} is not embedded in this build of scalingfit.");
        var result = RunImporter.Import(stream, ImportFormat.Csv, display, ImportOptions.Default, context.Cancellation);
        if (!result.Succeeded)
            throw new InvalidOperationException($"The embedded {display} does not import: {result.Errors[0]}");
        if (audit is not null)
        {
            stream.Position = 0;
            audit.Inputs.Add(ProvenanceInput.Of("embedded", display, stream, result));
        }
        return result.RunSet;
    }

    /// <summary>
    /// The sample sweep as one run set: the IsoFLOP runs' final losses plus the curves (whose final points join the runs),
    /// as the paper fed Approach 3 with the final losses of the runs behind Approaches 1 and 2.
    /// </summary>
    public static (RunSet All, RunSet IsoFlopRuns) LoadAll(CliContext context, ResultAudit? audit = null)
    {
        var isoFlop = Load(context, IsoFlop, audit);
        var curves = Load(context, Curves, audit);
        var all = new RunSet(isoFlop.Runs.Concat(curves.Runs).ToArray(), curves.Curves, isoFlop.FlopRule);
        return (all, isoFlop);
    }

    /// <summary>Fits the sample sweeps: the IsoFLOP valleys on the IsoFLOP runs alone, the envelope and the parametric law on every run and curve.</summary>
    public static FitAllResult Fit(CliContext context, ApproachOptions options, ResultAudit? audit = null)
    {
        var (all, isoFlopRuns) = LoadAll(context, audit);
        context.Note($"sample sweeps (simulated from the paper's law, see data/README.md): {isoFlopRuns.Runs.Count} IsoFLOP runs on {Core.SweepSimulator.PaperBudgets.Count} budgets, {all.Curves.Count} training curves");
        return FitRunner.Run(context, all, options.ToFitAll([Approach.Envelope, Approach.Parametric]))
            .Combine(FitRunner.Run(context, isoFlopRuns, options.ToFitAll([Approach.IsoFlop])));
    }
}
