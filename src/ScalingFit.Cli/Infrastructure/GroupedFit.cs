using ScalingFit.Cli.Commands;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// <c>fit … --group-by COL</c>: fits each group of the import on its own and prints one comparison table. A group that
/// cannot be fitted is a row of the table, not an error; the command fails (exit 1) only when no group could be fitted.
/// </summary>
internal static class GroupedFit
{
    public static int Run(CliContext context, ImportResult import, FitAllOptions options, FileInfo? json, DirectoryInfo? folder, string title, FigureFormat formats)
    {
        var results = new List<GroupFit>();
        var fitted = new List<FitAllResult?>();
        foreach (var group in import.Groups)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (!group.Import.Succeeded)
            {
                results.Add(new GroupFit(group, [], [("import", group.Import.Errors[0].Message)]));
                fitted.Add(null);
                continue;
            }

            var runs = group.Import.RunSet;
            foreach (var problem in DataChecks.Check(runs))
                context.Note($"{group.Name}: {problem.Severity.ToString().ToLowerInvariant()}: {problem.Message}");
            var outcome = FitRunner.Run(context, runs, options, reportSkipped: false);
            var notFitted = outcome.Skipped.Select(s => (s.Approach.Name(), s.Reason)).ToList();
            results.Add(new GroupFit(group, outcome.Fits, notFitted));
            fitted.Add(outcome);
        }

        var table = GroupComparison.Table(results);
        TableView.Write(context, table);
        var text = GroupComparison.Json(results);
        if (folder is not null)
        {
            // The comparison at the top, and each fitted group's full report (tables, JSON, figures, index.html) in its own folder.
            var dir = OutputFiles.Folder(folder.FullName);
            OutputFiles.WriteText(Path.Combine(dir.FullName, "groups.md"), table.ToMarkdown());
            OutputFiles.WriteText(Path.Combine(dir.FullName, "groups.csv"), table.ToCsv());
            OutputFiles.WriteText(Path.Combine(dir.FullName, "results.json"), text);
            for (var i = 0; i < results.Count; i++)
            {
                if (fitted[i] is not { Succeeded: true } fits)
                    continue;
                var g = results[i].Group;
                var sub = new DirectoryInfo(Path.Combine(dir.FullName, FolderName(g.Name)));
                ResultOutput.Write(context, fits, sub, null, new ReportOptions($"{title}: {g.Name}", $"Data: {import.File}, group {g.Name} ({g.Rows} rows).", Formats: formats));
            }
        }

        if (json is not null)
            OutputFiles.WriteText(json.FullName, text);
        if (!results.Any(r => r.AnyFitted))
            throw new FitFailedException($"no group could be fitted ({results.Count} groups; see the table above).");
        return ExitCodes.Success;
    }

    /// <summary>A folder name for a group: characters that no file system takes become '_'.</summary>
    public static string FolderName(string group)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string(group.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
        return name.Length == 0 ? "group" : name;
    }
}
