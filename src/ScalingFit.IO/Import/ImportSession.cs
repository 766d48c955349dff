using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>
/// The state of one import, shared by the format readers: the issues found, the counts, and the runs being built.
/// Readers parse fields into <see cref="RowFields"/> and call <see cref="CompleteRow"/>; this class applies the rules
/// (missing values, positivity, D = C/(kN), duplicates, N changes, C vs kND) in one place for every format.
/// </summary>
internal sealed class ImportSession
{
    private const int MaxExamples = 3;
    private readonly List<ImportIssue> errors = [];
    private readonly List<ImportIssue> notes = [];
    private readonly List<ImportIssue> skippedNotes = [];
    private readonly List<(int Line, double Flops, double RuleFlops)> flopExamples = [];
    private int listedRowErrors;
    private int unlistedErrors;
    private int unlistedSkipped;
    private int flopDisagreements;
    private int flopDisagreementColumn;
    private RunAccumulator? accumulator;

    public ImportSession(string file, ImportFormat format, ImportOptions options)
    {
        File = file;
        Format = format;
        Options = options;
    }

    public string File { get; }

    public ImportFormat Format { get; }

    public ImportOptions Options { get; }

    public ColumnLayout? Layout { get; private set; }

    /// <summary>A problem with the file itself was found; reading stops.</summary>
    public bool HasFatal { get; private set; }

    public int RowsRead { get; private set; }

    public int RowsRejected { get; private set; }

    public void UseLayout(ColumnLayout layout)
    {
        Layout = layout;
        // N derived as C/(kD) carries the rounding of C and D: along one curve it may wander by that much.
        accumulator = new RunAccumulator(Options.FlopRule, storeFlops: layout.C >= 0, sizeTolerance: layout.N >= 0 ? 1e-9 : 1e-2);
    }

    public void RowRead() => RowsRead++;

    public void Fatal(int line, int column, ImportErrorCode code, string message, string? columnName = null)
    {
        HasFatal = true;
        errors.Add(new ImportIssue(File, line, column, code, message, columnName));
    }

    public void Note(int line, int column, ImportErrorCode code, string message, string? columnName = null) =>
        notes.Add(new ImportIssue(File, line, column, code, message, columnName));

    /// <summary>A bad row: an error, or under --skip-bad-rows a note. The message depends on which (it says what happened).</summary>
    public void RowProblem(int line, int column, ImportErrorCode code, Func<bool, string> message, string? columnName = null)
    {
        RowsRejected++;
        var skip = Options.SkipBadRows;
        var list = skip ? skippedNotes : errors;
        var listed = skip ? skippedNotes.Count : listedRowErrors;
        if (listed >= Options.MaxReportedIssues)
        {
            if (skip)
                unlistedSkipped++;
            else
                unlistedErrors++;
            return;
        }

        if (!skip)
            listedRowErrors++;
        list.Add(new ImportIssue(File, line, column, code, message(skip), columnName));
    }

