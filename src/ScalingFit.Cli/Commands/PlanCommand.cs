using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using Spectre.Console;

namespace ScalingFit.Cli.Commands;

/// <summary>
/// <c>scalingfit plan</c>: an IsoFLOP grid centred on a prior law's N_opt, the precision it buys by simulation
/// (<c>--precision</c>), or the cheapest grid for a target interval width (<c>--target-width</c>). Parse → library → print.
/// </summary>
internal static class PlanCommand
{
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["MinParameterCount"] = "--min-params",
        ["MaxParameterCount"] = "--max-params",
        ["SizesPerBudget"] = "--sizes-per-budget",
        ["Span"] = "--span",
        ["Budgets"] = "--budgets",
        ["MaxCompute"] = "--max-compute",
        ["TargetWidth"] = "--target-width",
        ["Trials"] = "--trials",
        ["NoiseSigma"] = "--noise",
        ["BootstrapResamples"] = "--resamples",
        ["Threads"] = "--threads",
        ["FlopRule factor k"] = "--flop-factor",
    };

    public static Command Create(CliContext context)
    {
        var paper = new Option<bool>("--paper") { Description = "Centre on the paper's law: E=1.69, A=406.4, B=410.7, α=0.34, β=0.28" };
        var law = new Option<string?>("--law") { Description = "Centre on a law given as E,A,B,ALPHA,BETA" };
        var fit = new Option<FileInfo?>("--fit") { Description = "Centre on the parametric law in a 'scalingfit fit --json' file (its scatter gives the noise)" };
        var budgets = new Option<string?>("--budgets") { Description = "FLOP budgets, comma-separated (e.g. 1e18,1e19,1e20)" };
        var range = new Option<string?>("--budget-range") { Description = "Smallest and largest budget LOW:HIGH (e.g. 1e18:1e21), spaced geometrically" };
        var count = new Option<int>("--budgets-count") { Description = "Budgets in --budget-range", DefaultValueFactory = _ => 7 };
        var perBudget = new Option<int>("--sizes-per-budget") { Description = "Model sizes per budget", DefaultValueFactory = _ => 9 };
        var span = new Option<double>("--span") { Description = "Largest over smallest size at a budget", DefaultValueFactory = _ => 16 };
        var minParams = new Option<string?>("--min-params") { Description = "Drop sizes below this many parameters" };
        var maxParams = new Option<string?>("--max-params") { Description = "Drop sizes above this many parameters" };
        var flopFactor = new Option<double>("--flop-factor") { Description = "k in C = k·N·D", DefaultValueFactory = _ => 6 };
        var precision = new Option<bool>("--precision") { Description = "Simulate the sweep and report bias, sd, median 95% width and coverage of a and b" };
        var noise = new Option<double?>("--noise") { Description = "σ of multiplicative loss noise (default: from --fit's scatter, else 0.01)" };
        var trials = new Option<int>("--trials") { Description = "Simulated sweeps", DefaultValueFactory = _ => 200 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples behind each simulated fit's interval", DefaultValueFactory = _ => 200 };
        var seed = new Option<long>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = one per core); results do not depend on it", DefaultValueFactory = _ => 0 };
        var noSensitivity = new Option<bool>("--no-sensitivity") { Description = "Skip the off-centre truths (N_opt 2×, ½×, drifting)" };
        var target = new Option<double?>("--target-width") { Description = "Find the cheapest grid whose median 95% width of a is at most this" };
        var maxCompute = new Option<string?>("--max-compute") { Description = "Compute cap (total FLOPs) for --target-width" };
        var targetApproach = new Option<string>("--target-approach") { Description = "isoflop or parametric: whose a --target-width is for", DefaultValueFactory = _ => "isoflop" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the grid as runs (.csv, .jsonl or .json) for 'simulate --from-plan' and, with a loss column added, 'fit'" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the plan, precision and search as JSON" };
        var command = new Command("plan", "Plan an IsoFLOP sweep from a prior law, and the precision it buys (by simulation)")
        {
            paper, law, fit, budgets, range, count, perBudget, span, minParams, maxParams, flopFactor,
            precision, noise, trials, resamples, seed, threads, noSensitivity, target, maxCompute, targetApproach, output, json,
        };
        command.SetAction(result =>
        {
            var (prior, source, fitNoise) = ResolveLaw(result.GetValue(paper), result.GetValue(law), result.GetValue(fit));
            var rule = new FlopRule(Positive("--flop-factor", result.GetValue(flopFactor)));
            double? min = result.GetValue(minParams) is { } lo ? Parse.Positive("--min-params", lo) : null;
            double? max = result.GetValue(maxParams) is { } hi ? Parse.Positive("--max-params", hi) : null;
            double spanValue = result.GetValue(span);
            if (!(spanValue > 1) || double.IsInfinity(spanValue))
                throw new UsageException(Invariant($"--span {spanValue}: the span is the largest over the smallest size at a budget and must exceed 1, e.g. --span 16 (a factor 4 either side of N_opt)."));
            double[] budgetList = Budgets(result.GetValue(budgets), result.GetValue(range), result.GetValue(count));
            var planOptions = new SweepPlanOptions(budgetList, result.GetValue(perBudget), spanValue, min, max, rule);

            double? targetWidth = result.GetValue(target);
            bool wantPrecision = result.GetValue(precision) || targetWidth is not null;
            double sigma = result.GetValue(noise) ?? fitNoise ?? 0.01;
            if (!(sigma >= 0) || double.IsInfinity(sigma))
                throw new UsageException(Invariant($"--noise {sigma}: give σ ≥ 0, e.g. 0.01 for 1% loss noise."));
            var precisionOptions = SweepPrecisionOptions.Default with
            {
                Trials = result.GetValue(trials),
                NoiseSigma = sigma,
                Seed = result.GetValue(seed),
                BootstrapResamples = result.GetValue(resamples),
                Threads = result.GetValue(threads),
                Sensitivity = !result.GetValue(noSensitivity),
            };
            SweepSearchOptions? searchOptions = null;
            if (targetWidth is { } w)
            {
                if (result.GetValue(maxCompute) is not { } cap)
                    throw new UsageException("--target-width needs --max-compute FLOPS, the cap on the sweep's total compute (e.g. --max-compute 1e22).");
                var approach = result.GetValue(targetApproach) switch
                {
                    "isoflop" => PlanApproaches.IsoFlop,
                    "parametric" => PlanApproaches.Parametric,
                    var a => throw new UsageException($"--target-approach {a}: use isoflop or parametric."),
                };
                searchOptions = new SweepSearchOptions(w, Parse.Positive("--max-compute", cap), budgetList.Min(), budgetList.Max(), Approach: approach);
                if (!(searchOptions.HighBudget > searchOptions.LowBudget))
                    throw new UsageException("--target-width searches over budgets between the smallest and largest given: give --budget-range LOW:HIGH (or two or more --budgets).");
            }
            else if (result.GetValue(maxCompute) is not null)
            {
                throw new UsageException("--max-compute caps the search of --target-width; give --target-width too (e.g. --target-width 0.03).");
            }
            var outputFile = result.GetValue(output);
            var jsonFile = result.GetValue(json);
            CheckOutput(outputFile, runFile: true);
            CheckOutput(jsonFile, runFile: false);
            if (result.GetValue(noise) is null && wantPrecision)
            {
                context.Note(fitNoise is { } f
                    ? Invariant($"note: noise σ = {f:0.0000} from the scatter of {source} (its Huber objective; see NoiseEstimate); pass --noise to change it.")
                    : "note: noise σ = 0.01 (1% of the loss; the default); pass --noise, or --fit RESULT.json to use a fit's scatter.");
            }

            try
            {
                SweepPlan plan;
                SweepPrecisionResult? precisionResult = null;
                SweepSearchResult? searchResult = null;
                if (searchOptions is not null)
                {
                    int grids = searchOptions.EffectiveBudgetCounts.Count * searchOptions.EffectiveSizesPerBudget.Count * searchOptions.EffectiveSpans.Count;
                    searchResult = ProgressBar.Run(context, sink => SweepSearch.Find(prior, planOptions, searchOptions, precisionOptions,
                        sink.Stage("searching grids", grids), context.Cancellation));
                    plan = searchResult.Best;
                    precisionResult = searchResult.Confirmation;
                }
                else
                {
                    plan = SweepPlanner.Plan(prior, planOptions);
                    if (wantPrecision)
                    {
                        int scenarios = precisionOptions.Sensitivity ? 4 : 1;
                        precisionResult = ProgressBar.Run(context, sink => SweepPrecision.Estimate(plan, precisionOptions,
                            sink.Stage($"simulating {precisionOptions.Trials} sweeps × {scenarios}", precisionOptions.Trials * scenarios), context.Cancellation));
                    }
                }

                if (searchResult is not null)
                    RenderSearch(context, searchResult, searchOptions!);
                RenderGrid(context, plan, source);
                foreach (var d in plan.Diagnostics)
                    context.Note($"note: {d.Message}");
                if (precisionResult is not null)
                {
                    RenderPrecision(context, precisionResult);
                    foreach (var d in precisionResult.Diagnostics)
                        context.Note($"{d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
                }
                if (outputFile is not null)
                {
                    RunImporter.TryGetFormat(outputFile.FullName, out var format);
                    OutputFiles.Write(outputFile.FullName, stream => PlanWriter.Write(plan, stream, format));
                    context.Note($"wrote {plan.RunCount} planned runs to {outputFile.FullName}");
                }
                if (jsonFile is not null)
                    OutputFiles.WriteText(jsonFile.FullName, PlanJson.Write(plan, source, precisionResult, searchResult));
            }
            catch (PlanningException ex)
            {
                throw new UsageException(WithFlags(ex.Message));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static double[] Budgets(string? list, string? range, int count)
    {
        if (list is not null && range is not null)
            throw new UsageException("give --budgets C1,C2,… or --budget-range LOW:HIGH, not both.");
        if (list is not null)
            return Parse.PositiveList("--budgets", list);
        if (range is null)
            throw new UsageException("give the FLOP budgets: --budgets 1e18,1e19,1e20 or --budget-range 1e18:1e21 --budgets-count 7.");
        var parts = range.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new UsageException($"--budget-range {range}: write LOW:HIGH, e.g. --budget-range 1e18:1e21.");
        double lo = Parse.Positive("--budget-range", parts[0]), hi = Parse.Positive("--budget-range", parts[1]);
        if (!(hi > lo))
            throw new UsageException($"--budget-range {range}: the second budget must be larger than the first.");
        if (count < 2)
            throw new UsageException($"--budgets-count {count}: N_opt ∝ C^a needs at least 2 budgets; 7 is the default.");
        return SweepPlanOptions.GeometricBudgets(lo, hi, count);
    }

    private static (ParametricLaw Law, string Source, double? Noise) ResolveLaw(bool paper, string? law, FileInfo? fit)
    {
        int given = (paper ? 1 : 0) + (law is null ? 0 : 1) + (fit is null ? 0 : 1);
        if (given != 1)
            throw new UsageException("give exactly one prior law: --paper, --law E,A,B,ALPHA,BETA or --fit RESULT.json.");
        if (paper)
            return (ParametricLaw.Paper, "--paper", null);
        if (law is not null)
            return (Parse.Law(law), "--law", null);
        if (!fit!.Exists)
            throw new UsageException($"{fit.FullName}: file not found; give the --json output of 'scalingfit fit parametric'.");
        var (read, objective, points, problem) = LawJson.ReadWithObjective(File.ReadAllText(fit.FullName));
        if (read is null)
            throw new UsageException($"{fit.FullName}: {problem}.");
        double sigma = NoiseEstimate.FromHuberObjective(objective, points);
        return (read, fit.Name, double.IsFinite(sigma) ? sigma : null);
    }

    private static void CheckOutput(FileInfo? file, bool runFile)
    {
        if (file is null)
            return;
        if (runFile && !RunImporter.TryGetFormat(file.FullName, out _))
            throw new UsageException($"{file.FullName}: write the plan as .csv, .jsonl or .json.");
        if (file.Directory is { Exists: false } folder)
            throw new UsageException($"{file.FullName}: the folder {folder.FullName} does not exist; create it or choose another path. Nothing was computed.");
    }

    private static void RenderGrid(CliContext context, SweepPlan plan, string source)
    {
        var l = plan.Prior;
        context.Console.MarkupLine($"[bold]IsoFLOP plan[/] centred on {Markup.Escape(source)}: " + Markup.Escape(Invariant(
            $"L = {l.E:G4} + {l.A:G5}/N^{l.Alpha:G4} + {l.B:G5}/D^{l.Beta:G4}; N_opt ∝ C^{l.ExponentA:F3}; {plan.Budgets.Count} budgets, span {plan.Options.Span:G4}, C = {plan.Options.Rule.Factor:G4}·N·D")));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("budget C").RightAligned()).AddColumn(new TableColumn("prior N_opt").RightAligned())
            .AddColumn(new TableColumn("params N").RightAligned()).AddColumn(new TableColumn("tokens D").RightAligned())
            .AddColumn(new TableColumn("tokens/param").RightAligned()).AddColumn(new TableColumn("predicted loss").RightAligned());
        foreach (var b in plan.Budgets)
        {
            for (int i = 0; i < b.Runs.Count; i++)
            {
                var r = b.Runs[i];
                table.AddRow(i == 0 ? Format.Sci(b.Flops) : "", i == 0 ? Format.Count(b.PriorOptimalParameterCount) : "",
                    Format.Count(r.ParameterCount), Format.Count(r.TokenCount), Format.Fixed(r.TokensPerParameter, 1), Format.Fixed(r.Loss, 4));
            }
        }
        context.Console.Write(table);
        context.Console.WriteLine(Invariant($"Total compute: {Format.Sci(plan.TotalFlops)} FLOPs in {plan.RunCount} runs."));
    }

    private static void RenderPrecision(CliContext context, SweepPrecisionResult p)
    {
        var o = p.Options;
        context.Console.MarkupLine(Markup.Escape(Invariant(
            $"Precision by simulation: {o.Trials} sweeps per row at noise σ = {o.NoiseSigma:G4}, seed {o.Seed}; each fit's {100 * o.Level:G3}% interval from {o.BootstrapResamples} resamples")));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("truth").AddColumn("approach").AddColumn("exponent").AddColumn(new TableColumn("true").RightAligned())
            .AddColumn(new TableColumn("bias").RightAligned()).AddColumn(new TableColumn("sd").RightAligned())
            .AddColumn(new TableColumn(Invariant($"median {100 * o.Level:G3}% width")).RightAligned())
            .AddColumn(new TableColumn("coverage").RightAligned()).AddColumn(new TableColumn("failed").RightAligned());
        foreach (var s in p.Scenarios)
        {
            bool first = true;
            foreach (var r in s.Rows)
            {
                table.AddRow(first ? Markup.Escape(s.Name) : "", r.Approach, r.Exponent, Format.Fixed(r.Truth, 4),
                    double.IsFinite(r.Bias) ? r.Bias.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture) : "n/a",
                    Format.Fixed(r.StandardDeviation, 4), Format.Fixed(r.MedianWidth, 4),
                    double.IsFinite(r.Coverage) ? Invariant($"{100 * r.Coverage:F1}%") : "n/a", r.Failed.ToString(CultureInfo.InvariantCulture));
                first = false;
            }
        }
        context.Console.Write(table);
        if (p.Sensitivity.Count > 0)
        {
            context.Console.WriteLine("Truths: centred = the prior; N_opt 2× / ½× = the true N_opt is twice / half the prior's at every budget (the grid is off-centre);");
            context.Console.WriteLine("N_opt drifts to 2× = the true N_opt equals the prior's at the smallest budget and is twice it at the largest (a different a).");
        }
    }

    private static void RenderSearch(CliContext context, SweepSearchResult s, SweepSearchOptions o)
    {
        string approach = o.Approach == PlanApproaches.Parametric ? "parametric" : "isoflop";
        context.Console.WriteLine(Invariant(
            $"Cheapest grids with a median 95% width of a ({approach}) ≤ {o.TargetWidth:G4} within {Format.Sci(o.MaxCompute)} FLOPs, budgets {Format.Sci(o.LowBudget)} to {Format.Sci(o.HighBudget)}:"));
        context.Console.WriteLine(Invariant(
            $"{s.Tried} of the {s.WithinCap} grids within the cap simulated in increasing compute, {o.SearchTrials} sweeps each; the cheapest that met the target re-simulated with {s.Confirmation.Options.Trials} new sweeps."));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("budgets").RightAligned()).AddColumn(new TableColumn("sizes/budget").RightAligned())
            .AddColumn(new TableColumn("span").RightAligned()).AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("total FLOPs").RightAligned()).AddColumn(new TableColumn("median width of a").RightAligned())
            .AddColumn(new TableColumn("with new seeds").RightAligned()).AddColumn("");
        foreach (var c in s.Candidates)
        {
            bool chosen = c.BudgetCount == s.Best.Budgets.Count && c.SizesPerBudget == s.Best.Options.SizesPerBudget && c.Span == s.Best.Options.Span;
            string status = chosen ? "chosen" : c.ConfirmedWidth is null ? "" : "missed the target with new seeds";
            table.AddRow(c.BudgetCount.ToString(CultureInfo.InvariantCulture), c.SizesPerBudget.ToString(CultureInfo.InvariantCulture),
                c.Span.ToString("G4", CultureInfo.InvariantCulture), c.RunCount.ToString(CultureInfo.InvariantCulture),
                Format.Sci(c.TotalFlops), Format.Fixed(c.MedianWidth, 4), c.ConfirmedWidth is { } w ? Format.Fixed(w, 4) : "", status);
        }
        context.Console.Write(table);
    }

    private static string WithFlags(string message)
    {
        foreach (var (name, flag) in Flags)
            message = Regex.Replace(message, $@"\b{Regex.Escape(name)}\b", flag);
        return message;
    }

    private static double Positive(string option, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException(Invariant($"{option} {value}: give a finite, positive number."));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
