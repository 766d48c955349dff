namespace ScalingFit.Core;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>Information: something the user may want to know (e.g. rows were sorted).</summary>
    Info,

    /// <summary>A warning: the result stands but may be less trustworthy (e.g. a vertex at the edge).</summary>
    Warning,

    /// <summary>An error: part of the computation could not be done (e.g. no valley in any budget).</summary>
    Error,
}

/// <summary>A finding about data or a fit, with a stable machine-readable <see cref="Code"/>.</summary>
/// <param name="Code">A short stable identifier, e.g. <c>budget-excluded</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">A sentence for people, saying what happened and what to do.</param>
public sealed record Diagnostic(string Code, Severity Severity, string Message)
{
    /// <summary>An informational diagnostic.</summary>
    public static Diagnostic Info(string code, string message) => new(code, Severity.Info, message);

    /// <summary>A warning.</summary>
    public static Diagnostic Warning(string code, string message) => new(code, Severity.Warning, message);

    /// <summary>An error.</summary>
    public static Diagnostic Error(string code, string message) => new(code, Severity.Error, message);

    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} [{Code}]: {Message}";
}
