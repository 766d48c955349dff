using System.Collections.Concurrent;
using System.Text.Json;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Notebooks;

/// <summary>
/// The notebook runs make the notebooks' folder the process's current directory and register process-wide formatters,
/// so this collection runs alone, one notebook after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "notebooks";
}

/// <summary>
/// The walkthroughs in notebooks/ must not rot: every notebook runs, cell by cell, in a real .NET Interactive C# kernel
/// (<see cref="NotebookKernel"/>) against the assemblies of this build, shows its figures and tables, and is committed
/// without outputs.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Each notebook is run once per test process; the tests below look at different parts of the same run.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<CellRun>>>> Runs = new(StringComparer.Ordinal);

    /// <summary>Every notebooks/*.ipynb, by file name.</summary>
    public static TheoryData<string> Notebooks
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in Directory.EnumerateFiles(NotebookFolder, "*.ipynb").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(path));
            return data;
        }
    }

    private static Task<IReadOnlyList<CellRun>> RunOnce(string notebook) =>
        Runs.GetOrAdd(notebook, n => new Lazy<Task<IReadOnlyList<CellRun>>>(
            () => NotebookKernel.RunAsync(Path.Combine(NotebookFolder, n), AppContext.BaseDirectory, CellTimeout))).Value;

    private async Task<IReadOnlyList<CellRun>> RunAndLog(string notebook)
    {
        var cells = await RunOnce(notebook);
        foreach (var cell in cells)
        {
            output.WriteLine($"--- {notebook}, cell {cell.Number}{(cell.Error is null ? "" : " FAILED")}");
            output.WriteLine(cell.Output.TrimEnd());
            foreach (var (mime, value) in cell.Displayed)
                output.WriteLine($"[displayed {mime}, {value.Length} characters]");
        }

        return cells;
    }

    [Fact]
    public void NotebooksFolder_HoldsTheThreeWalkthroughs()
    {
        var names = Directory.EnumerateFiles(NotebookFolder, "*.ipynb").Select(p => Path.GetFileName(p)).ToArray();
        Assert.Contains("01-fit-your-own-sweep.ipynb", names);
        Assert.Contains("02-reproduce-the-paper.ipynb", names);
        Assert.Contains("03-draw-the-frontier.ipynb", names);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunInACSharpKernel_EveryCodeCellSucceeds(string notebook)
    {
        var cells = await RunAndLog(notebook);

        var document = NotebookKernel.Read(Path.Combine(NotebookFolder, notebook));
        int codeCells = document.Elements.Count(NotebookKernel.IsCSharp);
        if (cells.FirstOrDefault(c => c.Error is not null) is { } failed)
            Assert.Fail($"{notebook}, cell {failed.Number} failed:\n{failed.Error}\nThe cell's code:\n{failed.Code}");
        Assert.Equal(codeCells, cells.Count);
        Assert.True(codeCells >= 5, $"{notebook} has only {codeCells} code cells.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_ShowsADataFrameAsAnHtmlTable(string notebook)
    {
        var cells = await RunAndLog(notebook);

        Assert.Contains(cells.SelectMany(c => c.Displayed), d => d.MimeType == "text/html" && d.Value.Contains("<table class=\"dataframe\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrawTheFrontierNotebook_ShowsItsFiguresInline()
    {
        var cells = await RunAndLog("03-draw-the-frontier.ipynb");

        var figures = cells.SelectMany(c => c.Displayed).Where(d => d.MimeType == "text/html" && d.Value.Contains("<svg", StringComparison.Ordinal)).ToList();
        Assert.True(figures.Count >= 3, $"expected the frontier, the IsoFLOP valleys and the loss chart inline, found {figures.Count} figure(s).");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_IsStoredWithoutOutputs(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookFolder, notebook)));
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("C#", metadata.GetProperty("language_info").GetProperty("name").GetString());
        int number = 0;
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            number++;
            if (cell.GetProperty("cell_type").GetString() != "code")
                continue;
            Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{notebook}, cell {number} has stored outputs: clear them before committing.");
            Assert.True(cell.GetProperty("execution_count").ValueKind == JsonValueKind.Null, $"{notebook}, cell {number} has an execution count: clear outputs before committing.");
            Assert.Equal("csharp", cell.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_ReferencesOnlyLibraryAssembliesTheBuildProduces(string notebook)
    {
        var document = NotebookKernel.Read(Path.Combine(NotebookFolder, notebook));
        var references = document.Elements.Where(NotebookKernel.IsCSharp).SelectMany(c => NotebookKernel.LibraryReferences(c.Contents)).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith(NotebookKernel.LibraryFolder + "/", reference, StringComparison.Ordinal);
            string name = Path.GetFileName(reference);
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, name)), $"{notebook} references {name}, which the build does not produce.");
        }
    }

    private static string WriteNotebook(params (string Type, string Source)[] cells)
    {
        string path = Path.Combine(Path.GetTempPath(), $"scalingfit-notebook-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            cells = cells.Select(c => new Dictionary<string, object?>
            {
                ["cell_type"] = c.Type,
                ["metadata"] = c.Type == "code" ? new { polyglot_notebook = new { kernelName = "csharp" } } : new { },
                ["source"] = c.Source,
                ["outputs"] = c.Type == "code" ? Array.Empty<object>() : null,
                ["execution_count"] = null,
            }.Where(p => p.Value is not null || p.Key == "execution_count").ToDictionary()),
            metadata = new { kernelspec = new { name = ".net-csharp", language = "C#", display_name = ".NET (C#)" }, language_info = new { name = "C#" } },
            nbformat = 4,
            nbformat_minor = 5,
        }));
        return path;
    }

    [Fact]
    public async Task RunAsync_CellThatDoesNotCompile_FailsNamingTheCellAndTheCompilerDiagnostic()
    {
        string path = WriteNotebook(("markdown", "# A title"), ("code", "int x = 1;"), ("markdown", "text"), ("code", "int y = \"two\";"), ("code", "int z = 3;"));
        try
        {
            var cells = await NotebookKernel.RunAsync(path, AppContext.BaseDirectory, CellTimeout);

            Assert.Equal([2, 4], cells.Select(c => c.Number));
            Assert.Null(cells[0].Error);
            Assert.Contains("CS0029", cells[1].Error, StringComparison.Ordinal);
            Assert.Contains("(1,9)", cells[1].Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_CellThatThrows_FailsWithTheExceptionAndKeepsEarlierState()
    {
        string path = WriteNotebook(("code", "var answer = 42;\nConsole.WriteLine(answer);"), ("code", "throw new InvalidOperationException($\"broken {answer}\");"));
        try
        {
            var cells = await NotebookKernel.RunAsync(path, AppContext.BaseDirectory, CellTimeout);

            Assert.Equal("42", cells[0].Output.Trim());
            Assert.Contains("broken 42", cells[1].Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_ReferenceOutsideTheLibraryFolder_FailsSayingHowToReference()
    {
        string path = WriteNotebook(("code", "#r \"../src/ScalingFit.Cli/bin/Debug/net10.0/ScalingFit.Core.dll\"\nint x = 1;"));
        try
        {
            var cells = await NotebookKernel.RunAsync(path, AppContext.BaseDirectory, CellTimeout);

            var cell = Assert.Single(cells);
            Assert.Contains("#r \"lib/NAME.dll\"", cell.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string NotebookFolder => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>The folder holding ScalingFit.sln, above the test assembly.</summary>
    internal static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"ScalingFit.sln not found above {AppContext.BaseDirectory}.");
    }
}
