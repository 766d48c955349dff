using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Notebooks;

/// <summary>
/// The notebooks' runs build the library projects; two builds of the same projects at once race on their obj folders, so
/// this collection runs alone, one notebook after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "notebooks";
}

/// <summary>
/// The walkthroughs in notebooks/ must not rot: every notebook runs, as a .NET 10 file-based app made from its C# cells
/// (<see cref="NotebookScript"/>), against the current source, and is committed without outputs.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

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
    public void Notebook_RunAsAScript_ExitsWithZero(string notebook)
    {
        string root = RepositoryRoot;
        string app = ConvertNotebook(notebook);
        string folder = AppFolder(root, notebook);
        Assert.False(folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"The app must be built outside the repository (its Directory.*.props would apply), but the temp folder {folder} is inside it.");

        // One notebook run at a time per checkout, across test processes too: their builds share the projects' obj folders.
        using var gate = AcquireLock(Path.Combine(Path.GetDirectoryName(folder)!, ".lock"), Timeout);
        Directory.CreateDirectory(folder);
        string appPath = Path.Combine(folder, "notebook.cs");
        File.WriteAllText(appPath, app);
        var outcome = FileBasedApp.Run(appPath, NotebookFolder, Timeout);
        output.WriteLine($"{notebook}: {appPath}, {outcome.Elapsed.TotalSeconds:0.0}s, exit code {outcome.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none (timed out)"}");
        output.WriteLine(outcome.Output);

        string Tail(string text) => text.Length <= 20_000 ? text : "…" + text[^20_000..];
        Assert.False(outcome.TimedOut, $"{notebook} did not finish within {Timeout.TotalMinutes} minutes (app: {appPath}). Its output:\n{Tail(outcome.Output)}");
        Assert.True(outcome.ExitCode == 0,
            $"{notebook} failed with exit code {outcome.ExitCode} after {outcome.Elapsed.TotalSeconds:0}s (app: {appPath}). Its output:\n{Tail(outcome.Output)}");
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
    public void Notebook_ReferencesOnlyAssembliesTheBuildProduces(string notebook)
    {
        var references = NotebookScript.AssemblyReferences(File.ReadAllText(Path.Combine(NotebookFolder, notebook)));
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            // The CLI's output holds every library and its dependencies, as does this test project's.
            Assert.StartsWith("../src/ScalingFit.Cli/bin/Debug/net10.0/", reference, StringComparison.Ordinal);
            string name = Path.GetFileName(reference);
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, name)), $"{notebook} references {name}, which the build does not produce.");
        }
    }

    private static string ConvertNotebook(string notebook) =>
        NotebookScript.Convert(File.ReadAllText(Path.Combine(NotebookFolder, notebook)), notebook, RepositoryRoot);

    /// <summary>A fixed folder per checkout and notebook, so reruns reuse the app's build cache.</summary>
    private static string AppFolder(string root, string notebook)
    {
        string checkout = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..12];
        return Path.Combine(Path.GetTempPath(), "scalingfit-notebooks", checkout, Path.GetFileNameWithoutExtension(notebook));
    }

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
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
