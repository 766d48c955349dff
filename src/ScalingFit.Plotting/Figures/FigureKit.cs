using System.Globalization;
using ScalingFit.Core;
using ScottPlot;
using ScalingFit.Fitting;

namespace ScalingFit.Plotting;

/// <summary>Shared pieces of the figure builders: approach names and colours, number formats, thinning, colour maps, bands.</summary>
internal static class FigureKit
{
    // Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
    public static readonly Color EnvelopeColor = Color.FromHex("#0072B2");
    public static readonly Color IsoFlopColor = Color.FromHex("#D55E00");
    public static readonly Color ParametricColor = Color.FromHex("#009E73");
    public static readonly Color OtherColor = Color.FromHex("#CC79A7");
    public static readonly Color ReferenceColor = Color.FromHex("#222222");
    public static readonly Color KaplanColor = Color.FromHex("#7f7f7f");
    public static readonly Color ExcludedColor = Color.FromHex("#b3b3b3");
    public static readonly Color NeutralColor = Color.FromHex("#444444");
    public static readonly Color Ink = Color.FromHex("#111111");

    public const string FlopsLabel = "Training FLOPs";
    public const string ParametersLabel = "Parameters";
    public const string TokensLabel = "Training tokens";
    public const string LossLabel = "Loss";

    public static string ApproachName(Approach approach) => approach.LegendName();

    public static string ShortName(Approach approach) => $"Approach {(int)approach}";

    public static int ApproachOrder(Approach approach) => (int)approach;

    public static Color ApproachColor(Approach approach) => approach switch
    {
        Approach.Envelope => EnvelopeColor,
        Approach.IsoFlop => IsoFlopColor,
        Approach.Parametric => ParametricColor,
        _ => OtherColor,
    };

    public static string ApproachName(string approach) => approach switch
    {
        "envelope" => "Approach 1 (envelope)",
        "isoflop" => "Approach 2 (IsoFLOP)",
        "parametric" => "Approach 3 (parametric)",
        _ => approach,
    };

    public static string ShortName(string approach) => approach switch
    {
        "envelope" => "Approach 1",
        "isoflop" => "Approach 2",
        "parametric" => "Approach 3",
        _ => approach,
    };

    public static int ApproachOrder(string approach) => approach switch
    {
        "envelope" => 1,
        "isoflop" => 2,
        "parametric" => 3,
        _ => 4,
    };

    public static Color ApproachColor(string approach) => approach switch
    {
        "envelope" => EnvelopeColor,
        "isoflop" => IsoFlopColor,
        "parametric" => ParametricColor,
        _ => OtherColor,
    };

    /// <summary>A number in the invariant culture.</summary>
    public static string F(double value, string format = "0.000") => Numbers.Format(value, format);

    /// <summary>A FLOP count as <c>5.76e23</c>.</summary>
    public static string Flops(double value) => Numbers.ShortScientific(value);

    /// <summary>A count as <c>67B</c>, <c>1.4T</c>.</summary>
    public static string Count(double value) => value > 0 ? Numbers.ShortCount(value) : Numbers.Missing;

    /// <summary>"a = 0.498 (0.47, 0.52)" or "a = 0.498".</summary>
    public static string WithInterval(string name, Estimate estimate) =>
        estimate.Interval is { } i && double.IsFinite(i.Low) && double.IsFinite(i.High)
            ? $"{name} = {F(estimate.Value)} ({F(i.Low)}, {F(i.High)})"
            : $"{name} = {F(estimate.Value)}";

    public static string LevelPercent(double level) => F(100 * level, "0.#") + "%";

    public static bool Positive(double v) => v > 0 && double.IsFinite(v);

    /// <summary>Up to <paramref name="max"/> items, evenly spaced, always keeping the first and the last.</summary>
    public static List<T> Thin<T>(IReadOnlyList<T> items, int max)
    {
        if (max <= 0 || items.Count <= max)
            return [.. items];
        if (max == 1)
            return [items[0]];
        var kept = new List<T>(max);
        int last = -1;
        for (int k = 0; k < max; k++)
        {
            int i = (int)Math.Round((double)k * (items.Count - 1) / (max - 1));
            if (i != last)
                kept.Add(items[i]);
            last = i;
        }
        return kept;
    }

    /// <summary>Viridis colour of <paramref name="value"/> on a log scale from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Color LogColor(double value, double min, double max)
    {
        if (!Positive(value) || !Positive(min) || !Positive(max) || !(max > min))
            return new ScottPlot.Colormaps.Viridis().GetColor(0.5);
        return new ColorAxis(min, max, Log: true).Map(value);
    }

