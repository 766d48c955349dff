using System.Reflection;
using System.Runtime.CompilerServices;

namespace ScalingFit.Tests.Architecture;

public class ArchitectureTests
{
    private static readonly Assembly Core = typeof(ScalingFit.Core.Domain.Run).Assembly;
    private static readonly Assembly Fitting = typeof(ScalingFit.Fitting.IAllocationFit).Assembly;
    private static readonly Assembly IO = typeof(ScalingFit.IO.Results.LawJson).Assembly;
    private static readonly Assembly Cli = typeof(ScalingFit.Cli.ScalingFitCli).Assembly;

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
