using ScalingFit.Cli.Infrastructure;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Cli.Commands;

/// <summary>
/// <c>predict … --group-by COL</c>: each group of the import fitted and predicted on its own, its tables captioned with its
/// name, one JSON with every group's predictions, and its figure in a folder of its own. A group that cannot be read or
/// fitted is a note (and a <c>problem</c> in the JSON); the command fails (exit 1) only when no group gave predictions.
/// </summary>
internal static class GroupedPredict
{
    public static int Run(CliContext context, ImportResult import, Approach[] approaches, ApproachOptions approachOptions, LossFrontierOptions frontierOptions,
        double[] budgets, (double N, double D)[] pairs, FileInfo? json, DirectoryInfo? figures)
    {
        var documents = new List<GroupedDocument>();
        foreach (var group in import.Groups)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (!group.Import.Succeeded)
            {
                Skip(context, documents, group.Name, "import failed: " + group.Import.Errors[0]);
                continue;
            }
            IReadOnlyList<LossFrontier> frontiers;
            try
            {
                frontiers = Predictions.Fit(context, group.Import.RunSet, approaches, approachOptions, frontierOptions, skip: approaches.Length > 1, group.Name);
            }
            catch (FitFailedException ex)
            {
                Skip(context, documents, group.Name, ex.Message);
                continue;
            }
            if (pairs.Length > 0 && !frontiers.Any(f => f.Approach == Approach.Parametric) && budgets.Length == 0)
            {
                Skip(context, documents, group.Name, "--at N:D needs the parametric law, which could not be fitted to this group.");
                continue;
            }
            var made = frontiers.Select(f => ApproachPredictions.Make(f, budgets, pairs)).ToList();
            foreach (var m in made)
                foreach (var d in m.Warnings)
                    context.Note($"{group.Name}: {m.Frontier.Approach.Name()}: {d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
            if (budgets.Length > 0)
                TableView.Write(context, GroupedOutput.ForGroup(group.Name, PredictionOutput.BudgetTable(made)));
            if (pairs.Length > 0)
                TableView.Write(context, GroupedOutput.ForGroup(group.Name, PredictionOutput.AllocationTable(made)));
            documents.Add(new GroupedDocument(group.Name, PredictionOutput.Json(made), null));
            if (figures is not null)
                FigureFiles.Write(new DirectoryInfo(Path.Combine(figures.FullName, GroupedFit.FolderName(group.Name))), ("frontier", ScalingFit.Plotting.PredictionFigures.Frontier(frontiers,
                    maxFlops: budgets.Length > 0 ? Math.Max(budgets.Max() * 2, frontiers.Max(f => f.DataFlops.Max) * 10) : null)));
        }
        if (json is not null)
            OutputFiles.WriteText(json.FullName, GroupedOutput.Json(documents));
        if (documents.All(d => d.Json is null))
            throw new FitFailedException($"no group could be predicted ({documents.Count} groups; see the reasons above).");
        return ExitCodes.Success;
    }

    private static void Skip(CliContext context, List<GroupedDocument> documents, string group, string problem)
    {
        // Predictions.Fit names the group already.
        if (problem.StartsWith(group + ": ", StringComparison.Ordinal))
            problem = problem[(group.Length + 2)..];
        context.Note($"{group}: not predicted: {problem}");
        documents.Add(new GroupedDocument(group, null, problem));
    }
}
