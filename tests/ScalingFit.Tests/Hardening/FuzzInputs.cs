using System.Globalization;
using System.Text;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Tests.Hardening;

/// <summary>One generated input: how it was made (for failure messages), its format and its bytes.</summary>
internal sealed record FuzzInput(int Index, string Recipe, ImportFormat Format, byte[] Bytes, ImportOptions Options)
{
    public string Extension => Format switch
    {
        ImportFormat.Csv => ".csv",
        ImportFormat.JsonLines => ".jsonl",
        _ => ".json",
    };

    public string DisplayName => $"fuzz-{Index:0000}{Extension}";

    /// <summary>The first bytes as text, for a failure message.</summary>
    public string Preview
    {
        get
        {
            var text = Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 400));
            return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// Deterministic generator of hostile inputs for the importers: random bytes, random "almost CSV" text, and
/// valid-looking CSV / JSONL / JSON sweeps (any column names and order, extra columns, BOM, CRLF, <c>;</c> or tab
/// separators, quoted fields, scientific notation, decimal commas) put through random mutations (extreme and
/// malformed numbers, truncation, byte flips, deleted / duplicated / swapped lines, stray quotes, NULs, deep nesting).
/// </summary>
internal sealed class FuzzInputs(long seed)
{
    private readonly SeededRandom _rng = new(seed);

    private static readonly string[] NNames = ["params", "parameters", "n", "Model Size", "model_size", "parameter_count", "PARAMS", " params_active_precise "];
    private static readonly string[] DNames = ["tokens", "d", "Training Tokens", "training_tokens", "train_tokens", "TOKENS"];
    private static readonly string[] CNames = ["flops", "compute", "c", "Training FLOP", "compute_budget"];
    private static readonly string[] LossNames = ["loss", "final_loss", "val_loss", "eval_loss", "Loss"];
    private static readonly string[] RunNames = ["run", "run_id", "run_name", "name"];
    private static readonly string[] ExtraNames = ["lr", "notes", "step", "seed", "wall_clock", "tokens_per_sec", "", "loss_std"];

    /// <summary>Numbers and non-numbers that stress the number parser and the finite/positive policy.</summary>
    private static readonly string[] Hostile =
    [
        "1e308", "1.7976931348623157e308", "1e309", "-1e308", "1e-320", "4.9e-324", "5e-325", "1e-400", "0", "-0", "-0.0", "-1",
        "NaN", "nan", "-nan", "inf", "-inf", "Infinity", "+Infinity", "∞", "1,5", "1.234,5", "1 000", "1_000", "0x1F", "1e", "1e+",
        ".5", "5.", "+3", "--3", "3-", "", " ", "\"\"", " 3.0 ", "٣", "３", "1e99999999999", new string('9', 400), "0." + new string('0', 400) + "1",
        "null", "true", "abc", "3.0.1", "1e5e5", "\u00a03", "3\u200b", "1E+2", "2.5E-3", "7e0",
    ];

    public IEnumerable<FuzzInput> Generate(int count)
    {
        for (int i = 0; i < count; i++)
        {
            double kind = _rng.NextDouble();
            var options = Options();
            if (kind < 0.07)
                yield return new FuzzInput(i, "random bytes", PickFormat(), RandomBytes(), options);
            else if (kind < 0.14)
                yield return new FuzzInput(i, "random text", PickFormat(), Encoding.UTF8.GetBytes(RandomText()), options);
            else
            {
                var format = kind < 0.6 ? ImportFormat.Csv : kind < 0.8 ? ImportFormat.JsonLines : ImportFormat.JsonArray;
                var recipe = new StringBuilder(format.ToString());
                string text = format == ImportFormat.Csv ? Csv(recipe) : Json(format, recipe);
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                if (Chance(0.15))
                {
                    bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
                    recipe.Append(" +bom");
                }
                int mutations = _rng.NextInt(4);
                for (int m = 0; m < mutations; m++)
                    bytes = MutateBytes(bytes, recipe);
                yield return new FuzzInput(i, recipe.ToString(), format, bytes, options);
            }
        }
    }

    private ImportOptions Options()
    {
        var options = ImportOptions.Default;
        if (Chance(0.3))
            options = options with { SkipBadRows = true };
        if (Chance(0.05))
            options = options.WithColumn(ColumnKey.Loss, Pick(LossNames));
        if (Chance(0.03))
            options = options with { MaxReportedIssues = 3 };
        return options;
    }

    // ---- valid-looking sweeps -------------------------------------------------------------------------------------

    private sealed record Row(string Run, double N, double D, double C, double Loss);

