using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit simulate</c>: a synthetic sweep from a known law, in any format the importers read.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var design = new Option<string?>("--design") { Description = "isoflop (final losses on FLOP budgets), curves (training curves with cosine horizons) or grid (N × D); or give --from-plan" };
        var fromPlan = new Option<FileInfo?>("--from-plan") { Description = "Simulate the runs of a 'scalingfit plan --output' file (its N, D, C and budgets) instead of a --design" };
        var law = new Option<string?>("--law") { Description = "The true law E,A,B,ALPHA,BETA (default: the paper's)" };
        var paper = new Option<bool>("--paper") { Description = "Use the paper's law (the default)" };
        var noise = new Option<double>("--noise") { Description = "σ of multiplicative noise on each loss", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<long>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 0 };
        var outliers = new Option<double>("--outliers") { Description = "Fraction of runs whose loss is inflated by 20%", DefaultValueFactory = _ => 0 };
        var budgets = new Option<string?>("--budgets") { Description = "isoflop: FLOP budgets (default: the paper's nine, 6e18…3e21)" };
        var perBudget = new Option<int>("--sizes-per-budget") { Description = "isoflop: model sizes per budget", DefaultValueFactory = _ => 9 };
        var sizes = new Option<string?>("--sizes") { Description = "curves and grid: model sizes N (default 44M…3B, 8 sizes for curves; 1e7…1e10 for grid)" };
        var tokens = new Option<string?>("--tokens") { Description = "grid: token counts D (default 1e8…1e12, 8 values)" };
        var horizons = new Option<int>("--horizons") { Description = "curves: cosine horizons per size, spanning 16×", DefaultValueFactory = _ => 5 };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the sweep (.csv, .jsonl or .json)", Required = true };
        var command = new Command("simulate", "Simulate a sweep from a known law (for testing fits and for sample data)")
        {
            design, fromPlan, law, paper, noise, seed, outliers, budgets, perBudget, sizes, tokens, horizons, output,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(law) is not null && result.GetValue(paper))
                throw new UsageException("give --law or --paper, not both.");
            var trueLaw = result.GetValue(law) is { } text ? Parse.Law(text) : ParametricLaw.Paper;
            double sigma = result.GetValue(noise), fraction = result.GetValue(outliers);
            if (!(sigma >= 0) || !double.IsFinite(sigma))
                throw new UsageException($"--noise {sigma}: give σ ≥ 0, e.g. 0.01 for 1% noise.");
            if (!(fraction >= 0 && fraction <= 1))
                throw new UsageException($"--outliers {fraction}: give a fraction between 0 and 1.");
            var file = result.GetValue(output)!;
            if (!RunImporter.TryGetFormat(file.FullName, out _))
                throw new UsageException($"{file.FullName}: write .csv, .jsonl or .json.");
            var options = new SimulationOptions(trueLaw, sigma, result.GetValue(seed), fraction);
            var planFile = result.GetValue(fromPlan);
            if (planFile is not null && result.GetValue(design) is not null)
                throw new UsageException("give --design or --from-plan, not both.");
            RunSet runs = planFile is not null ? FromPlan(context, planFile, options) : result.GetValue(design) switch
            {
                null => throw new UsageException("give --design isoflop|curves|grid, or --from-plan FILE (the --output of 'scalingfit plan')."),
                "isoflop" => SweepSimulator.IsoFlop(options,
                    result.GetValue(budgets) is { } b ? Parse.PositiveList("--budgets", b) : null,
                    Math.Max(3, result.GetValue(perBudget))),
                "curves" => SweepSimulator.Curves(options,
                    result.GetValue(sizes) is { } s ? Parse.PositiveList("--sizes", s) : SweepSimulator.LogSpace(4.4e7, 3e9, 8),
                    CurveDesign.Default with { HorizonsPerSize = Math.Max(1, result.GetValue(horizons)) }),
                "grid" => SweepSimulator.Grid(options,
                    result.GetValue(sizes) is { } s ? Parse.PositiveList("--sizes", s) : SweepSimulator.LogSpace(1e7, 1e10, 8),
                    result.GetValue(tokens) is { } t ? Parse.PositiveList("--tokens", t) : SweepSimulator.LogSpace(1e8, 1e12, 8)),
                var d => throw new UsageException($"--design {d}: use isoflop, curves or grid."),
            };
            OutputFiles.Write(file.FullName, stream =>
            {
                RunImporter.TryGetFormat(file.FullName, out var format);
                RunWriter.Write(runs, stream, format);
            });
            int points = runs.HasCurves ? runs.Curves.Sum(c => c.Points.Count) : runs.Runs.Count;
            context.Note($"wrote {runs.Runs.Count} runs ({points} rows) from {trueLaw.Formula()} " +
                $"(a = {Numbers.Format(trueLaw.ExponentA, "F4")}, b = {Numbers.Format(trueLaw.ExponentB, "F4")}) to {file.FullName}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static RunSet FromPlan(CliContext context, FileInfo file, SimulationOptions options)
    {
        if (!file.Exists)
            throw new UsageException($"{file.FullName}: file not found; give the --output file of 'scalingfit plan'.");
        var plan = PlanReader.Read(file.FullName, ImportOptions.Default, context.Cancellation);
        if (!plan.Succeeded)
        {
            var more = plan.Errors.Skip(1).Take(9).Select(e => $"error: {e}").ToList();
            throw new UsageException(plan.Errors[0] + " (a plan file has the columns run, params, tokens, flops, budget and predicted_loss, as 'scalingfit plan --output' writes them)", more);
        }
        return SweepSimulator.FromDesign(options, plan.RunSet.Runs);
    }
}
