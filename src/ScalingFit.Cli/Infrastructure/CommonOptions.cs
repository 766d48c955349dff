using System.CommandLine;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>The input options shared by the commands that read runs (cli-contract.md).</summary>
internal sealed class InputOptions
{
    public Option<FileInfo> Input { get; } = new("--input", "-i") { Description = "Runs (.csv, .jsonl, .json): one final loss per run, or training curves (many rows per run)", Required = true };

    public Option<FileInfo?> Curves { get; } = new("--curves") { Description = "Training curves in a separate file, when --input holds final losses" };

    public Option<string[]> Column { get; } = new("--column") { Description = "Name a column: KEY=NAME with KEY one of n, d, c, loss, run, budget", AllowMultipleArgumentsPerToken = false };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "Leave out bad rows (reported) instead of rejecting the file" };

    public Option<double> FlopFactor { get; } = new("--flop-factor") { Description = "k in C = k·N·D", DefaultValueFactory = _ => 6.0 };

    public LogOptions Logs { get; } = new();

    public void AddTo(Command command, bool withInput = true, bool inputRequired = true)
    {
        if (withInput)
        {
            Input.Required = inputRequired;
            command.Add(Input);
        }
        command.Add(Curves);
        command.Add(Column);
        command.Add(SkipBadRows);
        command.Add(FlopFactor);
        Logs.AddTo(command);
    }

    public CommonInput Read(ParseResult result) => new(
        result.GetValue(Input) ?? result.GetValue(Curves) ?? throw new UsageException("give --input FILE."), result.GetValue(Input) is null ? null : result.GetValue(Curves), result.GetValue(Column) ?? [], result.GetValue(SkipBadRows), result.GetValue(FlopFactor))
    { Logs = Logs.Read(result) };
}

/// <summary>The parsed input options.</summary>
internal sealed record CommonInput(FileInfo Input, FileInfo? Curves, string[] Columns, bool SkipBadRows, double FlopFactor)
{
    /// <summary>Selection, grouping, run keys and units (<see cref="LogOptions"/>).</summary>
    public LogInput Logs { get; init; } = LogInput.None;

    public ImportOptions ImportOptions()
    {
        if (!(FlopFactor > 0) || !double.IsFinite(FlopFactor))
            throw new UsageException($"--flop-factor {FlopFactor}: must be a positive number (6 counts C = 6ND).");
        var options = ScalingFit.IO.ImportOptions.Default with
        {
            SkipBadRows = SkipBadRows,
            FlopRule = new ScalingFit.Core.FlopRule(FlopFactor),
        };
        foreach (var text in Columns)
        {
            if (!ScalingFit.IO.ImportOptions.TryParseColumnOverride(text, out var key, out var name))
                throw new UsageException($"--column {text}: write KEY=NAME with KEY one of n, d, c, loss, run, budget (e.g. --column loss=val_loss).");
            options = options.WithColumn(key, name);
        }
        return Logs.Apply(options);
    }
}

/// <summary>The fit options shared by every approach: bootstrap, level, seed, threads, paper protocol.</summary>
internal sealed class StatisticsOptions
{
    public Option<int> Bootstrap { get; } = new("--bootstrap") { Description = "Bootstrap resamples for intervals (0 = none)", DefaultValueFactory = _ => 1000 };

    public Option<double> Level { get; } = new("--level") { Description = "Interval coverage", DefaultValueFactory = _ => 0.95 };

    public Option<long> Seed { get; } = new("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 0 };

    public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (0 = one per core); results do not depend on it", DefaultValueFactory = _ => 0 };

    public Option<bool> PaperProtocol { get; } = new("--paper-protocol") { Description = "The paper's intervals: 100 subsamples of 80%, 10th-90th percentiles" };

    public Option<int> DropHighest { get; } = new("--drop-highest") { Description = "Drop the K runs with the highest loss first (Epoch AI dropped 5)", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Add(Bootstrap);
        command.Add(Level);
        command.Add(Seed);
        command.Add(Threads);
        command.Add(PaperProtocol);
        command.Add(DropHighest);
    }

    public BootstrapOptions Read(ParseResult result, int? defaultResamples = null)
    {
        int resamples = result.GetResult(Bootstrap) is { Implicit: false } ? result.GetValue(Bootstrap) : defaultResamples ?? result.GetValue(Bootstrap);
        double level = result.GetValue(Level);
        int threads = result.GetValue(Threads);
        if (resamples < 0)
            throw new UsageException($"--bootstrap {resamples}: give a count of resamples, 0 for none.");
        if (!(level > 0 && level < 1))
            throw new UsageException($"--level {level}: give a coverage between 0 and 1, e.g. 0.95.");
        if (threads < 0)
            throw new UsageException($"--threads {threads}: give a positive count, or 0 for one per core.");
        if (result.GetValue(DropHighest) < 0)
            throw new UsageException("--drop-highest: give a count of runs, 0 for none.");
        long seed = result.GetValue(Seed);
        if (result.GetValue(PaperProtocol))
            return BootstrapOptions.Paper with { Seed = seed, Threads = threads };
        return new BootstrapOptions(resamples, Level: level, Seed: seed, Threads: threads);
    }
}