    /// <summary>Evenly log-spaced values from <paramref name="from"/> to <paramref name="to"/> (both positive).</summary>
    public static double[] LogSpace(double from, double to, int count) => Spacing.Log10(from, to, Math.Max(2, count));

    /// <summary>A line through <paramref name="f"/> at each x, skipping non-finite values.</summary>
    public static (double X, double Y)[] Curve(IEnumerable<double> xs, Func<double, double> f) =>
        [.. xs.Select(x => (x, f(x))).Where(p => double.IsFinite(p.Item2))];

    /// <summary>10^floor(log10 v) and 10^ceil(log10 v).</summary>
    public static double DecadeBelow(double v) => Math.Pow(10, Math.Floor(Math.Log10(v) + 1e-9));

    public static double DecadeAbove(double v) => Math.Pow(10, Math.Ceiling(Math.Log10(v) - 1e-9));

    /// <summary>exp(mean ln x) of the positive, finite values; NaN when there are none.</summary>
    public static double GeometricMean(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in values)
        {
            if (Positive(v))
            {
                sum += Math.Log(v);
                n++;
            }
        }
        return n == 0 ? double.NaN : Math.Exp(sum / n);
    }

    /// <summary>
    /// The band of a power law y = k·C^e whose exponent lies in <paramref name="exponent"/>'s interval, pivoting at
    /// <paramref name="pivot"/> (where the regression line passes through the data's mean ln C, so slope uncertainty alone
    /// opens the band on either side of it). Null when there is no interval.
    /// </summary>
    public static (double[] Low, double[] High)? PivotBand(PowerLawFit? fit, Interval? exponent, double pivot, IReadOnlyList<double> flops)
    {
        if (fit is null || exponent is not { } i || !double.IsFinite(i.Low) || !double.IsFinite(i.High) || !Positive(pivot))
            return null;
        double atPivot = fit.Predict(pivot);
        if (!Positive(atPivot))
            return null;
        var lo = new double[flops.Count];
        var hi = new double[flops.Count];
        for (int k = 0; k < flops.Count; k++)
        {
            double r = Math.Log(flops[k] / pivot);
            double y1 = atPivot * Math.Exp(i.Low * r), y2 = atPivot * Math.Exp(i.High * r);
            lo[k] = Math.Min(y1, y2);
            hi[k] = Math.Max(y1, y2);
        }
        return (lo, hi);
    }

    /// <summary>A star at the projected N_opt (or D_opt) for a budget, labelled "29.3B at 5.76e23".</summary>
    public static void Projection(Panel panel, double flops, double value) =>
        panel.Star(flops, value, $"{Count(value)} at {Flops(flops)}", TextSide.Left, ReferenceColor);

    /// <summary>
    /// Adds a fitted power law N_opt (or D_opt) ∝ C^a over <paramref name="flops"/> with its interval band (pivoting about
    /// the data's geometric-mean C) and the projection to <see cref="FigureOptions.ProjectionFlops"/>: the right-hand panels
    /// of the envelope and IsoFLOP figures (Hoffmann et al. 2022, Figures 2 and 3).
    /// </summary>
    public static void AddPowerLawFit(Panel panel, IAllocationFit fit, PowerLawFit regression, bool tokens, string quantity,
        double[] flops, Color color, FigureOptions options)
    {
        Estimate exponent = tokens ? fit.ExponentB : fit.ExponentA;
        if (options.ShowIntervals && PivotBand(regression, exponent.Interval, Pivot(fit), flops) is { } band)
            panel.Band(flops, band.Low, band.High, color, 0.22, $"{LevelPercent(exponent.Interval!.Value.Level)} interval of {(tokens ? "b" : "a")}");
        panel.Line(Curve(flops, regression.Predict), color, 2.2f, $"Fit: {quantity} ∝ C^{F(regression.Exponent)}");
        double projection = options.ProjectionFlops;
        if (Positive(projection))
            Projection(panel, projection, regression.Predict(projection));
    }

    /// <summary>The C at which the band of <see cref="PivotBand"/> pivots for the envelope and IsoFLOP fits; NaN otherwise.</summary>
    public static double Pivot(IAllocationFit fit) => fit switch
    {
        EnvelopeFitResult e => GeometricMean(e.Frontier.Where(p => p.Used).Select(p => p.Flops)),
        IsoFlopFitResult i => GeometricMean(i.Budgets.Where(b => b.Kept).Select(b => b.Flops)),
        _ => double.NaN,
    };

    /// <summary>The regressions of N_opt and D_opt on C of the envelope and IsoFLOP fits; null otherwise.</summary>
    public static (PowerLawFit? Parameters, PowerLawFit? Tokens) Regressions(IAllocationFit fit) => fit switch
    {
        EnvelopeFitResult e => (e.ParameterFit, e.TokenFit),
        IsoFlopFitResult i => (i.ParameterFit, i.TokenFit),
        _ => (null, null),
    };

    /// <summary>
    /// The interval band of N_opt(C) (or D_opt(C) when <paramref name="tokens"/>) of any approach: the parametric fit's
    /// bootstrap laws evaluated at each C (<see cref="ParametricFitResult.FrontierAt"/>); for the envelope and IsoFLOP fits,
    /// whose bootstraps keep only a and b, <see cref="PivotBand"/> at the data's geometric-mean C. Null when no interval.
    /// </summary>
    public static (double[] Low, double[] High)? FrontierBand(IAllocationFit fit, IReadOnlyList<double> flops, bool tokens)
    {
        if (fit is ParametricFitResult p)
        {
            if (p.Bootstrap is null || p.Bootstrap.Succeeded == 0 || !p.Law.IsValid)
                return null;
            IReadOnlyList<ParametricFrontierPoint> points = p.FrontierAt(flops);
            var lo = new double[points.Count];
            var hi = new double[points.Count];
            for (int k = 0; k < points.Count; k++)
            {
                Interval? i = (tokens ? points[k].TokenCount : points[k].ParameterCount).Interval;
                lo[k] = i?.Low ?? double.NaN;
                hi[k] = i?.High ?? double.NaN;
            }
            return lo.Any(double.IsFinite) ? (lo, hi) : null;
        }
        (PowerLawFit? n, PowerLawFit? d) = Regressions(fit);
        return tokens
            ? PivotBand(d, fit.ExponentB.Interval, Pivot(fit), flops)
            : PivotBand(n, fit.ExponentA.Interval, Pivot(fit), flops);
    }

    /// <summary>How <see cref="FrontierBand"/> got its band, for captions.</summary>
    public static string BandMethod(IAllocationFit fit) => fit is ParametricFitResult
        ? "the bootstrap refits' laws evaluated at each budget (percentile interval)"
        : "the bootstrap interval of the exponent, pivoting about the fitted line at the data's geometric-mean C "
          + "(the bootstrap keeps only the exponents, so the band shows slope uncertainty only and has no width at that C)";

    /// <summary>True when the fit gives finite N_opt.</summary>
    public static bool HasFrontier(IAllocationFit fit) => Positive(fit.OptimalParameterCount(1e21));

    /// <summary>
    /// An empty panel with a "No data" note and a title saying why, on a typical range for its axes (so the note sits on
    /// familiar ticks rather than 0–1).
    /// </summary>
    public static Plot Empty(string title, string xLabel, AxisKind x, string yLabel, AxisKind y)
    {
        var panel = new Panel(title, xLabel, x, yLabel, y);
        panel.NoData();
        (double lo, double hi) Typical(string label, AxisKind kind) => label switch
        {
            FlopsLabel => (1e18, 1e24),
            ParametersLabel => (1e7, 1e12),
            TokensLabel => (1e9, 1e13),
            LossLabel or "Training loss" => (2, 4),
            _ => kind == AxisKind.Linear ? (0, 1) : (1, 1e3),
        };
        (double xLo, double xHi) = Typical(xLabel, x);
        (double yLo, double yHi) = Typical(yLabel, y);
        panel.XRange(xLo, xHi);
        panel.YRange(yLo, yHi);
        return panel.Finish(LegendAt.None);
    }

    /// <summary>"Nice" contour levels: multiples of 1, 2 or 5 × 10^k covering [lo, hi] in about <paramref name="count"/> steps.</summary>
    public static double[] NiceLevels(double lo, double hi, int count)
    {
        if (!(hi > lo) || !double.IsFinite(lo) || !double.IsFinite(hi))
            return [];
        double raw = (hi - lo) / Math.Max(1, count);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw * (1 - 1e-9));
        double first = Math.Ceiling((lo / step) - 1e-9) * step;
        var levels = new List<double>();
        for (double v = first; v <= hi + (step * 1e-9); v += step)
            levels.Add(Math.Round(v / step) * step);
        return [.. levels];
    }
}
