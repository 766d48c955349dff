using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScalingFit.Tests.Notebooks;

/// <summary>One code cell of a notebook.</summary>
/// <param name="Number">The cell's 1-based position among all the notebook's cells, markdown included (what a reader counts).</param>
/// <param name="Source">The cell's code.</param>
internal sealed record CodeCell(int Number, string Source);

/// <summary>
/// Turns a C# Polyglot notebook (<c>.ipynb</c>) into a .NET 10 file-based app, so a test can run the notebook the way a
/// reader would, cell after cell, without Jupyter:
/// <list type="bullet">
/// <item><c>#r "….dll"</c> lines are dropped; the app instead references the four library projects with <c>#:project</c>
/// (so it runs against the current source, not a stale build) plus <c>#:property PublishAot=false</c> (otherwise the
/// app restores NativeAOT packages) and <c>#:property TreatWarningsAsErrors=false</c>.</item>
/// <item><c>using</c> directives of any cell are hoisted to the top of the file; <c>#!</c> magic commands are dropped.</item>
/// <item>The notebook-only <c>display(…)</c> and <c>HTML(…)</c> get console stand-ins appended to the file, and
/// <c>x.Display()</c> becomes <c>display(x)</c>: the app prints a short summary of what the notebook would render.</item>
/// <item>Each cell's code is preceded by a <c>#line</c> directive, so compiler errors and stack traces name the
/// notebook, the cell and the line within it.</item>
/// </list>
/// What a script cannot express is rejected with a message that says what to write instead: <c>#r "nuget:…"</c>, other
/// kernel directives, and a cell ending in a bare expression (which a notebook displays but C# does not compile).
/// Cells are concatenated, so a variable may be declared only once per notebook.
/// </summary>
internal static partial class NotebookScript
{
    /// <summary>The library projects a notebook's app references, as src/NAME/NAME.csproj.</summary>
    public static IReadOnlyList<string> LibraryProjects { get; } =
        ["ScalingFit.Core", "ScalingFit.Fitting", "ScalingFit.IO", "ScalingFit.Plotting"];

