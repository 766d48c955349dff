using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalingFit.Tests.Notebooks;

/// <summary>What one code cell did when it ran.</summary>
/// <param name="Number">The cell's 1-based position among all the notebook's cells, markdown included (what a reader counts).</param>
/// <param name="Code">The code submitted (the cell's, with its <c>#r</c> paths pointed at the test's assemblies).</param>
/// <param name="Output">What the cell wrote to standard output.</param>
/// <param name="Displayed">Every value the cell displayed (display(…) or its last expression), as (MIME type, formatted value).</param>
/// <param name="Error">The failure (with the compiler's diagnostics, when it did not compile); null when the cell succeeded.</param>
internal sealed record CellRun(int Number, string Code, string Output, IReadOnlyList<(string MimeType, string Value)> Displayed, string? Error);

/// <summary>
/// Runs a Polyglot notebook (<c>.ipynb</c>) cell by cell in an in-process .NET Interactive <see cref="CSharpKernel"/>,
/// as VS Code's Polyglot Notebooks would: no Jupyter, no network ports. The notebook is read with
/// Microsoft.DotNet.Interactive.Documents; each C# cell is one <see cref="SubmitCode"/> to a kernel that keeps its state
/// from cell to cell; markdown cells are skipped.
/// </summary>
/// <remarks>
/// A notebook loads the libraries with <c>#r "lib/NAME.dll"</c> (the folder a user fills with
/// <c>dotnet publish src/ScalingFit.Cli -c Release --use-current-runtime --self-contained false -o notebooks/lib</c>). Here each such path is pointed at NAME.dll in the
/// test's own output folder, the assemblies this test process has loaded, so the test needs no publish and no particular
/// build configuration; a <c>#r</c> of an assembly the test's output lacks fails the cell. Relative paths in the cells
/// (<c>../data/…</c>) are resolved from the notebook's folder, which is made the current directory for the run.
/// </remarks>
internal static partial class NotebookKernel
{
    /// <summary>The folder notebooks reference their assemblies from, relative to the notebook.</summary>
    public const string LibraryFolder = "lib";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs every code cell of <paramref name="notebookPath"/> in order, stopping at the first that fails.</summary>
    /// <param name="notebookPath">The notebook.</param>
    /// <param name="assemblyFolder">Where the referenced assemblies are taken from.</param>
    /// <param name="timeout">The longest a cell may run.</param>
    public static async Task<IReadOnlyList<CellRun>> RunAsync(string notebookPath, string assemblyFolder, TimeSpan timeout)
    {
        InteractiveDocument document = Read(notebookPath);
        var runs = new List<CellRun>();
        await OneAtATime.WaitAsync();
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            // The kernel resolves relative #r paths, and the cells relative file paths, from the current directory.
            Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
            using var kernel = new CSharpKernel().UseKernelHelpers();
            int number = 0;
            foreach (var cell in document.Elements)
            {
                number++;
                if (!IsCSharp(cell))
                    continue;
                string code = PointReferencesAt(cell.Contents, assemblyFolder, out string? referenceError);
                if (referenceError is not null)
                {
                    runs.Add(new CellRun(number, code, "", [], referenceError));
                    break;
                }

                var run = await SubmitAsync(kernel, number, code, timeout);
                runs.Add(run);
                if (run.Error is not null)
                    break;
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            Formatter.ResetToDefault(); // the notebooks' formatters are process-wide
            OneAtATime.Release();
        }

        return runs;
    }

    /// <summary>Reads a notebook with Microsoft.DotNet.Interactive.Documents; cells without a kernel name are C#.</summary>
    public static InteractiveDocument Read(string notebookPath)
    {
        var kernels = new KernelInfoCollection
        {
            new("csharp", "C#", ["c#", "C#"]),
            new("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        using var stream = File.OpenRead(notebookPath);
        return Notebook.Read(stream, kernels);
    }

    /// <summary>Whether a cell is C# code (not markdown).</summary>
    public static bool IsCSharp(InteractiveDocumentElement cell) => cell.KernelName is "csharp" or "C#" or "c#";

    /// <summary>The assembly file names a cell references with <c>#r "lib/NAME.dll"</c>.</summary>
    public static IReadOnlyList<string> LibraryReferences(string code) =>
        [.. DllReference().Matches(code).Select(m => m.Groups["path"].Value)];

    private static string PointReferencesAt(string code, string assemblyFolder, out string? error)
    {
        string? missing = null;
        string rewritten = DllReference().Replace(code, m =>
        {
            string path = m.Groups["path"].Value;
            string prefix = LibraryFolder + "/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                missing ??= $"#r \"{path}\": notebooks reference assemblies as #r \"{prefix}NAME.dll\" (see the README, \"Notebooks\").";
                return m.Value;
            }

            string local = Path.Combine(assemblyFolder, path[prefix.Length..]);
            if (!File.Exists(local))
                missing ??= $"#r \"{path}\": {Path.GetFileName(path)} is not among the assemblies the build produces ({assemblyFolder}).";
            return $"#r \"{local}\"";
        });
        error = missing;
        return rewritten;
    }

    private static async Task<CellRun> SubmitAsync(CSharpKernel kernel, int number, string code, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(code), cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            return new CellRun(number, code, "", [], $"did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = new StringBuilder();
        var displayed = new List<(string, string)>();
        var errors = new List<string>();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    output.Append(stdout.FormattedValues.FirstOrDefault()?.Value);
                    break;
                case StandardErrorValueProduced stderr:
                    output.Append(stderr.FormattedValues.FirstOrDefault()?.Value);
                    break;
                case ErrorProduced error:
                    errors.Add(error.Message);
                    break;
                case DisplayEvent display:
                    displayed.AddRange(display.FormattedValues.Select(v => (v.MimeType, v.Value)));
                    break;
                case DiagnosticsProduced diagnostics:
                    errors.AddRange(diagnostics.Diagnostics
                        .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                        .Select(d => $"({d.LinePositionSpan.Start.Line + 1},{d.LinePositionSpan.Start.Character + 1}): error {d.Code}: {d.Message}"));
                    break;
                case CommandFailed failed:
                    errors.Add(failed.Exception is { } exception ? failed.Message + Environment.NewLine + exception : failed.Message);
                    break;
            }
        }

        bool failedCommand = result.Events.OfType<CommandFailed>().Any();
        string? message = failedCommand || errors.Count > 0 ? string.Join(Environment.NewLine, errors.Distinct()) : null;
        return new CellRun(number, code, output.ToString(), displayed, message);
    }

    [GeneratedRegex("""^[ \t]*#r[ \t]+"(?<path>[^"]+\.dll)"[ \t]*$""", RegexOptions.Multiline)]
    private static partial Regex DllReference();
}
