using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>
/// Approach 1 of Hoffmann et al. 2022 (§3.1, Figure 2): fix the model size, vary the training tokens, and read the
/// compute-optimal allocation off the envelope of the training curves. Each curve is smoothed, the frontier of least
/// loss per FLOP (C = k·N·D, <see cref="RunSet.FlopRule"/>) is found by <see cref="EnvelopeFitOptions.Method"/>, the
/// frontier points won by the smallest or largest model size are left out (the sweep's edge pins them), and
/// N_opt ∝ C^a and D_opt ∝ C^b are fitted with <see cref="PowerLawRegression"/>. Intervals come from a bootstrap
/// over whole curves (<see cref="Bootstrap.Run"/>), because the frontier points are not independent.
/// </summary>
public static class EnvelopeFitter
{
    /// <summary>
    /// Fits the envelope. Never throws for data problems: a fit that cannot be made returns a result with
    /// <see cref="EnvelopeFitResult.Succeeded"/> false and an error diagnostic.
    /// </summary>
    /// <param name="runs">The data; only <see cref="RunSet.Curves"/> is used.</param>
    /// <param name="options">The options; <see cref="EnvelopeFitOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the bootstrap resamples finished (<see cref="FitStage.Bootstrap"/>).</param>
    /// <param name="cancellationToken">Stops the fit; throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. <see cref="EnvelopeFitOptions.FlopPoints"/> &lt; 2).</exception>
    /// <exception cref="InvalidRunException">A curve has a NaN, infinite or non-positive value and <see cref="EnvelopeFitOptions.InvalidValues"/> is <see cref="InvalidValuePolicy.Reject"/>.</exception>
    public static EnvelopeFitResult Fit(
        RunSet runs,
        EnvelopeFitOptions? options = null,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        options ??= EnvelopeFitOptions.Default;
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = new List<Diagnostic>();
        int width = Math.Max(1, options.Smooth);
        var curves = Prepare(runs.Curves, width, options.InvalidValues, diagnostics);
        double lnFactor = Math.Log((runs.FlopRule ?? FlopRule.Default).Factor);
        int checkpoints = curves.Sum(c => c.LnTokens.Length);
        int sizes = curves.Select(c => c.ParameterCount).Distinct().Count();

        EnvelopeFitResult Failed(DiagnosticCode code, string message, IReadOnlyList<EnvelopePoint>? frontier = null)
        {
            diagnostics.Add(code.With(Severity.Error, message));
            var reason = "fit failed: " + message;
            return new EnvelopeFitResult(false, options.Method, width, Estimate.Point(double.NaN, reason), Estimate.Point(double.NaN, reason),
                null, null, frontier ?? [], curves.Length, checkpoints, sizes, null, diagnostics, options);
        }

        if (curves.Length == 0)
            return Failed(DiagnosticCodes.NoCurves, runs.Curves.Count == 0
                ? "The envelope (Approach 1) needs training curves, and the data has final losses only: give curves (several rows per run, or a separate curves file)."
                : "No training curve has two or more valid checkpoints.");
        if (sizes == 1)
            return Failed(DiagnosticCodes.OneSize, string.Create(CultureInfo.InvariantCulture,
                $"Every curve has the same model size (N = {curves[0].ParameterCount:0.###e+0}): the envelope needs several sizes to choose between."));
        if (sizes < 4)
            diagnostics.Add(DiagnosticCodes.FewSizes.With($"Only {sizes} model sizes: the envelope can pick only among them, so N_opt(C) is a coarse staircase."));

        var all = Enumerable.Range(0, curves.Length).ToArray();
        var hits = EnvelopeEngine.Build(options.Method, curves, all, lnFactor, options);
        var frontier = Classify(curves, all, hits, lnFactor, options.EdgeExclusion, out var smallest, out var largest);
        if (frontier.Count == 0)
            return Failed(DiagnosticCodes.EmptyEnvelope, "The curves give no frontier point (their FLOP ranges are degenerate).");
        ReportEdges(frontier, smallest, largest, diagnostics);

        var used = frontier.Where(p => p.Used).ToArray();
        if (used.Length < 2 || used.Select(p => p.Flops).Distinct().Count() < 2)
        {
            return Failed(DiagnosticCodes.EdgeOnly, $"{used.Length} of {frontier.Count} frontier points lie inside the sweep: "
                + "the least loss is won by the smallest or the largest model size almost everywhere, so the envelope only shows the sweep's edge. "
                + "Add model sizes on the side where the edge wins, or set EdgeExclusion = None to fit the edge anyway.", frontier);
        }

        if (used.Select(p => p.ParameterCount).Distinct().Count() < 2)
        {
            // One size wins every point the regression would use: N_opt(C) is flat there, and a = 0 would be an artefact.
            return Failed(DiagnosticCodes.OneSizeFrontier, string.Create(CultureInfo.InvariantCulture,
                $"All {used.Length} frontier points inside the sweep are won by one model size (N = {used[0].ParameterCount:0.###e+0}), so N_opt(C) is flat there and a cannot be fitted. ")
                + "Add model sizes around it, or train the sizes next to it over more tokens.", frontier);
        }

        var flops = used.Select(p => p.Flops).ToArray();
        var parameterFit = PowerLawRegression.Fit(flops, used.Select(p => p.ParameterCount).ToArray());
        var tokenFit = PowerLawRegression.Fit(flops, used.Select(p => p.TokenCount).ToArray());
        if (parameterFit.ExponentInterval is { } naive)
        {
            diagnostics.Add(DiagnosticCodes.NaiveInterval.With(string.Create(CultureInfo.InvariantCulture,
                $"The regression's t-interval for a, ({naive.Low:0.0000}, {naive.High:0.0000}), treats the {used.Length} frontier points as independent; they are not, so it is not reported as the interval.")));
        }

        var bootstrapOptions = options.EffectiveBootstrap;
        BootstrapResult? bootstrap = null;
        if (bootstrapOptions.Resamples > 0)
        {
            if (curves.Length < 10)
                diagnostics.Add(DiagnosticCodes.FewCurves.With($"Only {curves.Length} curves to resample: the bootstrap interval is rough."));
            bootstrap = Core.Bootstrap.Run(bootstrapOptions, curves.Length, PowerLawFrontier.EstimateNames,
                indices => Refit(curves, indices, lnFactor, options), null,
                FitProgress.Counter(progress, Approach.Envelope, FitStage.Bootstrap, bootstrapOptions.Resamples), cancellationToken);
            if (bootstrap.Failed > 0)
            {
                diagnostics.Add(DiagnosticCodes.BootstrapFailures.With(string.Create(CultureInfo.InvariantCulture,
                    $"{bootstrap.Failed} of {bootstrap.Requested} resamples could not be fitted ({bootstrap.FailureReasons[0].Reason}); the interval comes from the other {bootstrap.Succeeded}.")));
            }
        }

        var a = Estimate.FromBootstrap(parameterFit.Exponent, bootstrap, "a");
        var b = Estimate.FromBootstrap(tokenFit.Exponent, bootstrap, "b");
        return new EnvelopeFitResult(true, options.Method, width, a, b, parameterFit, tokenFit, frontier,
            curves.Length, checkpoints, sizes, bootstrap, diagnostics, options);
    }

