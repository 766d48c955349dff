namespace ScalingFit.Cli.Infrastructure;

/// <summary>A user's mistake (bad input file, bad option): printed as one <c>error:</c> line, exit code 2.</summary>
internal sealed class UsageException(string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    /// <summary>Further lines (e.g. more row errors) printed after the error line.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}

/// <summary>The data could not be fitted (e.g. nothing left after filtering): exit code 1.</summary>
internal sealed class FitFailedException(string message) : Exception(message);

/// <summary>The exit codes of cli-contract.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int FitFailed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;
}
