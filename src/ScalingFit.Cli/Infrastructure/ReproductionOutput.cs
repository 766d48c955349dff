using ScalingFit.Fitting;
using ScalingFit.IO.Results;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Writes what <c>reproduce --out DIR</c> promises: tables as Markdown and CSV, the JSON and each approach's report.</summary>
internal static class ReproductionOutput
{
    public static void Write(CliContext context, DirectoryInfo folder, IReadOnlyList<IAllocationFit> fits, TextTable exponents, TextTable projections, string json)
    {
        var dir = OutputFiles.Folder(folder.FullName).FullName;
        OutputFiles.WriteText(Path.Combine(dir, "results.json"), json);
        OutputFiles.WriteText(Path.Combine(dir, "table2.md"), exponents.ToMarkdown());
        OutputFiles.WriteText(Path.Combine(dir, "table2.csv"), exponents.ToCsv());
        OutputFiles.WriteText(Path.Combine(dir, "table3.md"), projections.ToMarkdown());
        OutputFiles.WriteText(Path.Combine(dir, "table3.csv"), projections.ToCsv());
        foreach (var fit in fits)
            OutputFiles.WriteText(Path.Combine(dir, $"report-{fit.Approach}.txt"), fit.ToReport());
        context.Note($"wrote results.json, table2.md/.csv, table3.md/.csv and {fits.Count} reports to {dir}");
    }
}
