using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ScalingFit.Tests.Notebooks;

namespace ScalingFit.Tests.Architecture;

public partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(ScalingFit.Core.Run).Assembly;
    private static readonly Assembly Fitting = typeof(ScalingFit.Fitting.IAllocationFit).Assembly;
    private static readonly Assembly IO = typeof(ScalingFit.IO.LawJson).Assembly;
    private static readonly Assembly Cli = typeof(ScalingFit.Cli.ScalingFitCli).Assembly;
    private static readonly Assembly Plotting = typeof(ScalingFit.Plotting.Figure).Assembly;

    /// <summary>
    /// The one direction data flows (file → import → fit → result → outputs): each project may reference only those
    /// before it. Plotting references IO because the report writer writes the tables and JSON beside the figures.
    /// </summary>
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "ScalingFit.Core", [] },
        { "ScalingFit.Fitting", ["ScalingFit.Core"] },
        { "ScalingFit.IO", ["ScalingFit.Core", "ScalingFit.Fitting"] },
        { "ScalingFit.Plotting", ["ScalingFit.Core", "ScalingFit.Fitting", "ScalingFit.IO"] },
        { "scalingfit", ["ScalingFit.Core", "ScalingFit.Fitting", "ScalingFit.IO", "ScalingFit.Plotting"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void EveryProject_ReferencesOnlyTheProjectsBeforeIt(string project, string[] allowed)
    {
        var assembly = new[] { Core, Fitting, IO, Plotting, Cli }.Single(a => a.GetName().Name == project);

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("ScalingFit", StringComparison.Ordinal) || n == "scalingfit").ToArray();

        Assert.All(references, r => Assert.True(allowed.Contains(r), $"{project} references {r}; it may reference only {string.Join(", ", allowed)}"));
    }

    [Fact]
    public void NoCliFile_SwitchesOnAConcreteFitResultType()
    {
        // Outputs take IAllocationFit; per-approach decisions live in the library (ScalingLaws.FitAll, ReportWriter).
        var files = Directory.EnumerateFiles(Path.Combine(NotebookTests.RepositoryRoot, "src", "ScalingFit.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var match = ConcreteTypeSwitch().Match(File.ReadAllText(file));
            Assert.False(match.Success, $"{Path.GetFileName(file)} switches on a concrete result type: '{match.Value.Trim()}'");
        });
    }

    [Fact]
    public void TheConcreteTypeSwitchPattern_RecognisesTheFormsItForbids()
    {
        foreach (var code in new[] { "if (fit is IsoFlopFitResult i)", "x is Fitting.IsoFlopFitResult { BudgetCount: >= 3 }", "fits.OfType<EnvelopeFitResult>()",
            "case ParametricFitResult p:", "fit as ParametricFitResult", "        EnvelopeFitResult e => 1,", "fit is not ParametricFitResult" })
            Assert.Matches(ConcreteTypeSwitch(), code);
        Assert.DoesNotMatch(ConcreteTypeSwitch(), "ParametricFitResult fit = ParametricFitter.Fit(runs);");
    }

    [GeneratedRegex(@"\b(?:is|as|case)\s+(?:not\s+)?(?:\w+\.)*(?:Envelope|IsoFlop|Parametric)FitResult\b|OfType<(?:\w+\.)*(?:Envelope|IsoFlop|Parametric)FitResult>|^\s*(?:\w+\.)*(?:Envelope|IsoFlop|Parametric)FitResult(?:\s+\w+)?\s*(?:\{[^}]*\})?\s*=>", RegexOptions.Multiline)]
    private static partial Regex ConcreteTypeSwitch();

    private static IEnumerable<string> ProjectReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("ScalingFit", StringComparison.Ordinal));

    [Fact]
    public void Core_DependsOnNoOtherProject()
    {
        Assert.Empty(ProjectReferences(Core));
    }

    [Fact]
    public void Fitting_DependsOnlyOnCore()
    {
        Assert.All(ProjectReferences(Fitting), n => Assert.Equal("ScalingFit.Core", n));
    }

    [Fact]
    public void Libraries_NeverReferenceTheCli()
    {
        foreach (var lib in new[] { Core, Fitting, IO, typeof(ScalingFit.Plotting.Figure).Assembly })
            Assert.DoesNotContain("scalingfit", ProjectReferences(lib));
    }

    [Fact]
    public void Libraries_DoNotWriteToTheConsole()
    {
        // Scan IL for calls into System.Console: results go to the caller, never to the console, except in the CLI.
        var consoleMethods = typeof(Console).GetMethods().Select(m => m.MetadataToken).ToHashSet();
        foreach (var lib in new[] { Core, Fitting, IO, typeof(ScalingFit.Plotting.Figure).Assembly })
        {
            foreach (var type in lib.GetTypes())
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    var body = method.GetMethodBody()?.GetILAsByteArray();
                    if (body is null)
                        continue;
                    foreach (var token in CallTokens(body))
                    {
                        MethodBase? callee;
                        try
                        {
                            callee = method.Module.ResolveMethod(token);
                        }
                        catch (ArgumentException)
                        {
                            continue;
                        }
                        Assert.False(callee?.DeclaringType == typeof(Console), $"{type.FullName}.{method.Name} calls Console.{callee?.Name}");
                    }
                }
            }
        }
    }

    [Fact]
    public void PublicTypes_LiveInOneNamespacePerProject_SoANotebookNeedsFourUsings()
    {
        // A notebook reaches everything with using ScalingFit.Core/Fitting/IO/Plotting; only the optimiser has its own.
        var allowed = new[] { "ScalingFit.Core", "ScalingFit.Fitting", "ScalingFit.Fitting.Optimization", "ScalingFit.IO", "ScalingFit.Plotting" };
        foreach (var lib in new[] { Core, Fitting, IO, Plotting })
            foreach (var type in lib.GetExportedTypes())
                Assert.True(allowed.Contains(type.Namespace), $"{type.FullName} is public in namespace {type.Namespace}");
    }

    [Fact]
    public void FitResults_AreSealedRecords()
    {
        var results = Fitting.GetTypes().Where(t => t.IsPublic && t.Name.EndsWith("FitResult", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(results);
        Assert.All(results, t =>
        {
            Assert.True(t.IsSealed, $"{t.Name} should be sealed");
            Assert.NotNull(t.GetMethod("<Clone>$"));
        });
    }

    [Fact]
    public void Options_AreRecordsWithADefault()
    {
        var options = new[] { Core, Fitting }.SelectMany(a => a.GetTypes())
            .Where(t => t.IsPublic && t.Name.EndsWith("Options", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(options);
        Assert.All(options, t =>
        {
            Assert.NotNull(t.GetMethod("<Clone>$"));
            Assert.NotNull(t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static));
            Assert.All(t.GetProperties(BindingFlags.Public | BindingFlags.Instance),
                p => Assert.True(p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                    $"{t.Name}.{p.Name} must be init-only"));
        });
    }

    private static IEnumerable<int> CallTokens(byte[] il)
    {
        // call (0x28), callvirt (0x6F) and newobj (0x73) take a 4-byte method token; scanning bytes can misfire on
        // operands, so a token that does not resolve is skipped above.
        for (int i = 0; i + 4 < il.Length; i++)
            if (il[i] is 0x28 or 0x6F)
                yield return BitConverter.ToInt32(il, i + 1);
    }
}