    private List<Row> Sweep(StringBuilder recipe)
    {
        bool curves = Chance(0.4);
        int runs = curves ? 1 + _rng.NextInt(6) : 1 + _rng.NextInt(14);
        int points = curves ? 2 + _rng.NextInt(6) : 1;
        if (Chance(0.03))
        {
            runs = 160; // enough bad rows, after mutation, to pass the issue limit
            recipe.Append(" many-rows");
        }
        recipe.Append(curves ? " curves" : " final-losses");
        var rows = new List<Row>();
        for (int r = 0; r < runs; r++)
        {
            double n = Math.Pow(10, 7 + 3 * _rng.NextDouble());
            double dMax = 20 * n * Math.Pow(10, 2 * _rng.NextDouble() - 1);
            for (int p = 1; p <= points; p++)
            {
                double d = dMax * p / points;
                double loss = 1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28) + 0.01 * _rng.NextGaussian();
                rows.Add(new Row($"r{r}", n, d, 6 * n * d, loss));
            }
        }
        if (Chance(0.3))
            Shuffle(rows);
        return rows;
    }

    private string Csv(StringBuilder recipe)
    {
        var rows = Sweep(recipe);
        // One number format per column, so a curve's N reads back the same on every row.
        int nFormat = _rng.NextInt(NumberFormats.Length), dFormat = _rng.NextInt(NumberFormats.Length);
        int cFormat = _rng.NextInt(NumberFormats.Length), lossFormat = _rng.NextInt(NumberFormats.Length);
        var columns = new List<(string Name, Func<Row, string> Value)>
        {
            (Pick(NNames), r => Number(r.N, nFormat)),
            (Pick(LossNames), r => Number(r.Loss, lossFormat)),
        };
        bool hasD = Chance(0.8), hasC = !hasD || Chance(0.5);
        if (hasD)
            columns.Add((Pick(DNames), r => Number(r.D, dFormat)));
        if (hasC)
            columns.Add((Pick(CNames), r => Number(r.C, cFormat)));
        if (Chance(0.8))
            columns.Add((Pick(RunNames), r => r.Run));
        int extras = _rng.NextInt(3);
        for (int e = 0; e < extras; e++)
            columns.Add((Pick(ExtraNames), _ => Chance(0.5) ? Number(_rng.NextDouble(), _rng.NextInt(NumberFormats.Length)) : "x y"));
        Shuffle(columns);

        char separator = _rng.NextInt(5) switch { 0 => ';', 1 => '\t', _ => ',' };
        string newline = Chance(0.3) ? "\r\n" : "\n";
        bool decimalComma = separator == ';' && Chance(0.4);
        bool quoteAll = Chance(0.15);
        recipe.Append(CultureInfo.InvariantCulture, $" sep={(separator == '\t' ? "tab" : separator.ToString())}{(newline == "\r\n" ? " crlf" : "")}{(decimalComma ? " decimal-comma" : "")}{(quoteAll ? " quoted" : "")}");

        var cells = new List<List<string>> { columns.Select(c => c.Name).ToList() };
        foreach (var row in rows)
            cells.Add(columns.Select(c => c.Value(row)).Select(v => decimalComma ? v.Replace('.', ',') : v).ToList());
        MutateCells(cells, recipe);

        var text = new StringBuilder();
        if (Chance(0.03))
            text.Append("sep=").Append(separator).Append(newline);
        foreach (var line in cells)
        {
            text.AppendJoin(separator, line.Select(v => Quote(v, separator, quoteAll)));
            text.Append(newline);
        }
        if (Chance(0.2))
            text.Length -= newline.Length; // no final line end
        return text.ToString();
    }

