using System.Globalization;
using System.Text;
using ScalingFit.Core.Diagnostics;
using ScalingFit.Core.Statistics;

namespace ScalingFit.Fitting;

/// <summary>
/// Builds the fixed-section text report every fit result prints (Data, Coefficients, Intervals, Convergence,
/// Diagnostics), in the invariant culture so reports are identical everywhere.
/// </summary>
public sealed class FitReport
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a report with a title line.</summary>
    public FitReport(string title)
    {
        _text.AppendLine(title);
        _text.AppendLine(new string('=', title.Length));
    }

    /// <summary>Starts a section.</summary>
    public FitReport Section(string name)
    {
        _text.AppendLine();
        _text.AppendLine(name);
        return this;
    }

    /// <summary>Adds an indented "name: value" line.</summary>
    public FitReport Line(string name, string value)
    {
        _text.Append("  ").Append(name.PadRight(26)).Append(' ').AppendLine(value);
        return this;
    }

    /// <summary>Adds an indented line of free text.</summary>
    public FitReport Text(string text)
    {
        _text.Append("  ").AppendLine(text);
        return this;
    }

    /// <summary>Adds an estimate with its interval, or the reason it has none.</summary>
    public FitReport Estimate(string name, Estimate estimate, string format = "0.0000")
    {
        string value = Number(estimate.Value, format);
        string interval = estimate.Interval is { } i
            ? $"  {i.Level * 100:0.#}% interval ({Number(i.Low, format)}, {Number(i.High, format)})"
            : $"  (no interval: {estimate.MissingIntervalReason ?? "not computed"})";
        return Line(name, value + interval);
    }

    /// <summary>Adds the Diagnostics section: every diagnostic, or "none".</summary>
    public FitReport Diagnostics(IReadOnlyList<Diagnostic> diagnostics)
    {
        Section("Diagnostics");
        if (diagnostics.Count == 0)
            return Text("none");
        foreach (var d in diagnostics)
            Text(d.ToString());
        return this;
    }

    /// <summary>Adds the bootstrap's counts: requested, succeeded, failed and why.</summary>
    public FitReport BootstrapSummary(BootstrapResult? bootstrap, string unit)
    {
        if (bootstrap is null)
            return Line("bootstrap", "off (use --bootstrap N for intervals)");
        string scheme = bootstrap.Scheme == ResamplingScheme.Subsample ? "subsamples without replacement" : "resamples with replacement";
        Line("bootstrap", $"{bootstrap.Requested} {scheme} of {unit}; {bootstrap.Succeeded} succeeded, {bootstrap.Failed} failed");
        foreach (var (reason, count) in bootstrap.FailureReasons.Take(5))
            Text($"  {count} × {reason}");
        return this;
    }

    /// <summary>Formats a number in the invariant culture.</summary>
    public static string Number(double value, string format = "G6") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