    /// <summary>Reads the C# code cells of a notebook; markdown and raw cells are skipped.</summary>
    public static IReadOnlyList<CodeCell> ReadCodeCells(string notebookJson)
    {
        using var document = JsonDocument.Parse(notebookJson);
        var cells = new List<CodeCell>();
        int number = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            number++;
            if (cell.GetProperty("cell_type").GetString() != "code")
                continue;
            cells.Add(new CodeCell(number, Source(cell)));
        }
        return cells;
    }

    /// <summary>The cell's source, which nbformat stores as one string or as a list of lines.</summary>
    public static string Source(JsonElement cell)
    {
        var source = cell.GetProperty("source");
        return source.ValueKind == JsonValueKind.Array
            ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
            : source.GetString() ?? "";
    }

    /// <summary>The assembly paths of the notebook's <c>#r "….dll"</c> lines, as written.</summary>
    public static IReadOnlyList<string> AssemblyReferences(string notebookJson) =>
        [.. ReadCodeCells(notebookJson)
            .SelectMany(c => Lines(c.Source))
            .Select(line => DllReference().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)];

    /// <summary>Builds the file-based app.</summary>
    /// <param name="notebookJson">The notebook.</param>
    /// <param name="notebookName">Its file name, used in <c>#line</c> directives and messages.</param>
    /// <param name="repositoryRoot">The folder holding ScalingFit.sln; the <c>#:project</c> paths are absolute under it.</param>
    /// <exception cref="NotSupportedException">The notebook uses something a script cannot run (the message says what).</exception>
    public static string Convert(string notebookJson, string notebookName, string repositoryRoot)
    {
        var cells = ReadCodeCells(notebookJson);
        var usings = new List<(string Directive, CodeCell Cell, int Line)>();
        var bodies = new List<(CodeCell Cell, string Code)>();
        foreach (var cell in cells)
        {
            var lines = Lines(cell.Source);
            var kept = new StringBuilder();
            for (int i = 0; i < lines.Count; i++)
            {
                string line = lines[i];
                string trimmed = line.Trim();
                if (DllReference().IsMatch(line) || trimmed.StartsWith("#!", StringComparison.Ordinal))
                {
                    kept.AppendLine(); // keep the cell's line numbers
                    continue;
                }
                if (KernelDirective().IsMatch(line))
                    throw new NotSupportedException($"{notebookName}, cell {cell.Number}, line {i + 1}: '{trimmed}' cannot run as a script. "
                        + "Reference only the built assemblies with #r \"../src/ScalingFit.Cli/bin/Debug/net10.0/NAME.dll\"; "
                        + "a package a notebook needs belongs in a library project.");
                if (UsingDirective().IsMatch(line))
                {
                    usings.Add((trimmed, cell, i + 1));
                    kept.AppendLine();
                    continue;
                }
                kept.AppendLine(DisplayExtension().Replace(line, "display(${target})"));
            }
            CheckEndsInStatement(cell, lines, notebookName);
            bodies.Add((cell, kept.ToString()));
        }

        var app = new StringBuilder();
        foreach (var project in LibraryProjects)
            app.Append("#:project ").AppendLine(Path.Combine(repositoryRoot, "src", project, project + ".csproj"));
        app.AppendLine("#:property PublishAot=false");
        app.AppendLine("#:property TreatWarningsAsErrors=false");
        app.AppendLine($"// Generated from notebooks/{notebookName} by ScalingFit.Tests (NotebookScript); edit the notebook, not this file.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (directive, cell, line) in usings)
        {
            if (!seen.Add(Regex.Replace(directive, @"\s+", " ")))
                continue;
            app.AppendLine(LineDirective(notebookName, cell, line));
            app.AppendLine(directive);
        }
        foreach (var (cell, code) in bodies)
        {
            app.AppendLine(LineDirective(notebookName, cell, 1));
            app.Append(code);
        }
        app.AppendLine("#line default");
        app.AppendLine("// Console stand-ins for what only a notebook kernel provides (not every notebook uses them).");
        app.AppendLine("#pragma warning disable CS8321");
        app.AppendLine("static void display(object? value) => Console.WriteLine(value is string s && s.Length > 200 ? s[..200] + $\"… ({s.Length} characters)\" : value);");
        app.AppendLine("static string HTML(string html) => html;");
        return app.ToString();
    }

    /// <summary>
    /// A notebook displays a cell's last expression when it has no semicolon; as a script that does not compile, and the
    /// compiler's message would not say why, so say it here.
    /// </summary>
    private static void CheckEndsInStatement(CodeCell cell, IReadOnlyList<string> lines, string notebookName)
    {
        string? last = lines.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith('#'));
        static bool EndsStatement(string line) => line.EndsWith(';') || line.EndsWith('}') || line.EndsWith('{');
        if (last is null || EndsStatement(last))
            return;
        int comment = last.LastIndexOf("//", StringComparison.Ordinal);
        if (comment > 0 && EndsStatement(last[..comment].TrimEnd()))
            return; // a statement followed by a comment
        throw new NotSupportedException($"{notebookName}, cell {cell.Number} ends with a bare expression ('{last}'): a notebook displays it, "
            + "but a script does not compile it. Write display(…); (or Console.WriteLine(…);) so the notebook also runs as a script.");
    }

    private static string LineDirective(string notebookName, CodeCell cell, int line) =>
        $"#line {line} \"{notebookName}, cell {cell.Number}\"";

    private static List<string> Lines(string source) =>
        [.. source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')];

    [GeneratedRegex("""^\s*#r\s+"(?<path>[^"]+\.dll)"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex DllReference();

    /// <summary>Kernel directives other than a DLL reference: #r "nuget:…", #i, #load.</summary>
    [GeneratedRegex("""^\s*#(r|i|load)\s""")]
    private static partial Regex KernelDirective();

    /// <summary>A using directive (plain, static or alias), not a using statement or declaration.</summary>
    [GeneratedRegex("""^\s*(global\s+)?using\s+(static\s+)?([A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*(<[^;]*>)?\s*;\s*(//.*)?$""")]
    private static partial Regex UsingDirective();

    /// <summary>x.Display() on a name or member access (the common notebook idiom).</summary>
    [GeneratedRegex("""(?<target>\b[A-Za-z_][\w.]*)\.Display\(\)""")]
    private static partial Regex DisplayExtension();
}
