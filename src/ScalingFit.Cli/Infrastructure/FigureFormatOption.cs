using System.CommandLine;
using ScalingFit.Plotting;

namespace ScalingFit.Cli.Infrastructure;

/// <summary><c>--format png|svg|both</c>: the files each figure is written as, for the commands that write a report folder.</summary>
internal sealed class FigureFormatOption
{
    public Option<string> Option { get; } = new("--format")
    {
        Description = "Write each figure as png, svg or both (the HTML report always embeds SVG)",
        DefaultValueFactory = _ => "both",
    };

    public void AddTo(Command command) => command.Add(Option);

    /// <summary>The formats asked for; a usage error naming the choices otherwise. Read it before fitting, so a typo fails fast.</summary>
    public FigureFormat Read(ParseResult result)
    {
        string? text = result.GetValue(Option);
        return FigureFormats.Parse(text)
            ?? throw new UsageException($"--format '{text}': write png, svg or both.");
    }
}
