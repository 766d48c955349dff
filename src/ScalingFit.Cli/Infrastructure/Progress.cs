using ScalingFit.Fitting;
using Spectre.Console;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Hands out progress reporters for named stages; they draw bars only when stderr is a terminal.</summary>
internal interface IProgressSink
{
    /// <summary>A reporter of items finished (out of <paramref name="total"/>) for one stage.</summary>
    IProgress<int> Stage(string description, int total);
}

/// <summary>Turns the fitters' one progress record into bars: one per approach and stage, sized by the total the fitter reports.</summary>
internal static class FitProgressBars
{
    /// <summary>A reporter for any fitter; each (approach, stage) gets its bar on its first report.</summary>
    public static IProgress<FitProgress> Fits(this IProgressSink sink) => new Bars(sink);

    /// <summary>The same sink with every bar's description prefixed by <paramref name="name"/> (e.g. a group of --group-by).</summary>
    public static IProgressSink Named(this IProgressSink sink, string name) => new NamedSink(sink, name);

    private sealed class NamedSink(IProgressSink inner, string name) : IProgressSink
    {
        public IProgress<int> Stage(string description, int total) => inner.Stage($"{name}: {description}", total);
    }

    private sealed class Bars(IProgressSink sink) : IProgress<FitProgress>
    {
        private readonly Dictionary<(Approach, FitStage), IProgress<int>> _stages = [];

        public void Report(FitProgress value)
        {
            IProgress<int>? stage;
            lock (_stages)
            {
                if (!_stages.TryGetValue((value.Approach, value.Stage), out stage))
                {
                    string what = value.Stage switch { FitStage.Starts => "L-BFGS starts", FitStage.Backtest => "backtest", _ => "bootstrap" };
                    _stages[(value.Approach, value.Stage)] = stage = sink.Stage($"{value.Approach.Name()}: {what}", value.Total);
                }
            }
            stage.Report(value.Completed);
        }
    }
}

/// <summary>
/// Runs work under a Spectre.Console progress display on stderr when it is a terminal, and silently otherwise
/// (redirected output, CI), so logs and pipes stay clean.
/// </summary>
internal static class ProgressBar
{
    public static T Run<T>(CliContext context, Func<IProgressSink, T> work)
    {
        if (!context.Interactive)
            return work(new SilentSink());
        T result = default!;
        context.ErrorConsole.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => result = work(new SpectreSink(ctx)));
        return result;
    }

    private sealed class SilentSink : IProgressSink
    {
        public IProgress<int> Stage(string description, int total) => new Monotonic(_ => { });
    }

    private sealed class SpectreSink(ProgressContext context) : IProgressSink
    {
        public IProgress<int> Stage(string description, int total)
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
            // Updating Spectre's task takes a lock and records a sample: do it about 200 times per stage, not per item.
            int step = Math.Max(1, total / 200);
            return new Monotonic(done =>
            {
                if (done % step == 0 || done >= total)
                    task.Value = done;
            });
        }
    }

    /// <summary>Reports only increasing counts, from any thread.</summary>
    private sealed class Monotonic(Action<int> report) : IProgress<int>
    {
        private int _max;

        public void Report(int value)
        {
            int seen;
            do
            {
                seen = _max;
                if (value <= seen)
                    return;
            }
            while (Interlocked.CompareExchange(ref _max, value, seen) != seen);
            report(value);
        }
    }
}
