using System.Text;

namespace ScalingFit.IO;

/// <summary>
/// The quantities an importer looks for among a file's columns (CSV header names or JSON keys).
/// On the command line each has a short key for <c>--column KEY=NAME</c> (see <see cref="ColumnKeys.CliKey"/>).
/// </summary>
public enum ColumnKey
{
    /// <summary>N, the parameter count (key <c>n</c>).</summary>
    ParameterCount,

    /// <summary>D, the training tokens (key <c>d</c>).</summary>
    TokenCount,

    /// <summary>C, the training compute in FLOPs (key <c>c</c>).</summary>
    Flops,

    /// <summary>L, the loss (key <c>loss</c>).</summary>
    Loss,

    /// <summary>The run identifier; rows sharing one form a training curve (key <c>run</c>).</summary>
    RunId,

    /// <summary>The nominal FLOP budget of an IsoFLOP sweep, stored as <see cref="Core.Run.FlopBudget"/> (key <c>budget</c>).</summary>
    FlopBudget,
}

/// <summary>
/// The names under which each <see cref="ColumnKey"/> is found, and the matching rule.
/// Names match case- and space-insensitively: case, whitespace and underscores are ignored, so
/// <c>Model Size</c>, <c>model_size</c> and <c>MODELSIZE</c> are one name (see <see cref="NormalizeName"/>).
/// </summary>
public static class ColumnKeys
{
    private static readonly string[] ParameterAliases =
        ["params", "parameters", "n", "model size", "model_size", "parameter_count", "params_active_precise", "num_params", "n_params"];

    private static readonly string[] TokenAliases =
        ["tokens", "d", "training tokens", "training_tokens", "train_tokens", "num_tokens", "n_tokens", "total_tokens"];

    // compute_budget and budget are C when nothing more specific is present (cli-contract.md); they are also the FLOP budget.
    private static readonly string[] FlopAliases =
        ["flops", "compute", "c", "training flop", "training flops", "compute_budget", "budget"];

    private static readonly string[] LossAliases = ["loss", "final_loss", "val_loss", "eval_loss", "validation_loss", "valid_loss", "val/loss", "eval/loss"];

    private static readonly string[] RunAliases = ["run", "run_id", "run_name", "name"];

    private static readonly string[] BudgetAliases = ["budget", "compute_budget", "flop_budget"];

    /// <summary>Every key, in the order columns are resolved.</summary>
    public static IReadOnlyList<ColumnKey> All { get; } =
        [ColumnKey.ParameterCount, ColumnKey.TokenCount, ColumnKey.Flops, ColumnKey.Loss, ColumnKey.RunId, ColumnKey.FlopBudget];

    /// <summary>The key's name on the command line: <c>n</c>, <c>d</c>, <c>c</c>, <c>loss</c>, <c>run</c> or <c>budget</c>.</summary>
    public static string CliKey(ColumnKey key) => key switch
    {
        ColumnKey.ParameterCount => "n",
        ColumnKey.TokenCount => "d",
        ColumnKey.Flops => "c",
        ColumnKey.Loss => "loss",
        ColumnKey.RunId => "run",
        ColumnKey.FlopBudget => "budget",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    /// <summary>What the key stands for, for messages: e.g. <c>N (parameters)</c>.</summary>
    public static string Describe(ColumnKey key) => key switch
    {
        ColumnKey.ParameterCount => "N (parameters)",
        ColumnKey.TokenCount => "D (tokens)",
        ColumnKey.Flops => "C (FLOPs)",
        ColumnKey.Loss => "the loss",
        ColumnKey.RunId => "the run id",
        ColumnKey.FlopBudget => "the FLOP budget",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    /// <summary>Parses a command-line key (<c>n</c>, <c>d</c>, <c>c</c>, <c>loss</c>, <c>run</c>, <c>budget</c>; any case).</summary>
    /// <param name="text">The key as typed.</param>
    /// <param name="key">The key, when recognised.</param>
    /// <returns>Whether <paramref name="text"/> names a key.</returns>
    public static bool TryParse(string? text, out ColumnKey key)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), CliKey(candidate), StringComparison.OrdinalIgnoreCase))
            {
                key = candidate;
                return true;
            }
        }

        key = default;
        return false;
    }

    /// <summary>
    /// The column names that identify <paramref name="key"/>, most specific first; the first one present in a file wins.
    /// <see cref="ColumnKey.FlopBudget"/> is found only under <c>budget</c>, <c>compute_budget</c> and <c>flop_budget</c>.
    /// </summary>
    public static IReadOnlyList<string> Aliases(ColumnKey key) => key switch
    {
        ColumnKey.ParameterCount => ParameterAliases,
        ColumnKey.TokenCount => TokenAliases,
        ColumnKey.Flops => FlopAliases,
        ColumnKey.Loss => LossAliases,
        ColumnKey.RunId => RunAliases,
        ColumnKey.FlopBudget => BudgetAliases,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    /// <summary>
    /// The last part of a column path, for matching tracker and nested names by their usual name:
    /// <c>throughput/total_tokens</c> → <c>total_tokens</c>, <c>hyperparameters.params</c> → <c>params</c>,
    /// <c>results[1].loss</c> → <c>loss</c>. A name without <c>/</c> or <c>.</c> is its own last part.
    /// </summary>
    /// <param name="name">A header name, JSON key or flattened JSON path.</param>
    public static string LastSegment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cut = name.LastIndexOfAny(['/', '.']);
        var last = cut >= 0 ? name[(cut + 1)..] : name;
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? last[..bracket] : last;
    }

    /// <summary>
    /// Whether a column name looks like a loss (its last part ends in <c>loss</c>: <c>validation_loss</c>, <c>val/loss</c>,
    /// <c>eval/paloma/macro_loss</c>, <c>train/loss</c>, <c>results[1].loss</c>), for when no column has a usual loss name.
    /// </summary>
    /// <param name="name">A header name, JSON key or flattened JSON path.</param>
    public static bool LooksLikeLoss(string name) =>
        NormalizeName(LastSegment(name)).EndsWith("loss", StringComparison.Ordinal);

    /// <summary>
    /// The form in which column names are compared: lower case (invariant) without whitespace or underscores.
    /// </summary>
    /// <param name="name">A header name, JSON key or alias.</param>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            if (char.IsWhiteSpace(ch) || ch == '_' || ch == '\uFEFF')
                continue;
            builder.Append(char.ToLowerInvariant(ch));
        }

        return builder.ToString();
    }
}