    /// <summary>Applies the rules to a parsed row and, when it passes, adds it to its run.</summary>
    /// <remarks>Hot path (once per row): no lambdas here; messages are built in the cold methods below.</remarks>
    public void CompleteRow(RowFields f)
    {
        var layout = Layout!;
        var acc = accumulator!;
        foreach (var col in layout.Used)
        {
            if (col == layout.Run)
            {
                if (f.RunId.IsEmpty)
                {
                    ReportMissingRunId(f, col);
                    return;
                }

                continue;
            }

            if (f.Present[col] && f.Status[col] == FieldStatus.Ok)
                continue;
            if (!IsDerivable(f, col))
            {
                ReportField(f, col);
                return;
            }
        }

        var rule = Options.FlopRule;
        var loss = f.Value[layout.Loss];
        var hasD = f.IsOk(layout.D);
        var hasC = f.IsOk(layout.C);
        // A column that serves as both C and the budget label (e.g. `budget`, or --budget-from) is a label: one scale for both uses.
        double flopsScale = layout.C == layout.Budget ? Options.EffectiveBudgetScale : Options.FlopsScale;
        var flops = hasC ? f.Value[layout.C] * flopsScale : double.NaN;
        var n = layout.N >= 0 ? f.Value[layout.N] : rule.ParameterCount(flops, f.Value[layout.D]);
        if (layout.N < 0 && !(n > 0 && double.IsFinite(n)))
        {
            ReportDerivedOutOfRange(f, -1, layout.C);
            return;
        }

        var tokens = hasD ? f.Value[layout.D] : rule.TokenCount(flops, n);
        if (!hasC)
            flops = rule.Flops(n, tokens);
        var budget = f.IsOk(layout.Budget) ? f.Value[layout.Budget] * Options.EffectiveBudgetScale : double.NaN;
        if (!(tokens > 0 && double.IsFinite(tokens) && double.IsFinite(flops)))
        {
            ReportDerivedOutOfRange(f, hasD ? layout.C : layout.D, hasD ? layout.D : layout.C);
            return;
        }

        var run = layout.Run >= 0
            ? acc.ResolveRun(f.RunId)
            : acc.NewRun(string.Create(CultureInfo.InvariantCulture, $"row{(Format == ImportFormat.DataFrame ? f.RowLine - 1 : f.RowLine)}"));
        var outcome = acc.Add(run, f.RowLine, n, tokens, flops, loss, budget, out var conflictLine, out var firstN);
        if (outcome != AddOutcome.Accepted)
        {
            ReportConflict(f, outcome, acc.RunId(run), n, tokens, hasD, conflictLine, firstN);
            return;
        }

        if (hasD && hasC && layout.N >= 0)
        {
            var ruleFlops = rule.Flops(n, tokens);
            if (Math.Abs(flops - ruleFlops) > Options.FlopDisagreementTolerance * ruleFlops)
            {
                if (flopDisagreements++ == 0)
                    (_, flopDisagreementColumn, _) = Locate(f, layout.C);
                if (flopExamples.Count < MaxExamples)
                    flopExamples.Add((f.RowLine, flops, ruleFlops));
            }
        }
    }

    /// <summary>An empty D is fine when C is given (and the reverse); an empty budget is no budget.</summary>
    private bool IsDerivable(RowFields f, int col)
    {
        var layout = Layout!;
        if (f.Present[col] || col == layout.N || col == layout.Loss)
            return false;
        if (layout.N < 0 && (col == layout.D || col == layout.C))
            return false;
        return col == layout.D ? f.IsOk(layout.C) : col == layout.C ? f.IsOk(layout.D) : col == layout.Budget;
    }

    /// <summary>
    /// Where to report a field: its own line and column, except in a JSON array, where issues name the line on which the
    /// object starts; a value on a later line is then located in the message.
    /// </summary>
    private (int Line, int Column, string Suffix) Locate(RowFields f, int col)
    {
        var line = f.Line[col];
        var column = f.Column[col];
        if (Format == ImportFormat.JsonArray && line != f.RowLine)
            return (f.RowLine, f.RowColumn, ImportMessages.ValueAt(line, column));
        return (line, column, string.Empty);
    }

    private void ReportMissingRunId(RowFields f, int col)
    {
        var name = Layout!.NameOf(col);
        var (line, column, suffix) = Locate(f, col);
        RowProblem(line, column, ImportErrorCode.MissingValue, skip => ImportMessages.MissingRunId(name, skip) + suffix, name);
    }

    private void ReportField(RowFields f, int col)
    {
        var layout = Layout!;
        var name = layout.NameOf(col);
        var status = f.Present[col] ? f.Status[col] : FieldStatus.Empty;
        var text = f.Text[col] ?? string.Empty;
        var (code, message) = status switch
        {
            FieldStatus.Empty when col == layout.N || col == layout.Loss =>
                (ImportErrorCode.MissingValue, (Func<bool, string>)(skip => ImportMessages.MissingValue(name, skip))),
            FieldStatus.Empty => (ImportErrorCode.MissingValue, skip => ImportMessages.MissingTokensAndFlopsValue(name, skip)),
            FieldStatus.NonFinite => (ImportErrorCode.NonFinite, skip => ImportMessages.NonFinite(name, text, skip)),
            FieldStatus.NonPositive => (ImportErrorCode.NonPositive, skip => ImportMessages.NonPositive(name, text, skip)),
            _ => (ImportErrorCode.UnparsableNumber, skip => ImportMessages.UnparsableNumber(name, text, skip)),
        };
        var (line, column, suffix) = Locate(f, col);
        RowProblem(line, column, code, skip => message(skip) + suffix, name);
    }

