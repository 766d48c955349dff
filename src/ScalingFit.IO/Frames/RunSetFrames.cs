using Microsoft.Data.Analysis;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Runs to and from <see cref="DataFrame"/>s (Microsoft.Data.Analysis). Extension members, so Core stays free of the
/// dependency: <c>RunSet.FromDataFrame(df, …)</c> and <c>runs.ToDataFrame()</c> after <c>using ScalingFit.IO;</c>.
/// </summary>
/// <remarks>
/// <para>A DataFrame read with <c>DataFrame.LoadCsv</c> needs explicit <c>dataTypes</c> and
/// <c>CultureInfo.InvariantCulture</c>: without them it guesses <c>float</c> (7 digits) and parses with the current
/// culture, so under de-DE "2.5" is read as 25 and "1.2e8" as 1.2e9. <see cref="DataFrameCsv"/> does both.
/// <see cref="FromDataFrame"/> reads text cells with the invariant culture (so "2,5" is an error, not 25) and notes
/// every single-precision column it reads (<see cref="ImportErrorCode.SinglePrecisionColumn"/>).</para>
/// </remarks>
public static class RunSetFrames
{
    /// <summary>The column names <see cref="ToDataFrame"/> writes (and <see cref="FromDataFrame"/> finds by default).</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["run", "params", "tokens", "flops", "loss", "budget"];

    extension(RunSet)
    {
        /// <summary>
        /// Reads runs (and training curves, when a run has several rows) from a DataFrame with the importers' rules and
        /// messages: N and the loss are required, and D or C (the other is derived with C = kND); values must be finite and
        /// positive; a run's N may not change; a checkpoint may not repeat. Each problem is an <see cref="ImportIssue"/>
        /// located by <see cref="ImportIssue.RowIndex"/> and column name, e.g. <c>DataFrame, row 2, column 'loss'</c>.
        /// </summary>
        /// <param name="frame">The data: one row per run, or per checkpoint of a run.</param>
        /// <param name="run">The run id column; null to find one by its common names (<c>run</c>, <c>run_id</c>, …). Without
        /// one, every row is a run of its own, named <c>row{index}</c>.</param>
        /// <param name="parameters">The N column; null to find it by its common names (<c>params</c>, <c>parameters</c>, …).</param>
        /// <param name="tokens">The D column; null to find it by its common names.</param>
        /// <param name="flops">The C column; null to find it by its common names.</param>
        /// <param name="loss">The loss column; null to find it by its common names.</param>
        /// <param name="budget">The IsoFLOP budget label column; null to find it by its common names.</param>
        /// <param name="options">Import options (flop rule, skipping bad rows, …); <see cref="ImportOptions.Default"/> when null.
        /// Columns named here override its <see cref="ImportOptions.ColumnOverrides"/>.</param>
        /// <param name="name">What to call the frame in messages.</param>
        /// <param name="cancellationToken">Stops a long read.</param>
        /// <returns>The runs and the issues found; use <see cref="ImportResult.RunSet"/> when <see cref="ImportResult.Succeeded"/>.</returns>
        public static ImportResult FromDataFrame(
            DataFrame frame,
            string? run = null,
            string? parameters = null,
            string? tokens = null,
            string? flops = null,
            string? loss = null,
            string? budget = null,
            ImportOptions? options = null,
            string name = "DataFrame",
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(frame);
            options ??= ImportOptions.Default;
            foreach (var (key, column) in new[]
            {
                (ColumnKey.RunId, run), (ColumnKey.ParameterCount, parameters), (ColumnKey.TokenCount, tokens),
                (ColumnKey.Flops, flops), (ColumnKey.Loss, loss), (ColumnKey.FlopBudget, budget),
            })
            {
                if (column is not null)
                    options = options.WithColumn(key, column);
            }

            return DataFrameRunReader.Read(frame, name, options, cancellationToken);
        }
    }

    extension(RunSet runs)
    {
        /// <summary>
        /// The runs as a DataFrame with the columns <c>run</c> (string), <c>params</c>, <c>tokens</c>, <c>flops</c>,
        /// <c>loss</c> (double) and <c>budget</c> (double, null where a run has none; only when some run has one): one row per
        /// run, or per checkpoint for a run with a training curve (C = kND at each checkpoint but the last, which keeps the
        /// run's C), as <see cref="RunWriter"/> writes files. <see cref="FromDataFrame"/> reads it back to the same runs and curves.
        /// </summary>
        public DataFrame ToDataFrame()
        {
            ArgumentNullException.ThrowIfNull(runs);
            var rows = RunWriter.Rows(runs).ToList();
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("run", rows.Select(r => r.RunId)),
                new DoubleDataFrameColumn("params", rows.Select(r => r.ParameterCount)),
                new DoubleDataFrameColumn("tokens", rows.Select(r => r.TokenCount)),
                new DoubleDataFrameColumn("flops", rows.Select(r => r.Flops)),
                new DoubleDataFrameColumn("loss", rows.Select(r => r.Loss)),
            };
            if (runs.Runs.Any(r => r.FlopBudget is not null))
                columns.Add(new DoubleDataFrameColumn("budget", rows.Select(r => r.FlopBudget)));
            return new DataFrame(columns);
        }
    }
}
