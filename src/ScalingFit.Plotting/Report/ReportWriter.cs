using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Plotting;

/// <summary>Options of <see cref="ReportWriter"/>. Every default is visible here; change them with <c>with { … }</c>.</summary>
/// <param name="Title">The HTML report's title.</param>
/// <param name="Description">A paragraph under the title (e.g. where the data came from); none when null.</param>
/// <param name="CompareWithPublished">Write Table 2 and Table 3 beside the paper's and Epoch AI's numbers
/// (<c>table2</c>, <c>table3</c>); when false, one table of the exponents (<c>exponents</c>).</param>
/// <param name="Footer">The HTML footer; the library's version when null.</param>
/// <param name="Formats">The files each figure is written as: PNG, SVG or both (the default); <c>index.html</c> always embeds SVG.</param>
/// <param name="ResultsJson">The text of <c>results.json</c> (e.g. with a provenance block); <see cref="FitResultJson.Write"/> of the fits
/// with their <c>lossFrontier</c> blocks when null.</param>
public sealed record ReportOptions(
    string Title = "Scaling-law fit report",
    string? Description = null,
    bool CompareWithPublished = true,
    string? Footer = null,
    FigureFormat Formats = FigureFormat.Both,
    string? ResultsJson = null)
{
    /// <summary>
    /// The loss frontiers L*(C) of the fits (<see cref="ScalingLaws.LossFrontiers"/>), computed once by the caller for
    /// the JSON and the figures; when null the writer computes them with each fit's own bootstrap options.
    /// </summary>
    public IReadOnlyList<LossFrontier>? Frontiers { get; init; }

    /// <summary>
    /// The backtest behind the predicted-against-observed figure (<see cref="SweepBacktester.Run"/>), computed by the
    /// caller; when null the writer runs it with <see cref="SweepBacktestOptions.Default"/>.
    /// </summary>
    public SweepBacktest? Backtest { get; init; }

    /// <summary>"Scaling-law fit report", compared with the published figures.</summary>
    public static ReportOptions Default { get; } = new();
}

/// <summary>What <see cref="ReportWriter.Write(FitAllResult, string, ReportOptions?, CancellationToken)"/> wrote.</summary>
/// <param name="Folder">The full path of the folder.</param>
/// <param name="Files">The full path of every file written, in the order written.</param>
/// <param name="FigureCount">Figures (each in every format of <paramref name="Formats"/>).</param>
/// <param name="TableCount">Tables (each as Markdown and CSV).</param>
/// <param name="ReportCount">Text reports, one per fit.</param>
/// <param name="Tables">The tables, for printing.</param>
/// <param name="Formats">The formats the figures were written in.</param>
public sealed record ReportFiles(string Folder, IReadOnlyList<string> Files, int FigureCount, int TableCount, int ReportCount,
    IReadOnlyList<(string Name, TextTable Table)> Tables, FigureFormat Formats)
{
    /// <summary>One sentence saying what was written where.</summary>
    public override string ToString() =>
        $"wrote index.html, {FigureCount} figures ({string.Join(" and ", FigureFormats.Each(Formats).Select(f => f.ToString().ToUpperInvariant()))}), {TableCount} tables (Markdown and CSV), results.json and {ReportCount} reports to {Folder}";
}