    /// <summary>D = C/(kN) underflowed to 0 or C = kND overflowed: the given value is out of any sensible range.</summary>
    private void ReportDerivedOutOfRange(RowFields f, int derivedColumn, int givenColumn)
    {
        var layout = Layout!;
        var derived = derivedColumn >= 0 ? layout.NameOf(derivedColumn) : layout.N < 0 && givenColumn == layout.C ? "N" : givenColumn == layout.C ? "D" : "C";
        var given = layout.NameOf(givenColumn);
        var (line, column, suffix) = Locate(f, givenColumn);
        RowProblem(line, column, ImportErrorCode.NonFinite, skip => ImportMessages.DerivedOutOfRange(derived, given, skip) + suffix, given);
    }

    private void ReportConflict(RowFields f, AddOutcome outcome, string runId, double n, double tokens, bool hasD, int conflictLine, double firstN)
    {
        var layout = Layout!;
        if (outcome == AddOutcome.NChanged)
        {
            var nColumnIndex = layout.N >= 0 ? layout.N : layout.C;
            var (nLine, nColumn, nSuffix) = Locate(f, nColumnIndex);
            RowProblem(nLine, nColumn, ImportErrorCode.NChangesWithinRun,
                skip => ImportMessages.NChangesWithinRun(runId, firstN, conflictLine, n, skip) + nSuffix, layout.NameOf(nColumnIndex));
            return;
        }

        var col = hasD ? layout.D : layout.C;
        var (line, column, suffix) = Locate(f, col);
        RowProblem(line, column, ImportErrorCode.DuplicateRow,
            skip => ImportMessages.DuplicateRow(runId, tokens, conflictLine, skip) + suffix, layout.NameOf(col));
    }

    /// <summary>
    /// "Curves" whose every point sits at one of a few FLOP values shared by many runs, each run with at most one point per
    /// value: final losses of IsoFLOP runs whose ids are reused across budgets (a model name), not training curves.
    /// Checkpoints of real curves sit at C = kND for their own N, so they do not line up across model sizes. Curves with
    /// more than 64 points are taken as real (and keep the check cheap on large logs).
    /// </summary>
    private (int Curves, IReadOnlyList<string> Examples, IReadOnlyList<double> Flops)? SharedFlopCurves(List<TrainingCurve> curves)
    {
        if (curves.Any(c => c.Points.Count > 64))
            return null;
        var rule = Options.FlopRule;
        var points = curves.SelectMany((c, i) => c.Points.Select(p => (Curve: i, Log10C: Math.Log10(rule.Flops(c.ParameterCount, p.TokenCount)))))
            .OrderBy(p => p.Log10C).ToList();
        var clusters = new List<List<(int Curve, double Log10C)>>();
        foreach (var p in points)
        {
            if (clusters.Count == 0 || p.Log10C - clusters[^1][0].Log10C > 0.005)
                clusters.Add([]);
            clusters[^1].Add(p);
        }

        var shared = clusters.Where(c => c.Select(p => p.Curve).Distinct().Count() >= 3).ToList();
        var allShared = shared.Sum(c => c.Count) == points.Count;
        var onePerCurve = clusters.All(c => c.Select(p => p.Curve).Distinct().Count() == c.Count);
        if (shared.Count < 3 || !allShared || !onePerCurve)
            return null;
        return (curves.Count, curves.Take(3).Select(c => c.RunId).ToList(), shared.Select(c => Math.Pow(10, c[0].Log10C)).ToList());
    }

