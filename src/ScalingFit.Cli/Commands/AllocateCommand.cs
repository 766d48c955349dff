using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using Spectre.Console;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit allocate</c>: the compute-optimal N, D, tokens per parameter, C and loss from a law.</summary>
internal static class AllocateCommand
{
    public static Command Create(CliContext context)
    {
        var budget = new Option<string?>("--budget") { Description = "FLOP budget(s) C, comma-separated (e.g. 5.76e23,1e24)" };
        var parameters = new Option<string?>("--params") { Description = "Model size(s) N to find the compute-optimal budget for" };
        var loss = new Option<string?>("--loss") { Description = "Target loss(es) L: the least compute that reaches each" };
        var paper = new Option<bool>("--paper") { Description = "Use the paper's law: E=1.69, A=406.4, B=410.7, α=0.34, β=0.28" };
        var law = new Option<string?>("--law") { Description = "Use a law given as E,A,B,ALPHA,BETA" };
        var fit = new Option<FileInfo?>("--fit") { Description = "Use a fit from a 'scalingfit fit --json' file: its parametric law, or with --approach the envelope's or IsoFLOP's power law" };
        var approach = new Option<string?>("--approach") { Description = "With --fit: which result to use, envelope, isoflop or parametric (default: parametric when present, else the first)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the allocations as JSON" };
        var command = new Command("allocate", "Compute-optimal allocation for a FLOP budget, a model size or a target loss")
        {
            budget, parameters, loss, paper, law, fit, approach, json,
        };
        command.SetAction(result =>
        {
            OutputPaths.CheckFile(result.GetValue(json), "--json");
            var targets = new[] { (budget, "--budget"), (parameters, "--params"), (loss, "--loss") }
                .Where(t => result.GetValue(t.Item1) is not null).ToArray();
            if (targets.Length != 1)
                throw new UsageException("give exactly one of --budget FLOPS, --params N or --loss L (each may list several values, comma-separated).");
            var (option, name) = targets[0];
            var values = Parse.PositiveList(name, result.GetValue(option)!);
            if (FrontierAllocate.Resolve(result.GetValue(fit), result.GetValue(approach), result.GetValue(paper) || result.GetValue(law) is not null) is { } frontier)
                return FrontierAllocate.Run(context, frontier.Law, frontier.Source, name, values, result.GetValue(json));
            var source = ResolveLaw(result.GetValue(paper), result.GetValue(law), result.GetValue(fit));
            // A parametric fit's JSON also carries its frontier law with the bootstrap pairs: intervals and the data's reach.
            var frontierOfFit = result.GetValue(fit) is { } fitFile ? FitAnnotations.ReadFrontierLaw(File.ReadAllText(fitFile.FullName), "parametric").Law : null;
            if (frontierOfFit is { LargestDataBudget: { } largest })
                FrontierAllocate.WarnBeyondData(context, name == "--budget" ? values : [], largest);
            var rows = values.Select(v => (Input: v, Allocation: name switch
            {
                "--budget" => source.Law.ForBudget(v),
                "--params" => source.Law.ForParameterCount(v),
                _ => source.Law.ForLoss(v),
            })).ToArray();

            Render(context, source, name, rows, frontierOfFit is { BootstrapExponents.Count: > 0 } && name != "--loss" ? frontierOfFit : null);
            if (result.GetValue(json) is { } file)
                OutputFiles.WriteText(file.FullName, AllocationJson.Write(source.Law, source.Description, rows.Select(r => r.Allocation).ToArray()));
            return ExitCodes.Success;
        });
        return command;
    }

    private static (ParametricLaw Law, string Description) ResolveLaw(bool paper, string? law, FileInfo? fit)
    {
        int given = (paper ? 1 : 0) + (law is null ? 0 : 1) + (fit is null ? 0 : 1);
        if (given != 1)
            throw new UsageException("give exactly one law: --paper, --law E,A,B,ALPHA,BETA or --fit RESULT.json.");
        if (paper)
            return (ParametricLaw.Paper, "Hoffmann et al. 2022 (Approach 3)");
        if (law is not null)
            return (Parse.Law(law), "--law");
        if (!fit!.Exists)
            throw new UsageException($"{fit.FullName}: file not found; give the --json output of 'scalingfit fit parametric'.");
        var (read, problem) = LawJson.Read(File.ReadAllText(fit.FullName));
        return read is null ? throw new UsageException($"{fit.FullName}: {problem}.") : (read, fit.Name);
    }

    private static void Render(CliContext context, (ParametricLaw Law, string Description) source, string by, IReadOnlyList<(double Input, Allocation? Allocation)> rows, FrontierLaw? intervals)
    {
        var l = source.Law;
        context.Console.MarkupLine($"[bold]Compute-optimal allocation[/] from {Markup.Escape(source.Description)}: " +
            Markup.Escape($"{l.Formula()};  N_opt ∝ C^{Numbers.Format(l.ExponentA, "F3")}, D_opt ∝ C^{Numbers.Format(l.ExponentB, "F3")}"));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(by.TrimStart('-')).AddColumn(new TableColumn("FLOPs C").RightAligned())
            .AddColumn(new TableColumn("params N").RightAligned()).AddColumn(new TableColumn("tokens D").RightAligned())
            .AddColumn(new TableColumn("tokens/param").RightAligned()).AddColumn(new TableColumn("loss").RightAligned());
        foreach (var (input, a) in rows)
        {
            string inputText = by == "--loss" ? Format.Fixed(input, 4) : by == "--params" ? Format.Count(input) : Format.Sci(input);
            if (a is null)
                table.AddRow(inputText, "unreachable", "", "", "", $"≤ E = {Format.Fixed(l.E, 4)}");
            else if (intervals is not null)
            {
                // The parametric fit's bootstrap pairs (a, ln G − a·ln k): the same intervals as its report's allocation section.
                var f = by == "--budget" ? intervals.AtBudget(a.Flops) : intervals.ForParameterCount(a.ParameterCount);
                table.AddRow(inputText, Markup.Escape(Range(f.Flops, Format.Sci)), Markup.Escape(Range(f.ParameterCount, Format.Count)),
                    Markup.Escape(Range(f.TokenCount, Format.Count)), Format.Fixed(a.TokensPerParameter, 1), Format.Fixed(a.Loss, 4));
            }
            else
            {
                table.AddRow(inputText, Format.Sci(a.Flops), Format.Count(a.ParameterCount), Format.Count(a.TokenCount),
                    Format.Fixed(a.TokensPerParameter, 1), Format.Fixed(a.Loss, 4));
            }
        }
        context.Console.Write(table);
        if (intervals is not null)
            context.Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Ranges: {intervals.Level * 100:0.#}% bootstrap intervals over the fit's {intervals.BootstrapExponents.Count} resamples."));
    }

    private static string Range(ScalingFit.Core.Estimate e, Func<double, string> format) =>
        e.Interval is { } i ? $"{format(e.Value)} ({format(i.Low)}–{format(i.High)})" : format(e.Value);
}