/// <summary>
/// Writes the report folder of a set of fits: <c>results.json</c> (<see cref="FitResultJson"/>, with each fit's loss
/// frontier), the tables as Markdown and CSV (<see cref="ResultTables"/>), each fit's <c>report-APPROACH.txt</c>, every
/// figure as PNG and/or SVG (<see cref="ReportFigures"/>; the loss frontier and, when the sweep allows, a backtest of its
/// top budgets among them) and a self-contained <c>index.html</c> with the figures embedded as SVG (<see cref="HtmlReport"/>). Each file is
/// written to a temporary file and renamed (<see cref="AtomicFile"/>), so it is complete or absent.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the report of <paramref name="results"/> (its fits and runs) into <paramref name="folder"/>, creating it.</summary>
    /// <exception cref="IOException">The folder or a file cannot be written (nothing half-written is left behind).</exception>
    public static ReportFiles Write(FitAllResult results, string folder, ReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Write(results.Fits, results.Runs, folder, options, cancellationToken);
    }

    /// <summary>Writes the report of <paramref name="fits"/>, made from <paramref name="runs"/>, into <paramref name="folder"/>, creating it.</summary>
    /// <exception cref="IOException">The folder or a file cannot be written (nothing half-written is left behind).</exception>
    public static ReportFiles Write(IReadOnlyList<IAllocationFit> fits, RunSet runs, string folder, ReportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= ReportOptions.Default;
        string dir = Directory.CreateDirectory(folder).FullName;
        var written = new List<string>();
        void Save(string name, string text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = Path.Combine(dir, name);
            AtomicFile.WriteAllText(path, text, cancellationToken);
            written.Add(path);
        }
        void SaveBytes(string name, byte[] bytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = Path.Combine(dir, name);
            AtomicFile.Write(path, stream => stream.Write(bytes), cancellationToken);
            written.Add(path);
        }

        var published = PublishedFigures.Load();
        var tables = Tables(fits, options.CompareWithPublished ? published : null);
        var frontiers = options.Frontiers ?? ScalingLaws.LossFrontiers(new FitAllResult(fits, [], [], runs), null, null, cancellationToken);
        Save("results.json", options.ResultsJson ?? FitResultJson.Write(fits, perFit: FitAnnotations.LossFrontierWriter(frontiers)));
        foreach (var (name, table) in tables)
        {
            Save(name + ".md", table.ToMarkdown());
            Save(name + ".csv", table.ToCsv());
        }
        // Every report carries its plausibility checks (Checks/PlausibilityChecks), so no file shows a bare number.
        var checks = fits.ToDictionary(f => f, f => PlausibilityChecks.Check(f, runs));
        string ReportOf(IAllocationFit fit) => fit.ToReport() + Environment.NewLine + PlausibilityChecks.Report(checks[fit]);
        foreach (var fit in fits)
            Save($"report-{fit.Approach.Name()}.txt", ReportOf(fit));

        var backtest = options.Backtest ?? SweepBacktester.Run(new FitAllResult(fits, [], [], runs), null, null, cancellationToken);
        var figures = ReportFigures.All(Inputs(fits, runs, published) with { LossFrontiers = frontiers, Backtest = backtest });
        foreach (var figure in figures)
            foreach (var format in FigureFormats.Each(options.Formats))
                SaveBytes(figure.FileName(format), figure.Render(format));

        var html = new HtmlReport(options.Title)
        {
            Description = options.Description,
            Tables = tables.Select(t => new ReportTable(t.Table.Title, t.Table.Headers, t.Table.Rows)).ToArray(),
            Figures = figures,
            FigureFiles = options.Formats,
            FitReports = fits.Select(f => new ReportText(f.Approach.Label(), ReportOf(f))).ToArray(),
            Diagnostics = [.. fits.SelectMany(f => f.Diagnostics.Concat(checks[f]).Select(d => new ReportDiagnostic(f.Approach.Label(), d))),
                .. frontiers.Where(f => !f.Succeeded).Select(f => new ReportDiagnostic(f.Approach.Label() + ": loss frontier", f.Diagnostics.First(d => d.Severity == Severity.Error))),
                // Without any target the first note says why for all; otherwise one note per approach and cutoff that failed.
                .. (backtest.HasTargets ? backtest.Diagnostics : backtest.Diagnostics.Take(1)).Select(d => new ReportDiagnostic("backtest", d))],
            Footer = options.Footer ?? $"Made by ScalingFit {typeof(ReportWriter).Assembly.GetName().Version?.ToString(3)}.",
        };
        Save("index.html", html.ToHtml());
        return new ReportFiles(dir, written, figures.Count, tables.Count, fits.Count, tables, options.Formats);
    }

    /// <summary>
    /// The tables of a report: with <paramref name="published"/>, <c>table2</c> (exponents beside the paper's Table 2 and
    /// Epoch AI's replication) and <c>table3</c> (projections beside the paper's Table 3); without, <c>exponents</c>.
    /// </summary>
    public static IReadOnlyList<(string Name, TextTable Table)> Tables(IReadOnlyList<IAllocationFit> fits, PublishedFigures? published) =>
        published is null
            ? [("exponents", ResultTables.Exponents(fits))]
            : [("table2", ResultTables.Exponents(fits, published)), ("table3", ResultTables.Projections(fits, published))];

    /// <summary>The figures' inputs: the runs, each approach's fit, and the published comparisons of the frontier figure.</summary>
    public static FigureInputs Inputs(IReadOnlyList<IAllocationFit> fits, RunSet runs, PublishedFigures published) => new()
    {
        Runs = runs,
        Curves = runs.HasCurves ? runs : null,
        // The per-approach figures draw each approach's own detail (frontier points, budgets, the law), so they take the concrete results.
        Envelope = fits.OfType<EnvelopeFitResult>().FirstOrDefault(),
        IsoFlop = fits.OfType<IsoFlopFitResult>().FirstOrDefault(),
        Parametric = fits.OfType<ParametricFitResult>().FirstOrDefault(),
        References = FrontierReferences.Paper with
        {
            Projections = published.Table3.Select(p => new ReferencePoint(p.ParameterCount, p.Flops, p.TokenCount)).ToArray(),
            Landmarks = published.Landmarks.Select(l => new Landmark(l.Name, l.ParameterCount, l.Flops)).ToArray(),
        },
    };
}