    private static double[] Refit(PreparedCurve[] curves, int[] indices, double lnFactor, EnvelopeFitOptions options)
    {
        // A curve drawn twice adds nothing to a minimum, so the envelope uses the distinct curves drawn.
        var drawn = new bool[curves.Length];
        int distinct = 0;
        foreach (int i in indices)
            if (!drawn[i])
            {
                drawn[i] = true;
                distinct++;
            }
        var set = new int[distinct];
        for (int i = 0, k = 0; i < drawn.Length; i++)
            if (drawn[i])
                set[k++] = i;

        var hits = EnvelopeEngine.Build(options.Method, curves, set, lnFactor, options);
        var used = UsedMask(curves, set, hits, options.EdgeExclusion);
        int count = 0;
        foreach (bool u in used)
            count += u ? 1 : 0;
        var flops = new double[count];
        var parameters = new double[count];
        for (int j = 0, k = 0; j < hits.Count; j++)
        {
            if (!used[j])
                continue;
            flops[k] = Math.Exp(hits[j].LnFlops);
            parameters[k++] = curves[hits[j].Curve].ParameterCount;
        }
        if (count < 2 || flops.Distinct().Count() < 2)
            throw new InvalidOperationException("fewer than two frontier points inside the resampled sweep");
        if (parameters.Distinct().Count() < 2)
            throw new InvalidOperationException("one model size wins every frontier point inside the resampled sweep");
        var fit = PowerLawRegression.Fit(flops, parameters);
        // D = C/(kN) at every frontier point, so the regression of D on C has slope exactly 1 − a and intercept
        // −ln k − ln k_N (as in the full fit).
        return [fit.Exponent, 1 - fit.Exponent, fit.LnCoefficient, -lnFactor - fit.LnCoefficient];
    }

