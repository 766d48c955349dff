using System.CommandLine;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using Spectre.Console;

namespace ScalingFit.Cli.Commands;

/// <summary><c>scalingfit inspect</c>: what a file holds, the FLOP budgets it forms, and the problems found.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var input = new InputOptions();
        var json = new Option<FileInfo?>("--json") { Description = "Also write the summary as JSON" };
        var command = new Command("inspect", "Summarise a sweep file: runs, curves, ranges, FLOP budgets and problems");
        input.AddTo(command);
        command.Add(json);
        command.SetAction(result =>
        {
            var options = input.Read(result);
            OutputPaths.CheckFile(result.GetValue(json), "--json");
            var import = InputLoader.Load(context, options.Input.FullName, options.ImportOptions());
            var runs = import.RunSet;
            var summary = RunSetSummary.Of(runs);
            var problems = DataChecks.Check(runs);
            var budgets = RecognisedBudgets(runs);

            Render(context, import, summary, budgets, problems);
            if (import.Groups.Count > 0)
                TableView.Write(context, GroupComparison.ImportTable(import));
            if (result.GetValue(json) is { } file)
                OutputFiles.WriteText(file.FullName, InspectJson.Write(import, summary, budgets, problems));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<double> RecognisedBudgets(RunSet runs)
    {
        if (runs.Runs.Count < 3)
            return [];
        var fit = IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
        return fit.Budgets.Where(b => b.Kept).Select(b => b.Flops).ToArray();
    }

    private static void Render(CliContext context, IO.ImportResult import, RunSetSummary s, IReadOnlyList<double> budgets, IReadOnlyList<Diagnostic> problems)
    {
        var c = context.Console;
        c.MarkupLine($"[bold]{Markup.Escape(import.File)}[/] ({import.Format?.ToString().ToLowerInvariant()})");
        c.MarkupLine(Markup.Escape($"{s.Runs} runs, {s.Curves} training curves, {import.RowsKept} data rows kept of {import.RowsRead} read; {s.DistinctSizes} distinct model sizes"));
        c.MarkupLine(Markup.Escape("columns: " + string.Join(", ", import.Columns.OrderBy(p => p.Key).Select(p => $"{IO.ColumnKeys.CliKey(p.Key)} = '{p.Value}'"))
            + (import.TokensDerived ? "; D derived as C/(6N)" : "") + (import.FlopsDerived ? "; C derived as 6ND" : "") + (import.ParametersDerived ? "; N derived as C/(6D)" : "")));
        foreach (var filter in import.Filters)
            c.MarkupLine(Markup.Escape($"selection: {filter}"));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("quantity")
            .AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("decades").RightAligned());
        void Row(string name, ValueRange r, Func<double, string> f) => table.AddRow(name, f(r.Min), f(r.Max), Format.Fixed(r.Decades, 2));
        Row("params N", s.ParameterCount, Format.Count);
        Row("tokens D", s.TokenCount, Format.Count);
        Row("FLOPs C", s.Flops, Format.Sci);
        Row("final loss L", s.Loss, v => Format.Fixed(v, 4));
        c.Write(table);
        c.MarkupLine(budgets.Count == 0
            ? "FLOP budgets: none recognised (IsoFLOP profiles need several runs at each of several budgets)"
            : Markup.Escape($"FLOP budgets with an IsoFLOP valley ({budgets.Count}): {string.Join(", ", budgets.Select(Format.Sci))}"));
        if (problems.Count == 0 && import.Notes.All(n => n.Code == IO.ImportErrorCode.RowsFiltered))
            c.MarkupLine("problems: none found");
        foreach (var p in problems)
            context.Note($"{p.Severity.ToString().ToLowerInvariant()}: {p.Message}");
    }
}
