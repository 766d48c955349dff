using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalingFit.IO;

/// <summary>The comparison operators of a <see cref="RowExpression"/>.</summary>
public enum ComparisonOperator
{
    /// <summary><c>==</c>: equal (numbers by value, text exactly, booleans by value).</summary>
    Equal,

    /// <summary><c>!=</c>: not equal.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>: less than (numbers by value, text ordinally).</summary>
    Less,

    /// <summary><c>&lt;=</c>: less than or equal.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>: greater than.</summary>
    Greater,

    /// <summary><c>&gt;=</c>: greater than or equal.</summary>
    GreaterOrEqual,

    /// <summary><c>=~</c>: the cell's text contains a match of the regular expression.</summary>
    Matches,

    /// <summary><c>!~</c>: the cell's text contains no match of the regular expression.</summary>
    NotMatches,
}

/// <summary>Why a selection expression could not be parsed, or names a column the file does not have.</summary>
/// <param name="Expression">The expression as given.</param>
/// <param name="Position">The 1-based character position of the problem in <paramref name="Expression"/>.</param>
/// <param name="Message">What is wrong and what to write instead.</param>
public sealed record RowExpressionError(string Expression, int Position, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"in the selection '{Expression}', at position {Position}: {Message}";
}

/// <summary>
/// A row selection such as <c>experiment == "chinchilla" and outlier != true</c> or <c>Name !~ "validation-optimal"</c>:
/// comparisons of a column with a literal, combined with <c>and</c>, <c>or</c> (binding looser than <c>and</c>), <c>not</c>
/// and parentheses.
/// </summary>
/// <remarks>
/// <para>Grammar: <c>or := and ("or" and)*</c>; <c>and := unary ("and" unary)*</c>; <c>unary := "not" unary | "(" or ")" | comparison</c>;
/// <c>comparison := column op literal</c> with <c>op</c> one of <c>== != &lt; &lt;= &gt; &gt;= =~ !~</c>.</para>
/// <para>A column is written as it is in the file, including <c>/</c>, <c>.</c>, <c>[i]</c> and <c>-</c>
/// (<c>eval/paloma/macro_loss</c>, <c>optimizer.learning_rate</c>, <c>results[1].loss</c>), or in backquotes when it holds
/// spaces or operator characters (<c>`model size` &gt; 1e9</c>). A literal is a number (<c>0.002</c>, <c>6e+19</c>), a string in
/// double quotes (<c>\"</c> and <c>\\</c> escape), or <c>true</c>/<c>false</c>.</para>
/// <para>Evaluation: against a number, the cell is compared by value when it is a number and the comparison is false
/// otherwise (<c>!=</c> true); against a string, texts are compared ordinally (exactly); against a boolean, the cell is
/// <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c> (any case). <c>=~</c> and <c>!~</c> search the cell's text with a .NET regular
/// expression (culture-invariant, 1 s time-out). An empty cell equals <c>""</c> and no number.</para>
/// </remarks>
public sealed class RowExpression
{
    private readonly Node root;

    private RowExpression(string text, Node root, IReadOnlyList<ColumnReference> columns)
    {
        Text = text;
        this.root = root;
        Columns = columns;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>The columns the expression names, with their 1-based positions, in order of appearance.</summary>
    public IReadOnlyList<ColumnReference> Columns { get; }

    /// <summary>Parses an expression.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="expression">The parsed expression, when valid.</param>
    /// <param name="error">Where and why it is not, otherwise.</param>
    /// <returns>Whether <paramref name="text"/> is a valid expression.</returns>
    public static bool TryParse(string text, out RowExpression? expression, out RowExpressionError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        expression = null;
        error = null;
        var tokens = Tokenize(text, out var tokenError);
        if (tokenError is not null)
        {
            error = new RowExpressionError(text, tokenError.Value.Position, tokenError.Value.Message);
            return false;
        }

        var parser = new Parser(text, tokens);
        var node = parser.ParseAll(out var parseError);
        if (node is null)
        {
            error = parseError;
            return false;
        }

        expression = new RowExpression(text, node, parser.Columns);
        return true;
    }

    /// <summary>Parses an expression or throws <see cref="FormatException"/> with the position and the reason.</summary>
    /// <param name="text">The expression.</param>
    public static RowExpression Parse(string text) =>
        TryParse(text, out var e, out var error) ? e! : throw new FormatException(error!.ToString());

    /// <summary>
    /// The first column the expression names that <paramref name="available"/> lacks (matched exactly, then ignoring case,
    /// spaces and underscores as column names are), or null when every column exists.
    /// </summary>
    /// <param name="available">The file's column names.</param>
    public RowExpressionError? CheckColumns(IReadOnlyList<string> available)
    {
        foreach (var column in Columns)
        {
            if (Resolve(column.Name, available) < 0)
            {
                var names = string.Join(", ", available.Select(a => $"'{a}'"));
                return new RowExpressionError(Text, column.Position, $"no column '{column.Name}'; the columns are {names}.");
            }
        }

        return null;
    }

    /// <summary>Binds the expression to a file's columns: a predicate over a row of cells (null for an absent cell).</summary>
    /// <param name="available">The file's column names; every column named must be among them (see <see cref="CheckColumns"/>).</param>
    public Func<IReadOnlyList<string?>, bool> Bind(IReadOnlyList<string> available)
    {
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            var index = Resolve(column.Name, available);
            if (index < 0)
                throw new ArgumentException($"The selection names no column of the file: {CheckColumns(available)}", nameof(available));
            indices[column.Name] = index;
        }

        return row => root.Evaluate(row, indices);
    }

