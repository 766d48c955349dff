using System.Globalization;
using System.Text;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>
/// Checks that a fitted result is plausible, so that a number which came out of a converged fit is not mistaken for an
/// answer (house style: "never a confident wrong answer"). Each failed check is a <see cref="Severity.Warning"/> with a
/// stable code from <see cref="Codes"/> and a sentence naming the number or run and what to do; a list without warnings
/// means every check that applies passed (an <see cref="Severity.Info"/> note may say how far the fixed comparison
/// budgets lie past the data).
/// </summary>
public static class PlausibilityChecks
{
    /// <summary>The stable codes of the checks (entries of the catalogue <see cref="DiagnosticCodes"/>).</summary>
    public static class Codes
    {
        /// <summary>An interval reaches a coefficient's bound: a or b at 0 or 1, or a positive coefficient (E, A, B, α, β) at zero.</summary>
        public static string IntervalAtBound => DiagnosticCodes.IntervalAtBound.Code;

        /// <summary>D_opt/N_opt at the data's smallest or largest budget lies outside [1, 1000] tokens per parameter.</summary>
        public static string TokensPerParameter => DiagnosticCodes.OptimumTokensPerParameter.Code;

        /// <summary>a or b lies outside (0.2, 0.8).</summary>
        public static string ExponentRange => DiagnosticCodes.ExponentRange.Code;

        /// <summary>A projection asked for lies more than 100× past the largest budget in the data.</summary>
        public static string FarProjection => DiagnosticCodes.FarProjection.Code;

        /// <summary>A run's residual is far from the rest (robust z above 5).</summary>
        public static string OutlierRun => DiagnosticCodes.OutlierRun.Code;

        /// <summary>A single run holds a model size at an end of the sweep, far from every other size.</summary>
        public static string LoneSize => DiagnosticCodes.LoneSize.Code;

        /// <summary>The fitted irreducible loss E lies above the lowest loss observed.</summary>
        public static string EAboveLoss => DiagnosticCodes.EAboveLowestLoss.Code;

        /// <summary>Every code, in the order the checks run.</summary>
        public static IReadOnlyList<string> All { get; } =
            [IntervalAtBound, TokensPerParameter, ExponentRange, FarProjection, OutlierRun, LoneSize, EAboveLoss];
    }

    /// <summary>
    /// Runs every check that applies to <paramref name="fit"/>. <paramref name="runs"/> is the data the fit was given
    /// (before its own drop of the highest losses, which is re-applied here for the parametric fit; an IsoFLOP fit is
    /// checked on the runs of its kept budgets).
    /// A fit that failed (no finite a) is not checked: its own error diagnostics say why.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(IAllocationFit fit, RunSet runs, PlausibilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(runs);
        options ??= PlausibilityOptions.Default;
        var found = new List<Diagnostic>();
        if (!fit.Succeeded || !double.IsFinite(fit.ExponentA.Value))
            return found;
        var used = UsedRuns(fit, runs);
        var flops = FlopRange(used);

