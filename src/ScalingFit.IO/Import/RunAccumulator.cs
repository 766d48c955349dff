using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>A run id whose rows carry several FLOP budget labels.</summary>
internal sealed record MixedBudgetRun(string RunId, int Line, IReadOnlyList<double> Budgets, int Rows);

/// <summary>Why <see cref="RunAccumulator.Add"/> refused a row.</summary>
internal enum AddOutcome
{
    Accepted,
    NChanged,
    Duplicate,
}

/// <summary>
/// Groups rows into runs while streaming: run ids are mapped to ints once, each run keeps its points in growable arrays
/// (tokens and loss as <see cref="CurvePoint"/>, the source line, and C only when the file has a C column).
/// Duplicate checkpoints are caught as they arrive (in order: equal to the last point; out of order: a per-run lookup
/// built only for runs that ever go backwards).
/// </summary>
internal sealed class RunAccumulator
{
    private readonly List<RunBuffer> runs = [];
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly FlopRule rule;
    private readonly bool storeFlops;
    private readonly double sizeTolerance;
    private char[] lastId = new char[128];
    private int lastIdLength;
    private int lastRun = -1;

    public RunAccumulator(FlopRule rule, bool storeFlops, double sizeTolerance = 1e-9)
    {
        this.rule = rule;
        this.storeFlops = storeFlops;
        this.sizeTolerance = sizeTolerance;
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int RunCount => runs.Count;

    /// <summary>Rows currently held (accepted and not removed).</summary>
    public int PointCount { get; private set; }

    /// <summary>The index of the run named <paramref name="id"/>, created on first sight.</summary>
    public int ResolveRun(ReadOnlySpan<char> id)
    {
        // Curve logs usually hold a run's rows together: compare with the previous row's id before hashing.
        if (lastRun >= 0 && id.SequenceEqual(lastId.AsSpan(0, lastIdLength)))
            return lastRun;
        if (!lookup.TryGetValue(id, out var index))
        {
            var text = id.ToString();
            index = runs.Count;
            ids.Add(text, index);
            runs.Add(new RunBuffer(text));
        }

        if (id.Length > lastId.Length)
            lastId = new char[Math.Max(id.Length, lastId.Length * 2)];
        id.CopyTo(lastId);
        lastIdLength = id.Length;
        lastRun = index;
        return index;
    }

    /// <summary>A run of its own for a row of a file without a run column.</summary>
    public int NewRun(string id)
    {
        runs.Add(new RunBuffer(id));
        return runs.Count - 1;
    }

    public string RunId(int run) => runs[run].Id;

    /// <summary>The line of the first row of the run named <paramref name="id"/> (0 when there is none).</summary>
    public int FirstLineOf(string id) => ids.TryGetValue(id, out var index) ? runs[index].FirstLine : 0;

    /// <summary>
    /// Adds a row to run <c>run</c>; <c>flops</c> is stored only when the file has C. On refusal, <c>conflictLine</c> is
    /// the run's first line (N changed) or the earlier row's line (duplicate), and <c>firstN</c> the run's N.
    /// </summary>
    public AddOutcome Add(int run, int line, double n, double tokens, double flops, double loss, double budget, out int conflictLine, out double firstN)
    {
        var buffer = runs[run];
        conflictLine = 0;
        firstN = buffer.N;
        if (buffer.Count == 0)
        {
            buffer.N = n;
            buffer.FirstLine = line;
            buffer.Budget = budget;
        }
        else
        {
            if (Math.Abs(buffer.N - n) > sizeTolerance * Math.Max(buffer.N, n))
            {
                conflictLine = buffer.FirstLine;
                return AddOutcome.NChanged;
            }

            var last = buffer.Points[buffer.Count - 1].TokenCount;
            if (tokens == last)
            {
                conflictLine = buffer.Lines[buffer.Count - 1];
                return AddOutcome.Duplicate;
            }

            if (buffer.Seen is null && tokens < last)
            {
                buffer.Seen = new Dictionary<double, int>(buffer.Count * 2);
                for (var i = 0; i < buffer.Count; i++)
                    buffer.Seen.TryAdd(buffer.Points[i].TokenCount, buffer.Lines[i]);
            }

            if (buffer.Seen is not null && buffer.Seen.TryGetValue(tokens, out var earlier))
            {
                conflictLine = earlier;
                return AddOutcome.Duplicate;
            }

            if (tokens < last && !buffer.NeedsSort)
            {
                buffer.NeedsSort = true;
                buffer.UnsortedLine = line;
            }

            if (double.IsNaN(buffer.Budget))
                buffer.Budget = budget;
            else if (!double.IsNaN(budget) && Math.Abs(budget - buffer.Budget) > 1e-3 * Math.Max(budget, buffer.Budget))
                buffer.NoteOtherBudget(budget);
        }

        buffer.Append(tokens, loss, line, flops, storeFlops);
        buffer.Seen?.Add(tokens, line);
        PointCount++;
        return AddOutcome.Accepted;
    }

    /// <summary>Runs whose rows carry different FLOP budget labels: (id, first line, the distinct budgets, rows).</summary>
    public List<MixedBudgetRun> MixedBudgetRuns() =>
        runs.Where(r => r.OtherBudgets is not null)
            .Select(r => new MixedBudgetRun(r.Id, r.FirstLine, [r.Budget, .. r.OtherBudgets!], r.Count))
            .ToList();

    /// <summary>
    /// The runs (a curve's run is its last point) and the curves of runs with more than one row, sorted by tokens.
    /// </summary>
    /// <param name="sortedRuns">The runs that had to be sorted, with the line where their order first broke.</param>
    public (List<Run> Runs, List<TrainingCurve> Curves) Build(List<(string RunId, int Line)> sortedRuns)
    {
        var result = new List<Run>(runs.Count);
        var curves = new List<TrainingCurve>();
        foreach (var buffer in runs)
        {
            if (buffer.Count == 0)
                continue;
            if (buffer.NeedsSort)
            {
                buffer.Sort(storeFlops);
                sortedRuns.Add((buffer.Id, buffer.UnsortedLine));
            }

            var last = buffer.Count - 1;
            var point = buffer.Points[last];
            var flops = storeFlops ? buffer.Flops![last] : rule.Flops(buffer.N, point.TokenCount);
            double? budget = double.IsNaN(buffer.Budget) ? null : buffer.Budget;
            result.Add(new Run(buffer.Id, buffer.N, point.TokenCount, flops, point.Loss, budget));
            if (buffer.Count > 1)
            {
                var points = buffer.Points.Length == buffer.Count ? buffer.Points : buffer.Points[..buffer.Count];
                curves.Add(new TrainingCurve(buffer.Id, buffer.N, points));
            }

            buffer.Release();
        }

        return (result, curves);
    }

    private sealed class RunBuffer(string id)
    {
        public string Id { get; } = id;

        public double N { get; set; }

        public double Budget { get; set; } = double.NaN;

        /// <summary>Budget labels other than <see cref="Budget"/> seen on this run's rows (null while there are none).</summary>
        public List<double>? OtherBudgets { get; private set; }

        public void NoteOtherBudget(double budget)
        {
            OtherBudgets ??= [];
            if (OtherBudgets.Count < 32 && !OtherBudgets.Any(b => Math.Abs(b - budget) <= 1e-3 * Math.Max(b, budget)))
                OtherBudgets.Add(budget);
        }

        public int FirstLine { get; set; }

        public int UnsortedLine { get; set; }

        public int Count { get; private set; }

        public CurvePoint[] Points { get; private set; } = [];

        public int[] Lines { get; private set; } = [];

        public double[]? Flops { get; private set; }

        /// <summary>Whether an accepted row had fewer tokens than the one before it.</summary>
        public bool NeedsSort { get; set; }

        /// <summary>Token count → line, for runs whose rows went backwards (null while the run is in order).</summary>
        public Dictionary<double, int>? Seen { get; set; }

        public void Append(double tokens, double loss, int line, double flops, bool storeFlops)
        {
            if (Count == Points.Length)
            {
                var capacity = Count == 0 ? 1 : Math.Max(4, Count * 2);
                Points = Grow(Points, capacity);
                Lines = Grow(Lines, capacity);
                if (storeFlops)
                    Flops = Grow(Flops ?? [], capacity);
            }

            Points[Count] = new CurvePoint(tokens, loss);
            Lines[Count] = line;
            if (storeFlops)
                Flops![Count] = flops;
            Count++;
        }

        public void Sort(bool storeFlops)
        {
            var order = new int[Count];
            for (var i = 0; i < Count; i++)
                order[i] = i;
            var points = Points;
            Array.Sort(order, (a, b) => points[a].TokenCount.CompareTo(points[b].TokenCount));
            Points = Permute(Points, order);
            Lines = Permute(Lines, order);
            if (storeFlops)
                Flops = Permute(Flops!, order);
            Seen = null;
        }

        /// <summary>Drops the arrays that are no longer needed once the run is built (the points live on in the curve).</summary>
        public void Release()
        {
            Lines = [];
            Flops = null;
            Seen = null;
        }

        private static T[] Grow<T>(T[] array, int capacity)
        {
            var grown = new T[capacity];
            Array.Copy(array, grown, array.Length);
            return grown;
        }

        private T[] Permute<T>(T[] array, int[] order)
        {
            var result = new T[Count];
            for (var i = 0; i < Count; i++)
                result[i] = array[order[i]];
            return result;
        }
    }
}