    /// <summary>Which frontier hits enter the regression under <paramref name="rule"/> (see <see cref="EdgeExclusion"/>).</summary>
    private static bool[] UsedMask(PreparedCurve[] curves, int[] set, List<FrontierHit> hits, EdgeExclusion rule)
    {
        var edges = EdgeBounds.Of(curves, set, hits);
        var used = new bool[hits.Count];
        for (int j = 0; j < hits.Count; j++)
            used[j] = edges.ExclusionReason(curves[hits[j].Curve].ParameterCount, hits[j].LnFlops, rule) is null;
        return used;
    }

    private static List<EnvelopePoint> Classify(PreparedCurve[] curves, int[] set, List<FrontierHit> hits, double lnFactor,
        EdgeExclusion rule, out double smallest, out double largest)
    {
        var edges = EdgeBounds.Of(curves, set, hits);
        (smallest, largest) = (edges.Smallest, edges.Largest);
        var points = new List<EnvelopePoint>(hits.Count);
        foreach (var hit in hits)
        {
            var curve = curves[hit.Curve];
            double flops = Math.Exp(hit.LnFlops);
            double tokens = Math.Exp(hit.LnFlops - lnFactor - curve.LnParameterCount);
            string? reason = edges.ExclusionReason(curve.ParameterCount, hit.LnFlops, rule);
            points.Add(new EnvelopePoint(flops, curve.ParameterCount, tokens, hit.Loss, curve.RunId, reason is null, reason));
        }
        return points;
    }

    /// <summary>
    /// The sweep's edges: the smallest and largest model sizes among the curves in play, and the FLOP ranges they reach
    /// on the frontier (up to the smallest size's last win, from the largest size's first win).
    /// </summary>
    private readonly record struct EdgeBounds(double Smallest, double Largest, double LowEnd, double HighStart)
    {
        public static EdgeBounds Of(PreparedCurve[] curves, int[] set, List<FrontierHit> hits)
        {
            double smallest = double.PositiveInfinity, largest = double.NegativeInfinity;
            foreach (int c in set)
            {
                smallest = Math.Min(smallest, curves[c].ParameterCount);
                largest = Math.Max(largest, curves[c].ParameterCount);
            }
            double lowEnd = double.NegativeInfinity, highStart = double.PositiveInfinity;
            foreach (var hit in hits)
            {
                double n = curves[hit.Curve].ParameterCount;
                if (n <= smallest)
                    lowEnd = Math.Max(lowEnd, hit.LnFlops);
                if (n >= largest)
                    highStart = Math.Min(highStart, hit.LnFlops);
            }
            return new EdgeBounds(smallest, largest, lowEnd, highStart);
        }

        /// <summary>Why a frontier point of size <paramref name="parameterCount"/> at ln C is left out, or null when it is used.</summary>
        public string? ExclusionReason(double parameterCount, double lnFlops, EdgeExclusion rule) => rule switch
        {
            EdgeExclusion.None => null,
            _ when parameterCount <= Smallest => SmallestWins,
            _ when parameterCount >= Largest => LargestWins,
            EdgeExclusion.Ranges when lnFlops <= LowEnd => BelowSmallest,
            EdgeExclusion.Ranges when lnFlops >= HighStart => AboveLargest,
            _ => null,
        };
    }

    private const string SmallestWins = "the smallest model size wins";
    private const string LargestWins = "the largest model size wins";
    private const string BelowSmallest = "at or below the largest FLOPs the smallest model size wins";
    private const string AboveLargest = "at or above the least FLOPs the largest model size wins";

