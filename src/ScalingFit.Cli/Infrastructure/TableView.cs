using ScalingFit.IO;
using Spectre.Console;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Draws a <see cref="TextTable"/> on the terminal with Spectre.Console.</summary>
internal static class TableView
{
    public static void Write(CliContext context, TextTable table)
    {
        var view = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(table.Title)}[/]");
        for (int i = 0; i < table.Headers.Count; i++)
            view.AddColumn(new TableColumn(Markup.Escape(table.Headers[i])) { Alignment = i == 0 ? Justify.Left : Justify.Right });
        foreach (var row in table.Rows)
            view.AddRow(row.Select(Markup.Escape).ToArray());
        context.Console.Write(view);
    }
}
