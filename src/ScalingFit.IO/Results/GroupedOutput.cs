using System.Text.Json;

namespace ScalingFit.IO;

/// <summary>One group's part of a per-group output: its JSON document, or why it has none.</summary>
/// <param name="Group">The group's name (<see cref="ImportGroup.Name"/>).</param>
/// <param name="Json">The group's own document (as <c>predict</c> or <c>backtest</c> writes it for one file), or null.</param>
/// <param name="Problem">Why the group has no result (its import failed, it could not be fitted), or null.</param>
public sealed record GroupedDocument(string Group, string? Json, string? Problem);

/// <summary>
/// The per-group outputs of <c>predict</c> and <c>backtest</c> with <c>--group-by</c>: each group's table under its name,
/// and one JSON document holding every group's.
/// </summary>
public static class GroupedOutput
{
    /// <summary><paramref name="table"/> with its caption prefixed by the group: <c>recipe=a: Backtest …</c>.</summary>
    public static TextTable ForGroup(string group, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table with { Title = $"{group}: {table.Title}" };
    }

    /// <summary>
    /// <c>{"groups": [{"group": NAME, …the group's document's properties…}, {"group": NAME, "problem": WHY}]}</c>, in the
    /// order given.
    /// </summary>
    public static string Json(IReadOnlyList<GroupedDocument> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("groups");
            foreach (var g in groups)
            {
                w.WriteStartObject();
                w.WriteString("group", g.Group);
                if (g.Json is { } json)
                {
                    using var doc = JsonDocument.Parse(json);
                    foreach (var property in doc.RootElement.EnumerateObject())
                        property.WriteTo(w);
                }
                if (g.Problem is { } problem)
                    w.WriteString("problem", problem);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