    private static void ReportEdges(List<EnvelopePoint> frontier, double smallest, double largest, List<Diagnostic> diagnostics)
    {
        foreach (var (size, side, own, range) in new[] { (smallest, "smallest", SmallestWins, BelowSmallest), (largest, "largest", LargestWins, AboveLargest) })
        {
            var edge = frontier.Where(p => p.ExclusionReason == own || p.ExclusionReason == range).ToArray();
            if (edge.Length == 0)
                continue;
            int wins = edge.Count(p => p.ExclusionReason == own);
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{edge.Length} of {frontier.Count} frontier points (C {edge.Min(p => p.Flops):0.###e+0} – {edge.Max(p => p.Flops):0.###e+0}) were left out of the regression because the sweep's edge pins the envelope there: the {side} model size (N = {size:0.###e+0}) wins {wins} of them")
                + (edge.Length > wins ? string.Create(CultureInfo.InvariantCulture, $", and {edge.Length - wins} lie within the FLOP range it reaches.") : ".");
            diagnostics.Add(DiagnosticCodes.EdgeExcluded.With(edge.Length * 2 > frontier.Count ? Severity.Warning : Severity.Info, message));
        }
    }

    private static PreparedCurve[] Prepare(IReadOnlyList<TrainingCurve> source, int width, InvalidValuePolicy policy, List<Diagnostic> diagnostics)
    {
        var prepared = new List<PreparedCurve>(source.Count);
        int badPoints = 0;
        var skipped = new List<string>();
        foreach (var curve in source)
        {
            if (!InvalidValues.IsValid(curve.ParameterCount))
            {
                if (policy == InvalidValuePolicy.Reject)
                    throw InvalidValues.ModelSize(curve);
                skipped.Add($"{curve.RunId} (N = {curve.ParameterCount.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }
            // Two passes over the checkpoints and two arrays per curve (ln tokens, smoothed loss): the prepared curve is
            // the only per-checkpoint allocation, so a 10M-checkpoint sweep costs 16 bytes per checkpoint here.
            var checkpoints = curve.Points;
            int valid = 0;
            bool sorted = true;
            double previous = double.NegativeInfinity;
            for (int i = 0; i < checkpoints.Count; i++)
            {
                var p = checkpoints[i];
                if (!IsValid(p))
                {
                    if (policy == InvalidValuePolicy.Reject)
                        throw InvalidValues.Checkpoint(curve, p);
                    continue;
                }
                sorted &= p.TokenCount >= previous;
                previous = p.TokenCount;
                valid++;
            }
            badPoints += checkpoints.Count - valid;
            if (valid < 2)
            {
                skipped.Add($"{curve.RunId} ({valid} valid checkpoint{(valid == 1 ? "" : "s")})");
                continue;
            }
            IReadOnlyList<CurvePoint> ordered = sorted ? checkpoints : checkpoints.Where(IsValid).OrderBy(p => p.TokenCount).ToArray(); // stable, as before
            var lnTokens = new double[valid];
            var loss = new double[valid];
            for (int i = 0, k = 0; i < ordered.Count; i++)
            {
                var p = ordered[i];
                if (!IsValid(p))
                    continue;
                lnTokens[k] = Math.Log(p.TokenCount);
                loss[k++] = p.Loss;
            }
            EnvelopeEngine.SmoothInPlace(loss, width);
            prepared.Add(new PreparedCurve(curve.RunId, curve.ParameterCount, lnTokens, loss));
        }
        if (badPoints > 0)
            diagnostics.Add(DiagnosticCodes.InvalidValues.With($"{badPoints} checkpoints with a non-positive or non-finite token count or a non-finite loss were left out."));
        if (skipped.Count > 0)
            diagnostics.Add(DiagnosticCodes.CurveSkipped.With($"{skipped.Count} curves were left out (fewer than two valid checkpoints, or an invalid N): {string.Join(", ", skipped.Take(5))}{(skipped.Count > 5 ? ", …" : "")}."));
        return prepared.ToArray();
    }

    private static bool IsValid(CurvePoint p) => p.TokenCount > 0 && double.IsFinite(p.TokenCount) && double.IsFinite(p.Loss);
}
