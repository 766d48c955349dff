using System.Globalization;
using System.Text;
using ScalingFit.Core;

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

    /// <summary>
    /// Adds the Coefficients section of an approach that ends in the shared regression (Approaches 1 and 2):
    /// a and b, the fitted N_opt = k·C^a and D_opt = k'·C^b, and R² of ln N_opt on ln C; or why nothing was fitted.
    /// </summary>
    public FitReport FrontierCoefficients(bool succeeded, Estimate a, Estimate b, PowerLawFit? parameterFit, PowerLawFit? tokenFit)
    {
        Section("Coefficients");
        if (!succeeded || parameterFit is null || tokenFit is null)
            return Text("not fitted (see Diagnostics)");
        return Line("a (N_opt ∝ C^a)", Number(a.Value, "0.0000"))
            .Line("b (D_opt ∝ C^b)", Number(b.Value, "0.0000"))
            .Line("N_opt", $"{Number(parameterFit.Coefficient, "0.####e+0")} · C^{Number(parameterFit.Exponent, "0.0000")}")
            .Line("D_opt", $"{Number(tokenFit.Coefficient, "0.####e+0")} · C^{Number(tokenFit.Exponent, "0.0000")}")
            .Line("R² (ln N_opt on ln C)", Number(parameterFit.RSquared, "0.0000"));
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
            return Line("bootstrap", "off (set Bootstrap.Resamples for intervals)");
        string scheme = bootstrap.Scheme == ResamplingScheme.Subsample ? "subsamples without replacement" : "resamples with replacement";
        Line("bootstrap", $"{bootstrap.Requested} {scheme} of {unit}; {bootstrap.Succeeded} succeeded, {bootstrap.Failed} failed");
        foreach (var (reason, count) in bootstrap.FailureReasons.Take(5))
            Text($"  {count} × {reason}");
        return this;
    }

    /// <summary>Formats a number in the invariant culture (<see cref="Numbers.Format"/>).</summary>
    public static string Number(double value, string format = "G6") => Numbers.Format(value, format);

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
