using ScalingFit.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the work to stop and clean up; a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};
bool interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
return ScalingFitCli.Run(args, Console.Out, Console.Error, interactive, cancellation.Token);
