using System.Globalization;
using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using Spectre.Console;

namespace ScalingFit.Cli.Commands;

/// <summary>
/// <c>allocate --fit</c> with an envelope or IsoFLOP result: N_opt, D_opt (and C for <c>--params</c>) from the fit's
/// power law (library <see cref="FrontierLaw"/>), with the bootstrap interval of each number and a warning with the
/// extrapolation factor for a budget beyond the data.
/// </summary>
internal static class FrontierAllocate
{
    private static readonly string[] Approaches = ["envelope", "isoflop", "parametric"];

    /// <summary>
    /// The power law to allocate from, or null when the parametric law (the existing path) is to be used: no --fit, the
    /// parametric result chosen, or a parametric result present and no --approach given.
    /// </summary>
    public static (FrontierLaw Law, string Source)? Resolve(FileInfo? fit, string? approach, bool otherLawGiven)
    {
        if (approach is not null && !Approaches.Contains(approach))
            throw new UsageException($"--approach {approach}: use envelope, isoflop or parametric.");
        if (fit is null)
            return approach is null ? null : throw new UsageException("--approach chooses a result in a --fit file; give --fit RESULT.json too.");
        if (otherLawGiven || !fit.Exists || approach == "parametric")
            return null; // the parametric path reports these (one law only; file not found; the law)
        string text = File.ReadAllText(fit.FullName);
        if (approach is null && LawJson.Read(text).Law is not null)
            return null;
        var (law, problem) = FitAnnotations.ReadFrontierLaw(text, approach);
        if (law is null)
            throw new UsageException($"{fit.FullName}: {problem}.");
        return (law, $"{fit.Name} ({law.Approach})");
    }

    public static int Run(CliContext context, FrontierLaw law, string source, string by, IReadOnlyList<double> values, FileInfo? json)
    {
        if (by == "--loss")
            throw new UsageException($"--loss: the {law.Approach} fit gives N_opt ∝ C^a, not a loss model; use --budget or --params, or a parametric fit (--approach parametric).");
        var rows = values.Select(v => by == "--budget" ? law.AtBudget(v) : law.ForParameterCount(v)).ToArray();
        if (law.LargestDataBudget is { } largest)
            WarnBeyondData(context, rows.Select(r => r.Flops.Value).ToArray(), largest);
        if (law.BootstrapExponents.Count == 0)
            context.Note("note: the fit was run without a bootstrap, so the numbers have no intervals; refit with --bootstrap N.");

        context.Console.MarkupLine($"[bold]Compute-optimal allocation[/] from {Markup.Escape(source)}: " + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"N_opt = {Math.Exp(law.LnCoefficient):0.####e+0}·C^{law.Exponent:0.000}, D_opt = C/({law.FlopFactor:G4}·N_opt); {law.Level * 100:0.#}% intervals from {law.BootstrapExponents.Count} bootstrap resamples")));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(by.TrimStart('-')).AddColumn(new TableColumn("FLOPs C").RightAligned())
            .AddColumn(new TableColumn("params N").RightAligned()).AddColumn(new TableColumn("tokens D").RightAligned())
            .AddColumn(new TableColumn("tokens/param").RightAligned()).AddColumn(new TableColumn("past the data").RightAligned());
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            table.AddRow(Markup.Escape(by == "--budget" ? Format.Sci(values[i]) : Format.Count(values[i])),
                Markup.Escape(WithRange(r.Flops, Format.Sci)), Markup.Escape(WithRange(r.ParameterCount, Format.Count)),
                Markup.Escape(WithRange(r.TokenCount, Format.Count)), Format.Fixed(r.TokensPerParameter, 1),
                r.ExtrapolationFactor is { } f ? Markup.Escape(Factor(f)) : "");
        }
        context.Console.Write(table);
        if (json is not null)
            OutputFiles.WriteText(json.FullName, FrontierAllocationJson.Write(law, source, rows));
        return ExitCodes.Success;
    }

    /// <summary>A warning on stderr for each budget beyond the largest budget in the data, with the factor.</summary>
    public static void WarnBeyondData(CliContext context, IReadOnlyList<double> budgets, double largest)
    {
        foreach (var c in budgets.Where(c => c > largest))
        {
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"warning: C = {Format.Sci(c)} is {Factor(c / largest)} the largest budget in the data ({Format.Sci(largest)}): N_opt and D_opt there extrapolate the fitted power law{(c / largest > 100 ? "; past 100×, treat them as a guess" : "")}."));
        }
    }

    private static string Factor(double f) => f.ToString(f >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture) + "×";

    private static string WithRange(Estimate e, Func<double, string> format) =>
        e.Interval is { } i ? $"{format(e.Value)} ({format(i.Low)}–{format(i.High)})" : format(e.Value);
}
