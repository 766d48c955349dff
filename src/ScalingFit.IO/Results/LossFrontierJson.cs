using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// A <see cref="LossFrontier"/> as the <c>lossFrontier</c> block of a result in the <c>--json</c> output of <c>fit</c>,
/// <c>reproduce</c> and <c>predict</c> and in a report folder's <c>results.json</c>, and read back, so that
/// <c>predict --fit FILE</c> gives the numbers <c>predict --input DATA</c> gives, without the data and without refitting.
/// <para>
/// The block holds everything <see cref="LossFrontier.Predict"/> and <see cref="LossFrontier.PredictAt"/> use: the central
/// curve's coefficients (<c>curve</c>: E, A, γ, ln k_N and a of L*(C) = E + A·C^(−γ), N_opt = k_N·C^a; or E, A, B, α, β and
/// the FLOP factor k of a parametric law), every bootstrap resample's coefficients in resample order (<c>resamples</c>, one
/// array per coefficient), the residual σ of ln L, the data's FLOP range, the level, the seed (the prediction interval's
/// scatter draws come from it), the resamples requested, the frontier points and the diagnostics. Doubles are written in
/// the shortest form that reads back to the same bits, so a round trip reproduces every prediction exactly.
/// </para>
/// </summary>
public static class LossFrontierJson
{
    /// <summary>The name of the block in a result object.</summary>
    public const string BlockName = "lossFrontier";

    private const string FittedForm = "E + A*C^-gamma";
    private const string LawForm = "parametric law at N_opt(C), D_opt(C)";
    private static readonly string[] FittedNames = ["E", "A", "gamma", "lnkN", "a"];
    private static readonly string[] LawNames = ["E", "A", "B", "alpha", "beta"];