        IntervalsAtBound(fit, found, options);
        TokensPerParameterAtOptimum(fit, flops, found, options);
        ExponentsInRange(fit, found, options);
        FarProjections(fit, flops, found, options);
        Outliers(fit, used, found, options);
        LoneSizes(used, found, options);
        if (fit is ParametricFitResult p && used.Count > 0)
        {
            var lowest = used.MinBy(r => r.Loss)!;
            if (p.Law.E > lowest.Loss)
            {
                found.Add(DiagnosticCodes.EAboveLowestLoss.With( Inv(
                    $"The fitted irreducible loss E = {p.Law.E:0.####} lies above the lowest loss observed, {lowest.Loss:0.####} (run {lowest.RunId}): no model could reach that run's loss under this law, so the law does not describe the data. Check that run's units and evaluation set, or fix E below it (FixedE).")));
            }
        }
        return found;
    }

    /// <summary>The largest FLOP budget among <paramref name="runs"/> (NaN when there are none).</summary>
    public static double LargestBudget(RunSet runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return FlopRange(runs.Runs).Max;
    }

    /// <summary>
    /// The checks as a report section: "Plausibility checks" followed by every failed check, or a line saying all
    /// passed, followed by the notes. Printed after a fit's own report (Data, Coefficients, Intervals, Convergence, Diagnostics).
    /// </summary>
    public static string Report(IReadOnlyList<Diagnostic> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var text = new StringBuilder();
        text.AppendLine("Plausibility checks");
        if (!checks.Any(IsFailure))
            text.AppendLine($"  all passed ({string.Join(", ", Codes.All)})");
        foreach (var c in checks.OrderBy(c => IsFailure(c) ? 0 : 1))
            text.Append("  ").AppendLine(c.ToString());
        return text.ToString();
    }

    /// <summary>True for a failed check (a warning or worse); notes (<see cref="Severity.Info"/>) are not failures.</summary>
    public static bool IsFailure(Diagnostic check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Severity >= Severity.Warning;
    }

    private static IReadOnlyList<Run> UsedRuns(IAllocationFit fit, RunSet runs) => fit switch
    {
        ParametricFitResult p => runs.DropHighestLoss(p.Options.DropHighest).Runs,
        IsoFlopFitResult i => i.Budgets.Where(b => b.Kept).SelectMany(b => b.Runs).ToArray(), // runs in no kept budget did not enter the fit
        _ => runs.Runs,
    };

    private static (double Min, double Max) FlopRange(IReadOnlyList<Run> runs)
    {
        var finite = runs.Select(r => r.Flops).Where(c => c > 0 && double.IsFinite(c)).ToArray();
        return finite.Length == 0 ? (double.NaN, double.NaN) : (finite.Min(), finite.Max());
    }

    private static void IntervalsAtBound(IAllocationFit fit, List<Diagnostic> found, PlausibilityOptions options)
    {
        var hits = new List<string>();
        foreach (var (name, e) in new[] { ("a", fit.ExponentA), ("b", fit.ExponentB) })
        {
            if (e.Interval is { } i && (i.Low <= 0 || i.High >= 1))
                hits.Add(Inv($"{name} in ({i.Low:0.000}, {i.High:0.000}) reaches {(i.Low <= 0 ? "0" : "1")}"));
        }
        if (fit is ParametricFitResult p)
        {
            foreach (var (name, e) in new[] { ("E", p.E), ("A", p.A), ("B", p.B), ("alpha", p.Alpha), ("beta", p.Beta) })
            {
                if (e.Interval is { } i && e.Value > 0 && i.Low <= options.BoundFraction * e.Value)
                    hits.Add(Inv($"{name} in ({i.Low:0.000}, {i.High:0.###}) reaches zero"));
            }
        }
        if (hits.Count > 0)
        {
            found.Add(DiagnosticCodes.IntervalAtBound.With(
                $"The interval of {string.Join("; ", hits)}: the data do not pin that coefficient down, so the exponents built on it are not determined either. "
                + "Add runs at more model sizes and budgets, or fix the coefficient (e.g. FixedE) and say so."));
        }
    }

    private static void TokensPerParameterAtOptimum(IAllocationFit fit, (double Min, double Max) flops, List<Diagnostic> found, PlausibilityOptions options)
    {
        if (!double.IsFinite(flops.Max))
            return;
        var outside = new List<string>();
        foreach (var c in new[] { flops.Min, flops.Max }.Distinct())
        {
            double ratio = fit.OptimalTokenCount(c) / fit.OptimalParameterCount(c);
            if (double.IsFinite(ratio) && (ratio < options.MinTokensPerParameter || ratio > options.MaxTokensPerParameter))
                outside.Add(Inv($"{Number(ratio)} tokens per parameter at C = {c:0.##e+0}"));
        }
        if (outside.Count > 0)
        {
            found.Add(DiagnosticCodes.OptimumTokensPerParameter.With( Inv(
                $"At the fitted optimum the data's own budgets get {string.Join(" and ", outside)}, outside [{options.MinTokensPerParameter:0.##}, {options.MaxTokensPerParameter:0.##}] (Hoffmann et al. 2022 find about 20): a = {fit.ExponentA.Value:0.000} does not describe a plausible frontier. Look for runs that pull the fit (see the other checks) and for N and D in the wrong units.")));
        }
    }

    private static void ExponentsInRange(IAllocationFit fit, List<Diagnostic> found, PlausibilityOptions options)
    {
        var outside = new[] { ("a", fit.ExponentA.Value), ("b", fit.ExponentB.Value) }
            .Where(e => double.IsFinite(e.Item2) && (e.Item2 <= options.MinExponent || e.Item2 >= options.MaxExponent))
            .Select(e => Inv($"{e.Item1} = {e.Item2:0.000}")).ToArray();
        if (outside.Length > 0)
        {
            found.Add(DiagnosticCodes.ExponentRange.With( Inv(
                $"{string.Join(" and ", outside)} lies outside ({options.MinExponent:0.0#}, {options.MaxExponent:0.0#}), the range of every published compute-optimal exponent (Kaplan et al. 2020: a = 0.73; Hoffmann et al. 2022: 0.46–0.50). Check the sweep covers the minimum at each budget and that no run dominates the fit.")));
        }
    }

    private static void FarProjections(IAllocationFit fit, (double Min, double Max) flops, List<Diagnostic> found, PlausibilityOptions options)
    {
        if (!double.IsFinite(flops.Max))
            return;
        if (options.ProjectionBudgets is { Count: > 0 } budgets
            && budgets.Where(c => c > options.MaxExtrapolation * flops.Max).OrderBy(c => c).ToArray() is { Length: > 0 } far)
        {
            double factor = far[^1] / flops.Max;
            found.Add(DiagnosticCodes.FarProjection.With( Inv(
                $"{far.Length} projected budget(s) lie more than {options.MaxExtrapolation:0.#}× past the largest budget in the data ({flops.Max:0.##e+0}); the farthest, C = {far[^1]:0.##e+0}, is {Number(factor)}× past it. a = {fit.ExponentA.Value:0.000} is extrapolated that far: a change of 0.02 in a moves N_opt there by a factor {Math.Pow(factor, 0.02):0.00}. Treat it as a guess, or run a larger budget first.")));
        }
        var comparison = options.EffectiveComparisonBudgets.Where(c => c > options.MaxExtrapolation * flops.Max).OrderBy(c => c).ToArray();
        if (comparison.Length > 0)
        {
            found.Add(DiagnosticCodes.FarProjection.With(Severity.Info, Inv(
                $"The fixed comparison budgets {string.Join(", ", comparison.Select(c => Inv($"{c:0.##e+0} ({Number(c / flops.Max)}×)")))} lie more than {options.MaxExtrapolation:0.#}× past the largest budget in the data ({flops.Max:0.##e+0}); their N_opt and D_opt (report, JSON frontier) are there to compare with the paper's Table 3, not advice.")));
        }
    }

    private static void Outliers(IAllocationFit fit, IReadOnlyList<Run> used, List<Diagnostic> found, PlausibilityOptions options)
    {
        var residuals = Residuals(fit, used);
        if (residuals.Count < 8)
            return;
        var values = residuals.Select(r => r.Residual).OrderBy(v => v).ToArray();
        double median = Percentile.OfSorted(values, 0.5);
        var deviations = values.Select(v => Math.Abs(v - median)).OrderBy(v => v).ToArray();
        double scale = Math.Max(1.4826 * Percentile.OfSorted(deviations, 0.5), options.MinResidualScale);
        var far = residuals.Select(r => (r.Run, r.Residual, Z: Math.Abs(r.Residual - median) / scale))
            .Where(r => r.Z > options.OutlierZ).OrderByDescending(r => r.Z).ToArray();
        if (far.Length == 0)
            return;
        string model = fit is ParametricFitResult ? "the fitted law" : "the parabola of its budget's other runs";
        string named = string.Join(", ", far.Take(5).Select(r => Inv($"{r.Run.RunId} (N = {r.Run.ParameterCount:0.###e+0}, L = {r.Run.Loss:0.####}, {100 * (Math.Exp(r.Residual) - 1):+0.#;-0.#}% from {model}, robust z = {Number(r.Z)})")));
        found.Add(DiagnosticCodes.OutlierRun.With( Inv(
            $"{far.Length} run(s) lie far from the rest (robust z of the ln-loss residual above {options.OutlierZ:0.#}, scale 1.4826·MAD = {scale:0.####}): {named}{(far.Length > 5 ? ", …" : "")}. Check them (a diverged run, another evaluation set, a logging mistake) and leave them out if they are not comparable (e.g. DropHighest for the highest losses).")));
    }

    /// <summary>ln L − ln L̂ per run: the law's prediction for a parametric fit, the parabola of the budget's other runs for an IsoFLOP fit.</summary>
    private static List<(Run Run, double Residual)> Residuals(IAllocationFit fit, IReadOnlyList<Run> used)
    {
        var list = new List<(Run, double)>();
        switch (fit)
        {
            case ParametricFitResult p:
                foreach (var r in used)
                {
                    double predicted = p.Law.Loss(r.ParameterCount, r.TokenCount);
                    if (predicted > 0 && double.IsFinite(predicted))
                        list.Add((r, Math.Log(r.Loss / predicted)));
                }
                break;
            case IsoFlopFitResult i:
                // Leave-one-out: each run against the parabola of the budget's other runs. A parabola through 3 coefficients
                // bends towards an outlier at the edge of its profile and pushes its neighbour out instead (masking);
                // the deleted residual names the run itself.
                foreach (var b in i.Budgets.Where(b => b.Kept && b.Runs.Count >= 5))
                {
                    var lnN = b.Runs.Select(r => r.LnParameterCount).ToArray();
                    var loss = b.Runs.Select(r => r.Loss).ToArray();
                    for (int k = 0; k < lnN.Length; k++)
                    {
                        var others = IsoFlopMath.Fit([.. lnN[..k], .. lnN[(k + 1)..]], [.. loss[..k], .. loss[(k + 1)..]]);
                        double predicted = others.Parabola?.Loss(b.Runs[k].ParameterCount) ?? double.NaN;
                        if (predicted > 0 && double.IsFinite(predicted))
                            list.Add((b.Runs[k], Math.Log(b.Runs[k].Loss / predicted)));
                    }
                }
                break;
            case EnvelopeFitResult:
                break; // the envelope has no model of each run's loss to measure a residual against
        }
        return list;
    }

    private static void LoneSizes(IReadOnlyList<Run> used, List<Diagnostic> found, PlausibilityOptions options)
    {
        var sizes = used.Where(r => r.ParameterCount > 0 && double.IsFinite(r.ParameterCount))
            .GroupBy(r => r.ParameterCount).OrderBy(g => g.Key).ToArray();
        if (sizes.Length < 3)
            return;
        foreach (var (lone, next, end) in new[] { (sizes[0], sizes[1], "smallest"), (sizes[^1], sizes[^2], "largest") })
        {
            if (lone.Count() != 1)
                continue;
            double gap = Math.Abs(Math.Log10(lone.Key / next.Key));
            if (gap < options.LoneSizeGapDecades)
                continue;
            var run = lone.Single();
            found.Add(DiagnosticCodes.LoneSize.With( Inv(
                $"Run {run.RunId} is the only row with N = {run.ParameterCount:0.###e+0}, the {end} model size, {gap:0.#} decades from the next size ({next.Key:0.###e+0}): one row at an extreme size can swing the fitted exponents. Check it (units? a test row?) and leave it out if it does not belong to the sweep.")));
        }
    }

    private static string Number(double v) => v switch
    {
        >= 100 => v.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 0.1 => v.ToString("0.0#", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###e+0", CultureInfo.InvariantCulture),
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
