using System.Text.Json;

namespace ScalingFit.Tests.Notebooks;

public sealed class NotebookScriptTests
{
    private const string Root = "/repo";

    /// <summary>A notebook with the given cells: ("markdown" | "code", source).</summary>
    private static string Notebook(params (string Type, string Source)[] cells) => JsonSerializer.Serialize(new
    {
        cells = cells.Select(c => new Dictionary<string, object?>
        {
            ["cell_type"] = c.Type,
            ["metadata"] = new { },
            ["source"] = SourceLines(c.Source),
        }),
        metadata = new { },
        nbformat = 4,
        nbformat_minor = 2,
    });

    /// <summary>nbformat's list of lines, each but the last ending in a newline.</summary>
    private static string[] SourceLines(string source)
    {
        var lines = source.Split('\n');
        return [.. lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line)];
    }

    private static string Convert(params (string Type, string Source)[] cells) =>
        NotebookScript.Convert(Notebook(cells), "demo.ipynb", Root);

    [Fact]
    public void Convert_DllReferences_BecomeProjectDirectivesForEveryLibrary()
    {
        string app = Convert(("code", "#r \"../src/ScalingFit.Cli/bin/Debug/net10.0/ScalingFit.Core.dll\"\nConsole.WriteLine(1);"));

        Assert.DoesNotContain("#r ", app, StringComparison.Ordinal);
        foreach (var project in NotebookScript.LibraryProjects)
            Assert.Contains($"#:project {Path.Combine(Root, "src", project, project + ".csproj")}", app, StringComparison.Ordinal);
        Assert.Contains("#:property PublishAot=false", app, StringComparison.Ordinal);
        Assert.Contains("#:property TreatWarningsAsErrors=false", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_UsingInALaterCell_IsHoistedAboveAllCode()
    {
        string app = Convert(
            ("code", "Console.WriteLine(1);"),
            ("markdown", "# Text"),
            ("code", "using System.Text;\nusing static System.Math;\nusing var stream = new MemoryStream();\nConsole.WriteLine(Abs(-2));"));

        int code = app.IndexOf("Console.WriteLine(1);", StringComparison.Ordinal);
        Assert.True(app.IndexOf("using System.Text;", StringComparison.Ordinal) < code);
        Assert.True(app.IndexOf("using static System.Math;", StringComparison.Ordinal) < code);
        Assert.True(app.IndexOf("using var stream", StringComparison.Ordinal) > code, "a using declaration is a statement and stays in place");
    }

    [Fact]
    public void Convert_CellCode_IsMappedToTheNotebookCellByLineDirectives()
    {
        string app = Convert(("markdown", "# Title"), ("code", "var x = 1;\ndisplay(x);"));

        Assert.Contains("#line 1 \"demo.ipynb, cell 2\"", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_NotebookOnlyDisplayCalls_GetConsoleStandIns()
    {
        string app = Convert(("code", "var svg = \"<svg/>\";\ndisplay(HTML(svg));\nsvg.Display();"));

        Assert.Contains("display(svg);", app, StringComparison.Ordinal);
        Assert.Contains("static void display(object? value)", app, StringComparison.Ordinal);
        Assert.Contains("static string HTML(string html)", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_CellEndingInABareExpression_IsRejectedNamingTheCell()
    {
        var e = Assert.Throws<NotSupportedException>(() => Convert(("code", "var x = 1;"), ("code", "x + 1 // shown by the notebook")));

        Assert.Contains("demo.ipynb, cell 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("display(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_CellEndingInAStatementAndAComment_IsAccepted()
    {
        string app = Convert(("code", "var x = 1;\ndisplay(x); // shown"));

        Assert.Contains("display(x); // shown", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_NugetReference_IsRejectedSayingWhatToDo()
    {
        var e = Assert.Throws<NotSupportedException>(() => Convert(("code", "#r \"nuget: MathNet.Numerics\"\nConsole.WriteLine(1);")));

        Assert.Contains("cell 1, line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("library project", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCodeCells_SourceAsOneString_IsRead()
    {
        const string json = """{"cells":[{"cell_type":"code","metadata":{},"source":"Console.WriteLine(1);","outputs":[]}],"metadata":{},"nbformat":4,"nbformat_minor":2}""";

        var cells = NotebookScript.ReadCodeCells(json);

        Assert.Equal("Console.WriteLine(1);", Assert.Single(cells).Source);
    }
}