    /// <summary>
    /// A file without a run or budget column whose model sizes repeat with growing tokens may hold checkpoints of training
    /// curves read as separate runs: say so, and how to name the run column.
    /// </summary>
    private void NoteRepeatedSizes(List<Run> runs)
    {
        var repeated = runs.GroupBy(r => r.ParameterCount)
            .Where(g => g.Select(r => r.TokenCount).Distinct().Count() >= 3)
            .OrderByDescending(g => g.Count())
            .ToList();
        if (repeated.Count < 2 || LooksLikeIsoFlopBudgets(runs, repeated))
            return;
        var layout = Layout!;
        var unused = Enumerable.Range(0, layout.Count).Where(i => !layout.IsUsed[i]).Select(layout.NameOf).ToList();
        var line = int.TryParse(repeated[0].First().RunId.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : 0;
        Note(line, 0, ImportErrorCode.PossibleCurvesWithoutRunColumn,
            ImportMessages.PossibleCurvesWithoutRunColumn(runs.Count, repeated.Count, repeated[0].Key, repeated[0].Count(), unused));
    }

    /// <summary>Checkpoints closer than this (decades of C) are "close together"; IsoFLOP budgets are spaced wider.</summary>
    private const double CloseStepDecades = 0.05;

    /// <summary>How near (decades of C) another size's row must be to share a budget with a row.</summary>
    private const double SharedBudgetDecades = 0.1;

    /// <summary>
    /// True when the repeated sizes' rows sit on IsoFLOP budgets rather than along training curves (e.g. Chinchilla's
    /// Figure 4, where one model size is trained at several budgets): a size's rows are spread over budgets (at most a
    /// quarter of the steps between its consecutive rows are shorter than <see cref="CloseStepDecades"/>; checkpoints lie
    /// close together) and at least 80% of them share their C, within <see cref="SharedBudgetDecades"/>, with two or more
    /// other sizes (a budget holds several sizes). Measured on the shared data: the Epoch Figure-4 file has 12% short
    /// steps and 97% shared rows; curves files 84–86% short steps.
    /// </summary>
    internal static bool LooksLikeIsoFlopBudgets(IReadOnlyList<Run> runs, IReadOnlyList<IGrouping<double, Run>> repeated)
    {
        int steps = 0, shortSteps = 0;
        foreach (var size in repeated)
        {
            var lc = size.Select(r => Math.Log10(r.Flops)).Order().ToArray();
            for (int i = 1; i < lc.Length; i++)
            {
                steps++;
                if (lc[i] - lc[i - 1] < CloseStepDecades)
                    shortSteps++;
            }
        }
        if (steps == 0 || shortSteps > 0.25 * steps)
            return false;

        // Every row by C; for each row of a repeated size look outwards until two other sizes are found or the window ends.
        var all = runs.Select(r => (Lc: Math.Log10(r.Flops), N: r.ParameterCount)).Where(p => double.IsFinite(p.Lc)).OrderBy(p => p.Lc).ToArray();
        var sizes = repeated.Select(g => g.Key).ToHashSet();
        int rows = 0, shared = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (!sizes.Contains(all[i].N))
                continue;
            rows++;
            var others = new HashSet<double>();
            for (int j = i - 1; j >= 0 && all[i].Lc - all[j].Lc <= SharedBudgetDecades && others.Count < 2; j--)
                if (all[j].N != all[i].N)
                    others.Add(all[j].N);
            for (int j = i + 1; j < all.Length && all[j].Lc - all[i].Lc <= SharedBudgetDecades && others.Count < 2; j++)
                if (all[j].N != all[i].N)
                    others.Add(all[j].N);
            if (others.Count >= 2)
                shared++;
        }
        return rows > 0 && shared >= 0.8 * rows;
    }

