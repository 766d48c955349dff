using System.CommandLine;
using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// The options for real sweep logs, shared by every command that reads runs: selection, grouping, run keys, FLOP units
/// and budgets taken from run names. Each maps one to one to an <see cref="IO.ImportOptions"/> property.
/// </summary>
internal sealed class LogOptions
{
    public Option<string[]> Where { get; } = new("--where") { Description = "Keep rows where EXPR holds, e.g. 'experiment == \"x\" and outlier != true' or 'Name !~ \"validation-optimal\"' (repeatable; ==, !=, <, <=, >, >=, =~, !~, and, or, not, parentheses)", AllowMultipleArgumentsPerToken = false };

    public Option<string?> GroupBy { get; } = new("--group-by") { Description = "Fit each group of rows separately, grouped by COL[,COL...]; prints one comparison table" };

    public Option<string?> RunKey { get; } = new("--run-key") { Description = "Identify a run by several columns, COL+COL... (e.g. model+peak_lr+sweep)" };

    public Option<double> FlopsScale { get; } = new("--flops-scale") { Description = "Multiply C read from the file by K (1e9 for GFLOPs, 3 for forward-only FLOPs, 3e9 for forward GFLOPs)", DefaultValueFactory = _ => 1.0 };

    public Option<string?> BudgetFrom { get; } = new("--budget-from") { Description = "Take the FLOP budget from a text column by a regex capture, COL:REGEX (e.g. Name:'isoflop-([0-9.e+]+)-'); scaled by --budget-scale" };

    public Option<double?> BudgetScale { get; } = new("--budget-scale") { Description = "Multiply budget labels (budget column or --budget-from) by K (default: --flops-scale)" };

    public void AddTo(Command command)
    {
        command.Add(Where);
        command.Add(GroupBy);
        command.Add(RunKey);
        command.Add(FlopsScale);
        command.Add(BudgetFrom);
        command.Add(BudgetScale);
    }

    public LogInput Read(ParseResult result)
    {
        static string[] Split(string? text, char separator) =>
            text is null ? [] : text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var groupBy = Split(result.GetValue(GroupBy), ',');
        var runKey = Split(result.GetValue(RunKey), '+');
        if (result.GetValue(GroupBy) is not null && groupBy.Length == 0)
            throw new UsageException("--group-by: name one column or several separated by commas, e.g. --group-by experiment,dataset.");
        if (result.GetValue(RunKey) is not null && runKey.Length == 0)
            throw new UsageException("--run-key: name the columns that identify a run joined by +, e.g. --run-key model+peak_lr.");
        var scale = result.GetValue(FlopsScale);
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new UsageException($"--flops-scale {scale}: give a positive factor, e.g. 1e9 for GFLOPs or 3 for forward-only FLOPs.");
        var budgetScale = result.GetValue(BudgetScale);
        if (budgetScale is { } b && (!(b > 0) || !double.IsFinite(b)))
            throw new UsageException($"--budget-scale {b}: give a positive factor, e.g. 3 for forward-only FLOPs.");
        BudgetPattern? pattern = null;
        if (result.GetValue(BudgetFrom) is { } text && !IO.ImportOptions.TryParseBudgetPattern(text, out pattern, out var error))
            throw new UsageException($"--budget-from {text}: {error}.");
        return new LogInput(result.GetValue(Where) ?? [], groupBy, runKey, scale, pattern, budgetScale);
    }
}

/// <summary>The parsed <see cref="LogOptions"/>.</summary>
internal sealed record LogInput(string[] Where, string[] GroupBy, string[] RunKey, double FlopsScale, BudgetPattern? BudgetFrom, double? BudgetScale)
{
    public static LogInput None { get; } = new([], [], [], 1.0, null, null);

    public ImportOptions Apply(ImportOptions options) => options with
    {
        Where = Where,
        GroupBy = GroupBy,
        RunKey = RunKey,
        FlopsScale = FlopsScale,
        BudgetFrom = BudgetFrom,
        BudgetScale = BudgetScale,
    };
}