    /// <summary>The index of <paramref name="name"/> among <paramref name="available"/>: exact first, then as column names match.</summary>
    internal static int Resolve(string name, IReadOnlyList<string> available)
    {
        for (var i = 0; i < available.Count; i++)
        {
            if (string.Equals(available[i], name, StringComparison.Ordinal))
                return i;
        }

        var wanted = ColumnKeys.NormalizeName(name);
        for (var i = 0; i < available.Count; i++)
        {
            if (ColumnKeys.NormalizeName(available[i]) == wanted)
                return i;
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private enum TokenKind
    {
        Identifier,
        Number,
        String,
        True,
        False,
        And,
        Or,
        Not,
        Operator,
        Open,
        Close,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0, ComparisonOperator Op = ComparisonOperator.Equal);

    private static List<Token> Tokenize(string text, out (int Position, string Message)? error)
    {
        var tokens = new List<Token>();
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), start + 1));
                i++;
                continue;
            }

            if (TryOperator(text, i, out var op, out var length))
            {
                tokens.Add(new Token(TokenKind.Operator, text.Substring(i, length), start + 1, Op: op));
                i += length;
                continue;
            }

            if (c == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    {
                        builder.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    builder.Append(text[i++]);
                }

                if (!closed)
                {
                    error = (start + 1, "this string has no closing double quote (\").");
                    return tokens;
                }

                tokens.Add(new Token(TokenKind.String, builder.ToString(), start + 1));
                continue;
            }

            if (c == '`')
            {
                var close = text.IndexOf('`', i + 1);
                if (close < 0)
                {
                    error = (start + 1, "this column name has no closing backquote (`).");
                    return tokens;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[(i + 1)..close], start + 1));
                i = close + 1;
                continue;
            }

            if (c == '\'')
            {
                error = (start + 1, "write strings in double quotes (\"...\"), not single quotes.");
                return tokens;
            }

            // A bare word: a column name (with / . [ ] - and the like), a number, or a keyword.
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '`')
                   && !TryOperator(text, i, out _, out _))
            {
                // A closing bracket followed by '(' is not ours to worry about; an index like [1] stays in the name.
                i++;
            }

            var word = text[start..i];
            if (word.Length == 0)
            {
                error = (start + 1, $"unexpected '{c}'.");
                return tokens;
            }

            if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && IsNumberStart(word[0]))
                tokens.Add(new Token(TokenKind.Number, word, start + 1, number));
            else if (word.Equals("true", StringComparison.OrdinalIgnoreCase))
                tokens.Add(new Token(TokenKind.True, word, start + 1));
            else if (word.Equals("false", StringComparison.OrdinalIgnoreCase))
                tokens.Add(new Token(TokenKind.False, word, start + 1));
            else if (word.Equals("and", StringComparison.OrdinalIgnoreCase) || word == "&&")
                tokens.Add(new Token(TokenKind.And, word, start + 1));
            else if (word.Equals("or", StringComparison.OrdinalIgnoreCase) || word == "||")
                tokens.Add(new Token(TokenKind.Or, word, start + 1));
            else if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
                tokens.Add(new Token(TokenKind.Not, word, start + 1));
            else
                tokens.Add(new Token(TokenKind.Identifier, word, start + 1));
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length + 1));
        return tokens;
    }

    private static bool IsNumberStart(char c) => char.IsAsciiDigit(c) || c is '-' or '+' or '.';

    private static bool TryOperator(string text, int i, out ComparisonOperator op, out int length)
    {
        var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
        (op, length) = two switch
        {
            "==" => (ComparisonOperator.Equal, 2),
            "!=" => (ComparisonOperator.NotEqual, 2),
            "<=" => (ComparisonOperator.LessOrEqual, 2),
            ">=" => (ComparisonOperator.GreaterOrEqual, 2),
            "=~" => (ComparisonOperator.Matches, 2),
            "!~" => (ComparisonOperator.NotMatches, 2),
            _ => text[i] switch
            {
                '<' => (ComparisonOperator.Less, 1),
                '>' => (ComparisonOperator.Greater, 1),
                _ => (ComparisonOperator.Equal, 0),
            },
        };
        return length > 0;
    }

    private sealed class Parser(string text, List<Token> tokens)
    {
        private int index;

        public List<ColumnReference> Columns { get; } = [];

        private Token Current => tokens[index];

        public Node? ParseAll(out RowExpressionError? error)
        {
            error = null;
            if (Current.Kind == TokenKind.End)
            {
                error = new RowExpressionError(text, 1, "the selection is empty; write a comparison such as experiment == \"x\".");
                return null;
            }

            var node = ParseOr(ref error);
            if (node is null)
                return null;
            if (Current.Kind != TokenKind.End)
            {
                error = Unexpected(Current.Kind == TokenKind.Close ? "a ')' without its '('" : $"'{Current.Text}'", "'and', 'or' or the end");
                return null;
            }

            return node;
        }

        private Node? ParseOr(ref RowExpressionError? error)
        {
            var left = ParseAnd(ref error);
            while (left is not null && Current.Kind == TokenKind.Or)
            {
                index++;
                var right = ParseAnd(ref error);
                left = right is null ? null : new OrNode(left, right);
            }

            return left;
        }

        private Node? ParseAnd(ref RowExpressionError? error)
        {
            var left = ParseUnary(ref error);
            while (left is not null && Current.Kind == TokenKind.And)
            {
                index++;
                var right = ParseUnary(ref error);
                left = right is null ? null : new AndNode(left, right);
            }

            return left;
        }

        private Node? ParseUnary(ref RowExpressionError? error)
        {
            if (Current.Kind == TokenKind.Not)
            {
                index++;
                var inner = ParseUnary(ref error);
                return inner is null ? null : new NotNode(inner);
            }

            if (Current.Kind == TokenKind.Open)
            {
                var open = Current;
                index++;
                var inner = ParseOr(ref error);
                if (inner is null)
                    return null;
                if (Current.Kind != TokenKind.Close)
                {
                    error = new RowExpressionError(text, Current.Position,
                        $"the '(' at position {open.Position} is not closed; add ')'.");
                    return null;
                }

                index++;
                return inner;
            }

            return ParseComparison(ref error);
        }

        private Node? ParseComparison(ref RowExpressionError? error)
        {
            var column = Current;
            if (column.Kind != TokenKind.Identifier)
            {
                error = Unexpected(Describe(column), "a column name");
                return null;
            }

            index++;
            var op = Current;
            if (op.Kind != TokenKind.Operator && op.Text.StartsWith('='))
            {
                error = new RowExpressionError(text, op.Position, $"'=' is not a comparison; write == (e.g. {column.Text} == \"x\").");
                return null;
            }

            if (op.Kind != TokenKind.Operator)
            {
                error = Unexpected(Describe(op), $"an operator after '{column.Text}' (==, !=, <, <=, >, >=, =~ or !~)");
                return null;
            }

            index++;
            var literal = Current;
            Regex? regex = null;
            switch (literal.Kind)
            {
                case TokenKind.String:
                    if (op.Op is ComparisonOperator.Matches or ComparisonOperator.NotMatches)
                    {
                        try
                        {
                            regex = new Regex(literal.Text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                        }
                        catch (ArgumentException e)
                        {
                            error = new RowExpressionError(text, literal.Position, $"not a valid regular expression: {e.Message}");
                            return null;
                        }
                    }

                    break;
                case TokenKind.Number or TokenKind.True or TokenKind.False:
                    if (op.Op is ComparisonOperator.Matches or ComparisonOperator.NotMatches)
                    {
                        error = new RowExpressionError(text, literal.Position, $"{op.Text} takes a regular expression in double quotes, e.g. {column.Text} {op.Text} \"{literal.Text}\".");
                        return null;
                    }

                    if (literal.Kind != TokenKind.Number && op.Op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                    {
                        error = new RowExpressionError(text, op.Position, $"true and false can only be compared with == or !=.");
                        return null;
                    }

                    break;
                case TokenKind.Identifier:
                    error = new RowExpressionError(text, literal.Position,
                        $"'{literal.Text}' is not a value; write text in double quotes (\"{literal.Text}\"), a number, or true/false.");
                    return null;
                default:
                    error = Unexpected(Describe(literal), "a value (a number, \"text\", true or false)");
                    return null;
            }

            index++;
            Columns.Add(new ColumnReference(column.Text, column.Position));
            var kind = literal.Kind switch
            {
                TokenKind.Number => LiteralKind.Number,
                TokenKind.String => LiteralKind.Text,
                _ => LiteralKind.Boolean,
            };
            return new ComparisonNode(column.Text, op.Op, kind, literal.Text, literal.Number, literal.Kind == TokenKind.True, regex);
        }

        private static string Describe(Token token) => token.Kind switch
        {
            TokenKind.End => "the end of the selection",
            TokenKind.String => $"\"{token.Text}\"",
            _ => $"'{token.Text}'",
        };

        private RowExpressionError Unexpected(string found, string expected) =>
            new(text, Current.Position, $"found {found} where {expected} was expected.");
    }

    private enum LiteralKind
    {
        Number,
        Text,
        Boolean,
    }

    private abstract class Node
    {
        public abstract bool Evaluate(IReadOnlyList<string?> row, Dictionary<string, int> indices);
    }

    private sealed class AndNode(Node left, Node right) : Node
    {
        public override bool Evaluate(IReadOnlyList<string?> row, Dictionary<string, int> indices) =>
            left.Evaluate(row, indices) && right.Evaluate(row, indices);
    }

    private sealed class OrNode(Node left, Node right) : Node
    {
        public override bool Evaluate(IReadOnlyList<string?> row, Dictionary<string, int> indices) =>
            left.Evaluate(row, indices) || right.Evaluate(row, indices);
    }

    private sealed class NotNode(Node inner) : Node
    {
        public override bool Evaluate(IReadOnlyList<string?> row, Dictionary<string, int> indices) => !inner.Evaluate(row, indices);
    }

    private sealed class ComparisonNode(string column, ComparisonOperator op, LiteralKind kind, string text, double number, bool boolean, Regex? regex) : Node
    {
        public override bool Evaluate(IReadOnlyList<string?> row, Dictionary<string, int> indices)
        {
            var index = indices[column];
            var cell = (index < row.Count ? row[index] : null)?.Trim() ?? string.Empty;
            switch (op)
            {
                case ComparisonOperator.Matches:
                    return regex!.IsMatch(cell);
                case ComparisonOperator.NotMatches:
                    return !regex!.IsMatch(cell);
            }

            int? order = kind switch
            {
                LiteralKind.Number => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value)
                    ? value.CompareTo(number)
                    : null,
                LiteralKind.Text => Math.Sign(string.CompareOrdinal(cell, text)),
                _ => ParseBoolean(cell) is { } b ? (b == boolean ? 0 : 1) : null,
            };
            if (order is not { } o)
                return op == ComparisonOperator.NotEqual;
            return op switch
            {
                ComparisonOperator.Equal => o == 0,
                ComparisonOperator.NotEqual => o != 0,
                ComparisonOperator.Less => o < 0,
                ComparisonOperator.LessOrEqual => o <= 0,
                ComparisonOperator.Greater => o > 0,
                _ => o >= 0,
            };
        }

        private static bool? ParseBoolean(string cell) => cell.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => null,
        };
    }
}

/// <summary>A column named in a <see cref="RowExpression"/>.</summary>
/// <param name="Name">The column as written (without backquotes).</param>
/// <param name="Position">Its 1-based position in the expression.</param>
public sealed record ColumnReference(string Name, int Position);