    /// <summary>Builds the result: the runs (when nothing failed), the sorted issues and the counts.</summary>
    public ImportResult Finish()
    {
        var runs = new List<Run>();
        var curves = new List<TrainingCurve>();
        if (!HasFatal && Layout is not null && accumulator is not null)
        {
            var sorted = new List<(string RunId, int Line)>();
            // A budget column that is also C (only 'budget' or 'compute_budget' given) may grow along a curve; that case is
            // left to the shared-FLOP check below.
            var mixed = Layout.Budget != Layout.C ? accumulator.MixedBudgetRuns() : [];
            if (mixed.Count > 0)
            {
                Fatal(mixed[0].Line, 0, ImportErrorCode.RunIdReusedAcrossBudgets,
                    ImportMessages.RunIdReusedAcrossBudgets(mixed, Layout.NameOf(Layout.Run), Layout.NameOf(Layout.Budget), Options.RunKey));
                return Finish();
            }

            (runs, curves) = accumulator.Build(sorted);
            if (Layout.Run < 0 && Layout.Budget < 0)
                NoteRepeatedSizes(runs);
            if (Layout.Run >= 0 && curves.Count >= 3 && SharedFlopCurves(curves) is { } shared)
            {
                Fatal(accumulator.FirstLineOf(shared.Examples[0]), 0, ImportErrorCode.RunIdReusedAcrossBudgets,
                    ImportMessages.CurvesAtSharedFlops(shared.Curves, shared.Examples, shared.Flops, Layout.NameOf(Layout.Run), Layout.Budget >= 0 ? Layout.NameOf(Layout.Budget) : null,
                    Layout.D >= 0 ? Layout.NameOf(Layout.D) : null));
                return Finish();
            }
            if (sorted.Count > 0 && curves.Count > 0)
            {
                Note(sorted[0].Line, 0, ImportErrorCode.CurveSorted, ImportMessages.CurveSorted(sorted.Count, sorted.Take(MaxExamples).ToList()));
            }
        }

        if (!HasFatal)
        {
            if (RowsRead == 0)
                Fatal(0, 0, ImportErrorCode.EmptyFile, Format == ImportFormat.Csv ? ImportMessages.NoDataRows() : ImportMessages.NoJsonObjects());
            else if (runs.Count == 0 && errors.Count == 0)
                Fatal(0, 0, ImportErrorCode.NoUsableRows, ImportMessages.NoUsableRows(RowsRejected));
        }

        if (flopDisagreements > 0)
        {
            Note(flopExamples[0].Line, flopDisagreementColumn, ImportErrorCode.FlopDisagreement,
                ImportMessages.FlopDisagreement(flopDisagreements, Options.FlopDisagreementTolerance, Options.FlopRule.Factor, flopExamples),
                Layout?.NameOf(Layout.C));
        }

        var allErrors = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        if (unlistedErrors > 0)
            allErrors.Add(new ImportIssue(File, 0, 0, ImportErrorCode.TooManyIssues, ImportMessages.TooManyIssues(unlistedErrors, "bad rows")));
        var allNotes = notes.Where(n => n.Code == ImportErrorCode.AmbiguousColumn).ToList();
        allNotes.AddRange(skippedNotes);
        if (unlistedSkipped > 0)
            allNotes.Add(new ImportIssue(File, 0, 0, ImportErrorCode.TooManyIssues, ImportMessages.TooManyIssues(unlistedSkipped, "rows left out")));
        allNotes.AddRange(notes.Where(n => n.Code != ImportErrorCode.AmbiguousColumn));

        var succeeded = allErrors.Count == 0;
        var rule = Options.FlopRule;
        return new ImportResult
        {
            File = File,
            Format = Format,
            RunSet = succeeded ? new RunSet(runs, curves, rule) : new RunSet([], [], rule),
            Errors = allErrors,
            Notes = allNotes,
            RowsRead = RowsRead,
            RowsKept = succeeded ? accumulator?.PointCount ?? 0 : 0,
            RowsRejected = RowsRejected,
            Columns = Layout?.ToColumns() ?? new Dictionary<ColumnKey, string>(),
            TokensDerived = Layout is not null && Layout.D < 0,
            FlopsDerived = Layout is not null && Layout.C < 0,
            ParametersDerived = Layout is not null && Layout.N < 0,
        };
    }
}
