using System.Text.RegularExpressions;
using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// The one place the CLI translates the library's words into its own: library messages name options
/// (<c>ImportOptions.SkipBadRows</c>, <c>DropHighest</c>), which a command-line user sets with flags
/// (<c>--skip-bad-rows</c>, <c>--drop-highest</c>). Every note, error and report the CLI prints goes through <see cref="ToCli"/>.
/// </summary>
internal static partial class LibraryWords
{
    /// <summary>Library phrase → flag phrase, longest first so a phrase wins over a word inside it.</summary>
    private static readonly (string Library, string Cli)[] Phrases =
    [
        ("Remove or correct the run, or set InvalidValues = InvalidValuePolicy.Skip to leave such runs out.", "Remove or correct the run in the file."),
        ("set ImportOptions.SkipBadRows", "pass --skip-bad-rows"),
        ("ImportOptions.SkipBadRows", "--skip-bad-rows"),
        ("set IsoFlopFitOptions.Budgets", "pass --budgets"),
        ("IsoFlopFitOptions.Budgets", "--budgets"),
        ("set Bootstrap.Resamples", "pass --bootstrap N"),
        ("lower DropHighest", "lower --drop-highest"),
        ("set GroupComparisonOptions.Extrapolate", "pass --extrapolate"),
        ("or a separate curves file", "or --curves FILE"),
    ];

    /// <summary><paramref name="message"/> with the library's option names replaced by the CLI's flags.</summary>
    public static string ToCli(string message)
    {
        string text = WithColumn().Replace(message, m =>
            Enum.TryParse<ColumnKey>(m.Groups[1].Value, out var key) ? $"--column {ColumnKeys.CliKey(key)}={m.Groups[2].Value}" : m.Value);
        foreach (var (library, cli) in Phrases)
            text = text.Replace(library, cli, StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex(@"ImportOptions\.WithColumn\(ColumnKey\.(\w+), ""([^""]*)""\)")]
    private static partial Regex WithColumn();
}
