using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Reads a plan written by <see cref="PlanWriter"/> (or any run file with a <c>predicted_loss</c> column): the runs'
/// id, N, D, C and budget, with the predicted loss as <see cref="Core.Run.Loss"/>. Errors are located as for
/// any import.
/// </summary>
public static class PlanReader
{
    /// <summary>Imports the plan at <paramref name="path"/> (<c>.csv</c>, <c>.jsonl</c> or <c>.json</c>).</summary>
    /// <param name="path">The plan file.</param>
    /// <param name="options">Import options (FLOP rule, column overrides); the loss column is <c>predicted_loss</c>
    /// unless overridden.</param>
    /// <param name="cancellationToken">Stops the import.</param>
    public static ImportResult Read(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ImportOptions.Default;
        if (!options.ColumnOverrides.ContainsKey(ColumnKey.Loss))
            options = options.WithColumn(ColumnKey.Loss, PlanWriter.PredictedLossColumn);
        return RunImporter.Import(path, options, cancellationToken);
    }
}