    /// <summary>Writes <c>"lossFrontier": {…}</c> as a member of the current object.</summary>
    public static void Write(Utf8JsonWriter w, LossFrontier frontier)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(frontier);
        w.WriteStartObject(BlockName);
        w.WriteString("approach", frontier.Approach.Name());
        w.WriteBoolean("succeeded", frontier.Succeeded);
        switch (frontier.Curve)
        {
            case FittedFrontierCurve f:
                w.WriteString("form", FittedForm);
                WriteCoefficients(w, "curve", FittedNames, Coefficients(f));
                break;
            case LawFrontierCurve l:
                w.WriteString("form", LawForm);
                WriteCoefficients(w, "curve", LawNames, Coefficients(l));
                w.WriteNumber("flopFactor", l.Rule.Factor);
                break;
            default:
                w.WriteNull("form");
                w.WriteNull("curve");
                break;
        }
        if (frontier.LossFit is { } fit)
        {
            w.WriteStartObject("lossFit");
            JsonNumbers.Write(w, "residualSigmaLnLoss", fit.ResidualStandardDeviation);
            w.WriteNumber("points", fit.Count);
            w.WriteBoolean("pinnedE", fit.EPinned);
            w.WriteBoolean("eAtBound", fit.EAtBound);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("lossFit");
        }
        JsonNumbers.Write(w, "residualSigmaLnLoss", frontier.ResidualStandardDeviation);
        w.WriteNumber("dataFlopsMin", frontier.DataFlops.Min);
        w.WriteNumber("dataFlopsMax", frontier.DataFlops.Max);
        JsonNumbers.Write(w, "largestDataFlops", frontier.LargestDataFlops);
        w.WriteNumber("level", frontier.Level);
        w.WriteNumber("seed", frontier.Seed);
        w.WriteNumber("resamplesRequested", frontier.ResamplesRequested);
        w.WriteNumber("resamplesSucceeded", frontier.Resamples.Count);
        bool law = frontier.Curve is LawFrontierCurve || frontier.Resamples.FirstOrDefault() is LawFrontierCurve;
        var names = law ? LawNames : FittedNames;
        w.WriteStartObject("resamples");
        for (int c = 0; c < names.Length; c++)
        {
            w.WriteStartArray(names[c]);
            foreach (var r in frontier.Resamples)
                w.WriteNumberValue(Coefficients(r)[c]);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartObject("observations");
        Column(w, "flops", frontier.Observations.Select(o => o.Flops));
        Column(w, "loss", frontier.Observations.Select(o => o.Loss));
        Column(w, "params", frontier.Observations.Select(o => o.ParameterCount));
        w.WriteEndObject();
        w.WriteStartArray("diagnostics");
        foreach (var d in frontier.Diagnostics)
            DiagnosticJson.Write(w, d);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The loss frontiers in a JSON document: the <c>lossFrontier</c> blocks of its <c>results</c> (the output of
    /// <c>fit --json</c>, <c>reproduce --json</c>, a report folder's <c>results.json</c>) or <c>predictions</c>
    /// (<c>predict --json</c>), in file order; only those of <paramref name="approach"/> when given. Null with a
    /// sentence saying what is wrong (beginning "it …") when the text is not JSON (with its line and column), has
    /// neither array, has no such approach, carries no blocks (older output, a grouped fit) or a block is malformed.
    /// </summary>
    /// <param name="json">The document's text.</param>
    /// <param name="approach">envelope, isoflop or parametric; null for every block.</param>
    public static (IReadOnlyList<LossFrontier>? Frontiers, string? Problem) Read(string json, Approach? approach = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !(root.TryGetProperty("results", out var items) || root.TryGetProperty("predictions", out items))
                || items.ValueKind != JsonValueKind.Array)
                return (null, "it has no \"results\" or \"predictions\" array (it is not the --json output of 'scalingfit fit', 'reproduce' or 'predict', nor a report folder's results.json)");
            var found = new List<string>();
            var frontiers = new List<LossFrontier>();
            bool grouped = false;
            int blocks = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                    continue;
                string name = item.TryGetProperty("approach", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
                found.Add(name);
                grouped |= item.TryGetProperty("group", out _);
                if (approach is { } wanted && !string.Equals(name, wanted.Name(), StringComparison.OrdinalIgnoreCase))
                    continue;
                if (!item.TryGetProperty(BlockName, out var block) || block.ValueKind != JsonValueKind.Object)
                    continue;
                blocks++;
                var (frontier, problem) = ReadBlock(block);
                if (frontier is null)
                    return (null, $"the {(name.Length > 0 ? name : "unnamed")} result's lossFrontier does not parse: {problem}; write the file again with 'scalingfit fit all --input DATA --json FILE'");
                frontiers.Add(frontier);
            }
            if (approach is { } want && !found.Contains(want.Name(), StringComparer.OrdinalIgnoreCase))
                return (null, $"it has no {want.Name()} result (it has: {(found.Count == 0 ? "none" : string.Join(", ", found.Where(f => f.Length > 0).Distinct()))})");
            if (blocks == 0)
                return (null, grouped
                    ? "it is a grouped fit (--group-by), whose results carry no lossFrontier; predict one group from its data with 'scalingfit predict --input DATA --where ...'"
                    : "its results carry no lossFrontier block (written by an older scalingfit, or not a fit's output); write it again with 'scalingfit fit all --input DATA --json FILE', or predict from the data with 'scalingfit predict --input DATA'");
            return (frontiers, null);
        }
        catch (JsonException ex)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}): {FirstSentence(ex.Message)}"));
        }
    }

    /// <summary>One <c>lossFrontier</c> block read back into a <see cref="LossFrontier"/>, or null with what is wrong.</summary>
    public static (LossFrontier? Frontier, string? Problem) ReadBlock(JsonElement block)
    {
        try
        {
            if (block.ValueKind != JsonValueKind.Object)
                return (null, "it is not an object");
            string approachName = String(block, "approach");
            if (Approaches.FromName(approachName) is not { } approach)
                return (null, $"\"approach\" is '{approachName}', not envelope, isoflop or parametric");
            bool succeeded = block.TryGetProperty("succeeded", out var s) && s.ValueKind == JsonValueKind.True;
            var diagnostics = block.TryGetProperty("diagnostics", out var ds) && ds.ValueKind == JsonValueKind.Array
                ? ds.EnumerateArray().Select(ReadDiagnostic).ToArray()
                : [];
            double sigma = Number(block, "residualSigmaLnLoss", nullable: true);
            var range = new ValueRange(Number(block, "dataFlopsMin"), Number(block, "dataFlopsMax"));
            double level = Number(block, "level");
            if (level is <= 0 or >= 1)
                return (null, $"\"level\" is {level}, not in (0, 1)");
            long seed = block.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.Number ? sd.GetInt64() : throw new FormatException("\"seed\" is missing or not an integer");
            int requested = block.TryGetProperty("resamplesRequested", out var rq) && rq.ValueKind == JsonValueKind.Number ? rq.GetInt32() : throw new FormatException("\"resamplesRequested\" is missing or not an integer");
            string form = block.TryGetProperty("form", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
            var observations = ReadObservations(block);

            FrontierCurve? curve = null;
            SaturatingPowerLawFit? lossFit = null;
            var resamples = new List<FrontierCurve>();
            if (succeeded)
            {
                var c = Object(block, "curve");
                var r = Object(block, "resamples");
                if (form == FittedForm)
                {
                    var v = FittedNames.Select(n => Number(c, n)).ToArray();
                    var fitted = Fitted(v);
                    curve = fitted;
                    var fit = Object(block, "lossFit");
                    lossFit = new SaturatingPowerLawFit(fitted.LossLaw, Number(fit, "residualSigmaLnLoss", nullable: true),
                        fit.GetProperty("points").GetInt32(), Boolean(fit, "pinnedE"), Boolean(fit, "eAtBound"));
                    foreach (var row in Rows(r, FittedNames))
                        resamples.Add(Fitted(row));
                }
                else if (form == LawForm)
                {
                    var rule = new FlopRule(Number(block, "flopFactor"));
                    if (!(rule.Factor > 0))
                        return (null, "\"flopFactor\" must be positive");
                    curve = Law(LawNames.Select(n => Number(c, n)).ToArray(), rule);
                    foreach (var row in Rows(r, LawNames))
                        resamples.Add(Law(row, rule));
                }
                else
                {
                    return (null, $"\"form\" is '{form}', not '{FittedForm}' or '{LawForm}'");
                }
                if (!(range.Max > 0))
                    return (null, "\"dataFlopsMax\" must be positive");
            }
            double largest = block.TryGetProperty("largestDataFlops", out var ld) && ld.ValueKind == JsonValueKind.Number ? ld.GetDouble() : double.NaN;
            return (new LossFrontier(approach, succeeded, curve, lossFit, resamples, requested, sigma, observations, range, level, seed, diagnostics)
                { LargestDataFlops = largest }, null);
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, ex.Message);
        }
    }

    private static double[] Coefficients(FrontierCurve curve) => curve switch
    {
        FittedFrontierCurve f => [f.LossLaw.E, f.LossLaw.A, f.LossLaw.Gamma, f.LnParameterCoefficient, f.ParameterExponent],
        LawFrontierCurve l => [l.Law.E, l.Law.A, l.Law.B, l.Law.Alpha, l.Law.Beta],
        _ => throw new ArgumentException($"No JSON form for a {curve.GetType().Name}.", nameof(curve)),
    };

    private static FittedFrontierCurve Fitted(double[] v) => new(new SaturatingPowerLaw(v[0], v[1], v[2]), v[3], v[4]);

    private static LawFrontierCurve Law(double[] v, FlopRule rule) => new(new ParametricLaw(v[0], v[1], v[2], v[3], v[4]), rule);

    private static void WriteCoefficients(Utf8JsonWriter w, string name, string[] names, double[] values)
    {
        w.WriteStartObject(name);
        for (int i = 0; i < names.Length; i++)
            w.WriteNumber(names[i], values[i]);
        w.WriteEndObject();
    }

    private static void Column(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    /// <summary>The resamples' coefficient vectors from one array per coefficient, all of one length.</summary>
    private static IEnumerable<double[]> Rows(JsonElement resamples, string[] names)
    {
        var columns = names.Select(n => Array(resamples, n)).ToArray();
        int count = columns[0].Length;
        if (columns.Any(c => c.Length != count))
            throw new FormatException("the \"resamples\" arrays differ in length");
        for (int k = 0; k < count; k++)
            yield return columns.Select(c => c[k]).ToArray();
    }

    private static List<FrontierObservation> ReadObservations(JsonElement block)
    {
        if (!block.TryGetProperty("observations", out var o) || o.ValueKind != JsonValueKind.Object)
            return [];
        var flops = Array(o, "flops");
        var loss = Array(o, "loss");
        var n = Array(o, "params");
        if (loss.Length != flops.Length || n.Length != flops.Length)
            throw new FormatException("the \"observations\" arrays differ in length");
        return [.. Enumerable.Range(0, flops.Length).Select(i => new FrontierObservation(flops[i], loss[i], n[i]))];
    }

    private static Diagnostic ReadDiagnostic(JsonElement d)
    {
        var severity = String(d, "severity") switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Info,
        };
        return new Diagnostic(String(d, "code"), severity, String(d, "message"));
    }

    private static JsonElement Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new FormatException($"\"{name}\" is missing or not an object");

    private static double[] Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw new FormatException($"\"{name}\" holds a value that is not a number")).ToArray()
            : throw new FormatException($"\"{name}\" is missing or not an array");

    private static double Number(JsonElement e, string name, bool nullable = false)
    {
        if (e.TryGetProperty(name, out var v))
        {
            if (v.ValueKind == JsonValueKind.Number)
                return v.GetDouble();
            if (nullable && v.ValueKind == JsonValueKind.Null)
                return double.NaN;
        }
        throw new FormatException($"\"{name}\" is missing or not a number");
    }

    private static bool Boolean(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : throw new FormatException($"\"{name}\" is missing or not true/false");

    private static string String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
