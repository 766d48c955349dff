using ScalingFit.Core.Domain;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Envelope;
using ScalingFit.Fitting.IsoFlop;
using ScalingFit.Fitting.Parametric;
using ScalingFit.IO.Results;
using ScalingFit.Plotting;
using ScalingFit.Plotting.Figures;
using ScalingFit.Plotting.Report;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// Writes what <c>reproduce --out DIR</c>, <c>fit --out DIR</c> and <c>report --out DIR</c> promise: the tables as Markdown and CSV,
/// the JSON, each approach's report, every figure as its own PNG and/or SVG (<c>--format</c>), and a self-contained
/// <c>index.html</c> with the figures embedded as SVG.
/// Each file is written completely or not at all.
/// </summary>
internal static class ReproductionOutput
{
    public static void Write(CliContext context, DirectoryInfo folder, string title, string description, RunSet runs,
        IReadOnlyList<IAllocationFit> fits, IReadOnlyList<(string Name, TextTable Table)> tables, string json, FigureFormat formats)
    {
        var dir = OutputFiles.Folder(folder.FullName).FullName;
        OutputFiles.WriteText(Path.Combine(dir, "results.json"), json);
        foreach (var (name, table) in tables)
        {
            OutputFiles.WriteText(Path.Combine(dir, name + ".md"), table.ToMarkdown());
            OutputFiles.WriteText(Path.Combine(dir, name + ".csv"), table.ToCsv());
        }
        foreach (var fit in fits)
            OutputFiles.WriteText(Path.Combine(dir, $"report-{fit.Approach.Name()}.txt"), fit.ToReport());

        var inputs = new FigureInputs
        {
            Runs = runs,
            Curves = runs.HasCurves ? runs : null,
            Envelope = fits.OfType<EnvelopeFitResult>().FirstOrDefault(),
            IsoFlop = fits.OfType<IsoFlopFitResult>().FirstOrDefault(),
            Parametric = fits.OfType<ParametricFitResult>().FirstOrDefault(),
            References = References(),
        };
        var figures = ReportFigures.All(inputs);
        foreach (var figure in figures)
        {
            foreach (var format in FigureFormats.Each(formats))
            {
                byte[] bytes = figure.Render(format);
                OutputFiles.Write(Path.Combine(dir, figure.FileName(format)), stream => stream.Write(bytes));
            }
        }

        var html = new HtmlReport(title)
        {
            Description = description,
            Tables = tables.Select(t => new ReportTable(t.Table.Title, t.Table.Headers, t.Table.Rows)).ToArray(),
            Figures = figures,
            FigureFiles = formats,
            FitReports = fits.Select(f => new ReportText(ResultTables.Label(f.Approach), f.ToReport())).ToArray(),
            Diagnostics = fits.SelectMany(f => f.Diagnostics.Select(d => new ReportDiagnostic(ResultTables.Label(f.Approach), d))).ToArray(),
            Footer = $"Made by scalingfit {typeof(ReproductionOutput).Assembly.GetName().Version?.ToString(3)}.",
        };
        OutputFiles.WriteText(Path.Combine(dir, "index.html"), html.ToHtml());
        context.Note($"wrote index.html, {figures.Count} figures ({string.Join(" and ", FigureFormats.Each(formats).Select(f => f.ToString().ToUpperInvariant()))}), {tables.Count} tables (Markdown and CSV), results.json and {fits.Count} reports to {dir}");
    }

    /// <summary>The published comparisons drawn on the frontier figure, from the embedded published figures.</summary>
    private static FrontierReferences References()
    {
        var published = PublishedFigures.Load();
        return FrontierReferences.Paper with
        {
            Projections = published.Table3.Select(p => new ReferencePoint(p.ParameterCount, p.Flops, p.TokenCount)).ToArray(),
            Landmarks = published.Landmarks.Select(l => new Plotting.Figures.Landmark(l.Name, l.ParameterCount, l.Flops)).ToArray(),
        };
    }
}