    private static string Quote(string value, char separator, bool always)
    {
        bool needs = value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal);
        return always || needs ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private string Json(ImportFormat format, StringBuilder recipe)
    {
        var rows = Sweep(recipe);
        string nKey = Pick(NNames).Trim(), dKey = Pick(DNames), cKey = Pick(CNames), lossKey = Pick(LossNames), runKey = Pick(RunNames);
        bool hasD = Chance(0.8), hasC = !hasD || Chance(0.5), hasRun = Chance(0.8), numbersAsText = Chance(0.15);
        int style = _rng.NextInt(NumberFormats.Length);
        var objects = new List<List<string>>();
        foreach (var r in rows)
        {
            var members = new List<string> { Member(nKey, Number(r.N, style), numbersAsText), Member(lossKey, Number(r.Loss, style), numbersAsText) };
            if (hasD)
                members.Add(Member(dKey, Number(r.D, style), numbersAsText));
            if (hasC)
                members.Add(Member(cKey, Number(r.C, style), numbersAsText));
            if (hasRun)
                members.Add($"\"{runKey}\":\"{r.Run}\"");
            if (Chance(0.3))
                members.Add(_rng.NextInt(4) switch
                {
                    0 => "\"extra\":{\"nested\":[1,2,{\"a\":null}]}",
                    1 => "\"tags\":[\"a\",\"b\"]",
                    2 => "\"note\":\"quote \\\" and \\u00e9\"",
                    _ => "\"ok\":true",
                });
            Shuffle(members);
            objects.Add(members);
        }
        MutateMembers(objects, recipe);
        string newline = Chance(0.3) ? "\r\n" : "\n";
        recipe.Append(newline == "\r\n" ? " crlf" : "");
        var lines = objects.Select(m => "{" + string.Join(Chance(0.1) ? ", " : ",", m) + "}").ToList();
        if (format == ImportFormat.JsonLines)
            return string.Join(newline, lines) + (Chance(0.8) ? newline : "");
        return "[" + newline + string.Join("," + newline, lines) + newline + "]" + (Chance(0.5) ? newline : "");
    }

    private static string Member(string key, string number, bool asText) =>
        asText ? $"\"{key}\":\"{number}\"" : $"\"{key}\":{number}";

    /// <summary>Valid renderings of a number: round-trip, scientific (two styles), few-digit, fixed.</summary>
    private static readonly string[] NumberFormats = ["R", "E6", "0.###e+0", "G4", "F2"];

    private static string Number(double v, int format) => v.ToString(NumberFormats[format], CultureInfo.InvariantCulture);

    // ---- mutations ------------------------------------------------------------------------------------------------

    private void MutateCells(List<List<string>> cells, StringBuilder recipe)
    {
        int count = _rng.NextInt(4);
        for (int m = 0; m < count && cells.Count > 1; m++)
        {
            int row = 1 + _rng.NextInt(cells.Count - 1);
            if (cells[row].Count == 0)
                continue;
            int column = _rng.NextInt(cells[row].Count);
            switch (_rng.NextInt(6))
            {
                case 0:
                case 1:
                case 2:
                    string value = Pick(Hostile);
                    cells[row][column] = value;
                    recipe.Append(CultureInfo.InvariantCulture, $" cell[{row},{column}]='{Short(value)}'");
                    break;
                case 3:
                    cells[row].RemoveAt(column);
                    recipe.Append(" short-row");
                    break;
                case 4:
                    cells[row].Add(Pick(Hostile));
                    recipe.Append(" long-row");
                    break;
                default:
                    cells[0][Math.Min(column, cells[0].Count - 1)] = Pick(ExtraNames);
                    recipe.Append(" renamed-column");
                    break;
            }
        }
        if (Chance(0.05))
        {
            // Every row bad: more issues than the listing limit.
            for (int r = 1; r < cells.Count; r++)
            {
                if (cells[r].Count > 0)
                    cells[r][0] = "abc";
            }
            recipe.Append(" all-rows-bad");
        }
    }

