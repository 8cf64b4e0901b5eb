using System.Globalization;
using System.Text;

namespace SomeForum.Tests.Rendering;

/// <summary>One payload of xss-vectors.txt, with the line it stands on and its category.</summary>
internal sealed record XssVector(int Line, string Category, string Payload);

/// <summary>
/// The public XSS vectors in Rendering/xss-vectors.txt (a copy of shared/data/xss-vectors.txt, copied to
/// the test output by the csproj). Format: one payload a line; blank lines and lines starting with '#'
/// are not payloads, "# category: NAME ..." starts a group; escapes \n \t \r \\ and \x{HHHH}, any other
/// backslash is literal.
/// </summary>
internal static class XssVectors
{
    /// <summary>How many payloads the file holds: a file cut short or emptied must fail, not pass with fewer.</summary>
    public const int ExpectedCount = 700;

    private const string CategoryPrefix = "# category:";

    private static readonly Lazy<IReadOnlyList<XssVector>> All = new(Load);

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "Rendering", "xss-vectors.txt");

    public static IReadOnlyList<XssVector> Vectors => All.Value;

    public static XssVector AtLine(int line) =>
        Vectors.SingleOrDefault(v => v.Line == line)
        ?? throw new InvalidOperationException($"{FilePath} has no payload on line {line}.");

    public static IReadOnlyList<string> ReadLines()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException(
                $"The XSS vectors file is missing from the test output: {FilePath}. It is "
                + "tests/SomeForum.Tests/Rendering/xss-vectors.txt, copied by the <None Include=\"Rendering\\xss-vectors.txt\" "
                + "CopyToOutputDirectory=\"PreserveNewest\" /> item in SomeForum.Tests.csproj.",
                FilePath);
        }
        return File.ReadAllLines(FilePath, Encoding.UTF8);
    }

    /// <summary>Undoes the file's escapes: \n \t \r \\ and \x{HHHH}; any other backslash stays as it is.</summary>
    public static string Decode(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var builder = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c != '\\' || i + 1 == line.Length)
            {
                builder.Append(c);
                continue;
            }
            switch (line[i + 1])
            {
                case 'n': builder.Append('\n'); i++; break;
                case 't': builder.Append('\t'); i++; break;
                case 'r': builder.Append('\r'); i++; break;
                case '\\': builder.Append('\\'); i++; break;
                case 'x' when TryReadCodePoint(line, i + 2, out var codePoint, out var end):
                    builder.Append(char.ConvertFromUtf32(codePoint));
                    i = end;
                    break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    // Reads "{HHHH}" at start; end is the index of the closing brace.
    private static bool TryReadCodePoint(string line, int start, out int codePoint, out int end)
    {
        codePoint = 0;
        end = start < line.Length && line[start] == '{' ? line.IndexOf('}', start) : -1;
        return end > start + 1
            && int.TryParse(line.AsSpan(start + 1, end - start - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint)
            && codePoint <= 0x10FFFF
            && codePoint is < 0xD800 or > 0xDFFF;
    }

    private static List<XssVector> Load()
    {
        var vectors = new List<XssVector>();
        var category = "";
        var lines = ReadLines();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith(CategoryPrefix, StringComparison.Ordinal))
            {
                category = line[CategoryPrefix.Length..].Trim().Split(' ')[0];
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            vectors.Add(new XssVector(i + 1, category, Decode(line)));
        }
        return vectors;
    }
}
