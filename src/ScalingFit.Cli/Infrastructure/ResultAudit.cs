using System.CommandLine;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// What a fitting command records beside its fits: the plausibility checks of each (library
/// <see cref="PlausibilityChecks"/>), the inputs and options for the JSON's provenance block, and <c>--strict</c>.
/// </summary>
internal sealed class ResultAudit
{
    private readonly Dictionary<IAllocationFit, (RunSet Runs, IReadOnlyList<Diagnostic> Checks)> _fits = new(ReferenceEqualityComparer.Instance);

    /// <summary>Inputs read (filled by <see cref="InputLoader"/>).</summary>
    public List<ProvenanceInput> Inputs { get; } = [];

    /// <summary>Approaches skipped with the reason.</summary>
    public List<KeyValuePair<string, string>> Skipped { get; } = [];

    /// <summary>Changes to the data the command made on its own (e.g. a mode's drop of the highest losses).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Data checks (before any fit) that found something.</summary>
    public List<Diagnostic> DataProblems { get; } = [];

    /// <summary>Runs the plausibility checks of <paramref name="fit"/> against the data it was given.</summary>
    public IReadOnlyList<Diagnostic> Check(IAllocationFit fit, RunSet runs)
    {
        var checks = PlausibilityChecks.Check(fit, runs);
        _fits[fit] = (runs, checks);
        return checks;
    }

    /// <summary>Checks every fit of <paramref name="results"/> against its runs and records the approaches skipped.</summary>
    public void Record(FitAllResult results)
    {
        foreach (var fit in results.Fits)
            Check(fit, results.Runs);
        foreach (var skipped in results.Skipped)
            Skipped.Add(new(skipped.Approach.Name(), skipped.Reason));
    }

    /// <summary>The checks of a fit (empty when it was not checked).</summary>
    public IReadOnlyList<Diagnostic> ChecksOf(IAllocationFit fit) => _fits.TryGetValue(fit, out var e) ? e.Checks : [];

    /// <summary>The fit's frontier law with the largest budget of its data, for the JSON and <c>allocate --fit</c>.</summary>
    public FrontierLaw? FrontierLawOf(IAllocationFit fit) =>
        FrontierLaw.From(fit, _fits.TryGetValue(fit, out var e) ? PlausibilityChecks.LargestBudget(e.Runs) : null);

    /// <summary>The fit's report followed by its plausibility checks.</summary>
    public string Report(IAllocationFit fit) => fit.ToReport() + Environment.NewLine + PlausibilityChecks.Report(ChecksOf(fit));

    /// <summary>
    /// The exponent table with a <c>checks</c> column; an exponent whose fit failed a check is marked "⚠", so that no
    /// bare confident a is printed.
    /// </summary>
    public TextTable WithChecks(TextTable table, IReadOnlyList<IAllocationFit> fits)
    {
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i].ToList();
            if (i < fits.Count)
            {
                var checks = ChecksOf(fits[i]).Where(PlausibilityChecks.IsFailure).ToArray();
                if (checks.Length > 0)
                {
                    row[1] = "⚠ " + row[1];
                    row[2] = "⚠ " + row[2];
                }
                row.Add(checks.Length == 0 ? "passed" : string.Join(", ", checks.Select(c => c.Code)));
            }
            else
            {
                row.Add("");
            }
            rows.Add(row);
        }
        return table with { Headers = [.. table.Headers, "checks"], Rows = rows };
    }

    /// <summary>Prints, under a summary table, which results failed a check (stdout, beside the results).</summary>
    public void Summarise(CliContext context, IReadOnlyList<IAllocationFit> fits)
    {
        var failed = fits.Where(f => ChecksOf(f).Any(PlausibilityChecks.IsFailure)).ToArray();
        if (failed.Length == 0)
        {
            context.Out.WriteLine($"Plausibility checks: all passed for {fits.Count} result(s).");
            return;
        }
        context.Out.WriteLine($"⚠ Plausibility checks failed for {failed.Length} of {fits.Count} result(s); check these before using their a and b:");
        foreach (var fit in failed)
            foreach (var c in ChecksOf(fit).Where(PlausibilityChecks.IsFailure))
                context.Out.WriteLine($"  {ResultTables.Label(fit.Approach)}: {c}");
    }

    /// <summary>The JSON of <c>fit</c> and <c>reproduce</c>: results with <c>checks</c>, <c>frontierLaw</c> and (when given) <c>lossFrontier</c>, and the provenance block.</summary>
    public string Json(IReadOnlyList<IAllocationFit> fits, ParseResult parse, string command, IReadOnlyList<LossFrontier>? frontiers = null)
    {
        var provenance = new Provenance("scalingfit", Version, command, Inputs, Options(parse), Skipped, Notes);
        return FitResultJson.Write(fits, provenance.Write, FitAnnotations.Writer(ChecksOf, FrontierLawOf, fit => FitAnnotations.Of(frontiers, fit)));
    }

    /// <summary>With <c>--strict</c>, every warning (data checks, the fits' diagnostics, plausibility checks) fails the command: exit 1.</summary>
    public void ThrowIfStrict(bool strict, IReadOnlyList<IAllocationFit> fits)
    {
        if (!strict)
            return;
        var warnings = DataProblems.Where(d => d.Severity >= Severity.Warning)
            .Concat(fits.SelectMany(f => f.Diagnostics.Where(d => d.Severity >= Severity.Warning)))
            .Concat(fits.SelectMany(ChecksOf).Where(PlausibilityChecks.IsFailure)).Select(d => d.Code).ToArray();
        if (warnings.Length > 0)
            throw new FitFailedException($"--strict: {warnings.Length} warning(s) ({string.Join(", ", warnings.Distinct())}); the results above were printed and written, but are not to be used as they are. Resolve the warnings, or drop --strict.");
    }

    /// <summary>The tool's version (the assembly's informational version without the commit suffix).</summary>
    public static string Version =>
        (typeof(ResultAudit).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
         ?? typeof(ResultAudit).Assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];

    /// <summary>Every option of the parsed command with the value used (given or default), in the command's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Options(ParseResult parse)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (option is System.CommandLine.Help.HelpOption or VersionOption)
                continue;
            object? value = parse.GetResult(option) is { } r ? r.GetValueOrDefault<object?>()
                : option.HasDefaultValue ? option.GetDefaultValue() : null;
            list.Add(new(option.Name.TrimStart('-'), Text(value)));
        }
        if (parse.CommandResult.Command.Options.Any(o => o.Name == "--threads"))
            list.Add(new("threads-available", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)));
        return list;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        FileSystemInfo f => f.FullName,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => string.Join(" ", e.Cast<object?>().Select(Text)),
        _ => value.ToString() ?? "",
    };
}
