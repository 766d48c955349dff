using ScalingFit.Core.Domain;
using ScalingFit.IO.Import;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Reads the user's files through the importers; row errors become one <c>error:</c> line plus details (exit 2).</summary>
internal static class InputLoader
{
    /// <summary>Imports <paramref name="path"/> or throws a <see cref="UsageException"/> naming file, line and column.</summary>
    public static ImportResult Load(CliContext context, string path, ImportOptions options)
    {
        var result = RunImporter.Import(path, options, context.Cancellation);
        if (!result.Succeeded)
        {
            var first = result.Errors[0];
            var more = result.Errors.Skip(1).Take(9).Select(e => $"error: {e}").ToList();
            if (result.Errors.Count > 10)
                more.Add($"... and {result.Errors.Count - 10} more problems.");
            throw new UsageException(first.ToString(), more);
        }
        foreach (var note in result.Notes)
            context.Note($"note: {note}");
        return result;
    }

    /// <summary>Imports <c>--input</c> and, when given, <c>--curves</c>, merging the curves into the run set.</summary>
    public static RunSet LoadRuns(CliContext context, CommonInput input)
    {
        var options = input.ImportOptions();
        var runs = Load(context, input.Input.FullName, options).RunSet;
        if (input.Curves is { } curvesFile)
        {
            var curves = Load(context, curvesFile.FullName, options).RunSet;
            if (!curves.HasCurves)
                throw new UsageException($"{curvesFile.FullName}: holds no training curves (every run has one row); give a file with several rows per run to --curves.");
            runs = runs with { Curves = curves.Curves };
        }
        return runs;
    }
}
