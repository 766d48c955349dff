using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Reads the user's files through the importers; row errors become one <c>error:</c> line plus details (exit 2).</summary>
internal static class InputLoader
{
    /// <summary>Imports <paramref name="path"/> or throws a <see cref="UsageException"/> naming file, line and column.</summary>
    public static ImportResult Load(CliContext context, string path, ImportOptions options)
    {
        var result = Import(context, path, options);
        if (!result.Succeeded && result.Filters.Count > 0 && result.Errors.All(e => e.Code == ImportErrorCode.NoUsableRows))
            throw new FitFailedException(result.Errors[0].ToString());
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

    /// <summary>Files at least this large get a progress bar while they are read (on a terminal).</summary>
    private const long ProgressThresholdBytes = 64L << 20;

    private static ImportResult Import(CliContext context, string path, ImportOptions options)
    {
        long size = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (!context.Interactive || size < ProgressThresholdBytes || !RunImporter.TryGetFormat(path, out var format))
            return RunImporter.Import(path, options, context.Cancellation);
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RunImporter.Import(path, options, context.Cancellation); // reports the problem with the file's name
        }
        return ProgressBar.Run(context, sink =>
        {
            var progress = sink.Stage($"reading {Path.GetFileName(path)}", (int)Math.Min(int.MaxValue, size / 1024));
            using var stream = new ProgressStream(file, progress);
            return RunImporter.Import(stream, format, path, options, context.Cancellation);
        });
    }

    /// <summary>Imports <c>--input</c> and, when given, <c>--curves</c>, merging the curves into the run set.</summary>
    /// <remarks>When <paramref name="audit"/> is given, each file's path, SHA-256 and row counts are recorded for the JSON's provenance.</remarks>
    public static RunSet LoadRuns(CliContext context, CommonInput input, ResultAudit? audit = null)
    {
        if (input.Logs.GroupBy.Length > 0)
            throw new UsageException("--group-by works with fit, report and inspect (and predict, backtest, compare --compare-to); for this command select one group with --where (e.g. --where 'experiment == \"x\"').");
        return LoadImport(context, input, audit).RunSet;
    }

    /// <summary>Like <see cref="LoadRuns"/>, but the whole import (groups, selection counts) is returned.</summary>
    public static ImportResult LoadImport(CliContext context, CommonInput input, ResultAudit? audit = null)
    {
        var options = input.ImportOptions();
        var import = Load(context, input.Input.FullName, options);
        audit?.Inputs.Add(ProvenanceInput.Of("input", input.Input.FullName, import));
        var runs = import.RunSet;
        if (input.Curves is { } curvesFile)
        {
            var curvesImport = Load(context, curvesFile.FullName, options);
            audit?.Inputs.Add(ProvenanceInput.Of("curves", curvesFile.FullName, curvesImport));
            var curves = curvesImport.RunSet;
            if (!curves.HasCurves)
                throw new UsageException($"{curvesFile.FullName}: holds no training curves (every run has one row); give a file with several rows per run to --curves.");
            runs = runs with { Curves = curves.Curves };
        }
        return import with { RunSet = runs };
    }
}
