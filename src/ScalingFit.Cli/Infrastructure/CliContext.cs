using Spectre.Console;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics and progress to <see cref="Error"/>.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool interactive, CancellationToken cancellation)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Cancellation = cancellation;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
            Console.Profile.Width = 160;
        ErrorConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when stderr is a terminal: progress bars are drawn only then.</summary>
    public bool Interactive { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Tables and reports on stdout.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Progress bars on stderr.</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>Writes a note line to stderr, in the CLI's words (<see cref="LibraryWords"/>).</summary>
    public void Note(string message) => Error.WriteLine(LibraryWords.ToCli(message));

    /// <summary>Writes a result (a fit's report) to stdout, in the CLI's words (<see cref="LibraryWords"/>).</summary>
    public void Result(string text) => Out.WriteLine(LibraryWords.ToCli(text));
}
