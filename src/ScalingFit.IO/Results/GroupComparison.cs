using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// The fits of one group of <see cref="ImportOptions.GroupBy"/>: what was fitted, and what could not be (with the reason).
/// </summary>
/// <param name="Group">The group (its name, values and import).</param>
/// <param name="Fits">The results fitted.</param>
/// <param name="NotFitted">Approaches (JSON names, or <c>import</c>) that could not be fitted, each with the reason.</param>
public sealed record GroupFit(ImportGroup Group, IReadOnlyList<IAllocationFit> Fits, IReadOnlyList<(string Approach, string Reason)> NotFitted)
{
    /// <summary>Whether any approach gave a result for this group.</summary>
    public bool AnyFitted => Fits.Count > 0;
}

/// <summary>
/// One comparison of the groups of a sweep file fitted separately (<c>--group-by</c>): a table of group, runs, a and b
/// with intervals and status, and the JSON with every group's results.
/// </summary>
public static class GroupComparison
{
    /// <summary>
    /// The comparison table: one row per group and approach (group, runs, approach, a, b with intervals, status). The status
    /// is <c>ok</c>, <c>ok, K warnings</c> (the fit's warning diagnostics, listed in its report and JSON) or why it was not fitted.
    /// </summary>
    /// <param name="groups">The groups, in the order to show.</param>
    public static TextTable Table(IReadOnlyList<GroupFit> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var g in groups)
        {
            var runs = g.Group.Import.RunSet.Runs.Count.ToString(CultureInfo.InvariantCulture);
            foreach (var fit in g.Fits)
                rows.Add([g.Group.Name, runs, fit.Approach.Name(), ResultTables.WithInterval(fit.ExponentA), ResultTables.WithInterval(fit.ExponentB), Status(fit)]);
            foreach (var (approach, reason) in g.NotFitted)
                rows.Add([g.Group.Name, runs, approach, "n/a", "n/a", "not fitted: " + reason]);
        }

        return new TextTable("Each group fitted on its own", ["group", "runs", "approach", "a (N_opt ∝ C^a)", "b (D_opt ∝ C^b)", "status"], rows);
    }

    /// <summary>The groups of an import, before fitting: group, rows, runs, curves, model sizes, budget labels, status.</summary>
    /// <param name="import">An import made with <see cref="ImportOptions.GroupBy"/>.</param>
    public static TextTable ImportTable(ImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var rows = import.Groups.Select(g =>
        {
            var set = g.Import.RunSet;
            var budgets = set.Runs.Where(r => r.FlopBudget is not null).Select(r => r.FlopBudget!.Value).Distinct().Count();
            IReadOnlyList<string> row =
            [
                g.Name, g.Rows.ToString(CultureInfo.InvariantCulture), set.Runs.Count.ToString(CultureInfo.InvariantCulture),
                set.Curves.Count.ToString(CultureInfo.InvariantCulture),
                set.Runs.Select(r => r.ParameterCount).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                budgets.ToString(CultureInfo.InvariantCulture),
                g.Import.Succeeded ? "ok" : $"import failed: {g.Import.Errors[0].Message}",
            ];
            return row;
        }).ToList();
        return new TextTable("Groups", ["group", "rows", "runs", "curves", "model sizes", "budget labels", "status"], rows);
    }

    /// <summary>The status of one fit: <c>ok</c>, or <c>ok, K warnings: first warning's code, …</c>.</summary>
    /// <param name="fit">A result.</param>
    public static string Status(IAllocationFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var warnings = fit.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(d => d.Code).Distinct().ToList();
        return warnings.Count == 0 ? "ok" : $"ok, {warnings.Count} warning{(warnings.Count == 1 ? "" : "s")}: {string.Join(", ", warnings.Take(3))}";
    }

    /// <summary>
    /// The JSON: <c>results</c> (cli-contract.md) holds every group's results, each with a <c>group</c> field; <c>groups</c>
    /// lists each group with its values, runs and the approaches not fitted with their reasons.
    /// </summary>
    /// <param name="groups">The groups.</param>
    public static string Json(IReadOnlyList<GroupFit> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var g in groups)
            {
                foreach (var fit in g.Fits)
                {
                    using var one = JsonDocument.Parse(FitResultJson.Write([fit]));
                    var element = one.RootElement.GetProperty("results")[0];
                    w.WriteStartObject();
                    w.WriteString("group", g.Group.Name);
                    foreach (var property in element.EnumerateObject())
                        property.WriteTo(w);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("groups");
            foreach (var g in groups)
            {
                w.WriteStartObject();
                w.WriteString("group", g.Group.Name);
                w.WriteStartObject("values");
                foreach (var (column, value) in g.Group.Values)
                    w.WriteString(column, value);
                w.WriteEndObject();
                w.WriteNumber("rows", g.Group.Rows);
                w.WriteNumber("runs", g.Group.Import.RunSet.Runs.Count);
                w.WriteStartArray("fitted");
                foreach (var fit in g.Fits)
                    w.WriteStringValue(fit.Approach.Name());
                w.WriteEndArray();
                w.WriteStartArray("notFitted");
                foreach (var (approach, reason) in g.NotFitted)
                {
                    w.WriteStartObject();
                    w.WriteString("approach", approach);
                    w.WriteString("reason", reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