    private void MutateMembers(List<List<string>> objects, StringBuilder recipe)
    {
        int count = _rng.NextInt(4);
        for (int m = 0; m < count && objects.Count > 0; m++)
        {
            var members = objects[_rng.NextInt(objects.Count)];
            int at = _rng.NextInt(members.Count);
            string key = members[at][..(members[at].IndexOf(':', StringComparison.Ordinal) + 1)];
            switch (_rng.NextInt(8))
            {
                case 0:
                case 1:
                    string v = Pick(Hostile);
                    members[at] = key + (Chance(0.5) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? v : "\"" + v.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
                    recipe.Append(CultureInfo.InvariantCulture, $" member='{Short(v)}'");
                    break;
                case 2:
                    members[at] = key + Pick(["NaN", "Infinity", "-Infinity", "null", "[]", "{}", "1e400", "-0", "1e-320", "01", "+1", ".5"]);
                    recipe.Append(" literal");
                    break;
                case 3:
                    members.RemoveAt(at);
                    recipe.Append(" member-removed");
                    break;
                case 4:
                    members.Add(members[at]);
                    recipe.Append(" duplicate-key");
                    break;
                case 5:
                    members[at] = key + new string('[', 200) + new string(']', 200);
                    recipe.Append(" deep-nesting");
                    break;
                case 6:
                    members[at] = key + "\"" + new string('x', 70_000) + "\"";
                    recipe.Append(" long-string");
                    break;
                default:
                    members[at] = "\"\\ud800\":1";
                    recipe.Append(" lone-surrogate-key");
                    break;
            }
        }
    }

    private byte[] MutateBytes(byte[] bytes, StringBuilder recipe)
    {
        if (bytes.Length == 0)
            return bytes;
        var list = new List<byte>(bytes);
        switch (_rng.NextInt(9))
        {
            case 0:
                int cut = _rng.NextInt(bytes.Length);
                recipe.Append(CultureInfo.InvariantCulture, $" truncated@{cut}");
                return bytes[..cut];
            case 1:
                int flips = 1 + _rng.NextInt(4);
                for (int f = 0; f < flips; f++)
                    list[_rng.NextInt(list.Count)] ^= (byte)(1 << _rng.NextInt(8));
                recipe.Append(CultureInfo.InvariantCulture, $" {flips}-bit-flips");
                return [.. list];
            case 2:
            case 3:
            case 4:
                return Lines(bytes, recipe);
            case 5:
                list.Insert(_rng.NextInt(list.Count + 1), (byte)'"');
                recipe.Append(" stray-quote");
                return [.. list];
            case 6:
                list.Insert(_rng.NextInt(list.Count + 1), 0);
                recipe.Append(" nul");
                return [.. list];
            case 7:
                int at = _rng.NextInt(list.Count + 1);
                list.InsertRange(at, RandomBytes(1 + _rng.NextInt(16)));
                recipe.Append(" random-bytes-inserted");
                return [.. list];
            default:
                list[_rng.NextInt(list.Count)] = (byte)Pick(new[] { 0xC3, 0xFF, 0xFE, 0xE2, 0x80, 0xEF });
                recipe.Append(" invalid-utf8");
                return [.. list];
        }
    }

    /// <summary>Deletes, duplicates or swaps whole lines (LF-separated; a CR stays with its line).</summary>
    private byte[] Lines(byte[] bytes, StringBuilder recipe)
    {
        var lines = SplitLines(bytes);
        if (lines.Count < 2)
            return bytes;
        int i = _rng.NextInt(lines.Count), j = _rng.NextInt(lines.Count);
        switch (_rng.NextInt(3))
        {
            case 0:
                lines.RemoveAt(i);
                recipe.Append(CultureInfo.InvariantCulture, $" line{i + 1}-deleted");
                break;
            case 1:
                lines.Insert(i, lines[i]);
                recipe.Append(CultureInfo.InvariantCulture, $" line{i + 1}-duplicated");
                break;
            default:
                (lines[i], lines[j]) = (lines[j], lines[i]);
                recipe.Append(CultureInfo.InvariantCulture, $" lines{i + 1}<->{j + 1}");
                break;
        }
        return lines.SelectMany(l => l).ToArray();
    }

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int k = 0; k < bytes.Length; k++)
        {
            if (bytes[k] == (byte)'\n')
            {
                lines.Add(bytes[start..(k + 1)]);
                start = k + 1;
            }
        }
        if (start < bytes.Length)
            lines.Add(bytes[start..]);
        return lines;
    }

    // ---- random inputs ------------------------------------------------------------------------------------------

    private byte[] RandomBytes(int? length = null)
    {
        var bytes = new byte[length ?? _rng.NextInt(2048)];
        for (int k = 0; k < bytes.Length; k++)
            bytes[k] = (byte)_rng.NextInt(256);
        return bytes;
    }

    /// <summary>Text from an alphabet heavy in separators, quotes, digits, braces and line ends.</summary>
    private string RandomText()
    {
        const string alphabet = "0123456789.,;\t\"'\r\n e+-E{}[]:abcnlosptrkx_ ";
        var builder = new StringBuilder();
        if (Chance(0.5))
            builder.Append(Pick(["params,tokens,loss\n", "run;params;flops;loss\r\n", "{\"params\":", "[{\"n\":1e8,\"d\":2e9,\"loss\":"]));
        int length = _rng.NextInt(1500);
        for (int k = 0; k < length; k++)
            builder.Append(alphabet[_rng.NextInt(alphabet.Length)]);
        return builder.ToString();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private bool Chance(double p) => _rng.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.NextInt(items.Count)];

    private ImportFormat PickFormat() => (ImportFormat)_rng.NextInt(3);

    private void Shuffle<T>(IList<T> items)
    {
        for (int k = items.Count - 1; k > 0; k--)
        {
            int j = _rng.NextInt(k + 1);
            (items[k], items[j]) = (items[j], items[k]);
        }
    }

    private static string Short(string value) => value.Length > 12 ? value[..12] + "…" : value;
}
