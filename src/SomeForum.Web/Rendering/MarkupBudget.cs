namespace SomeForum.Web.Rendering;

/// <summary>
/// How much markup the renderer takes, checked in one pass before Markdig parses. Markdig's time grows with the square
/// of some constructs within a paragraph (unclosed links such as <c>[a](</c> repeated, long runs of emphasis
/// delimiters) and with the nesting it opens at a line's start (<c>- - - - a</c>), so text within the length limits
/// could cost seconds of CPU; and the sanitizer's time grows with the elements made, up to one a line. Bounding the
/// delimiters a paragraph and a text may hold, the containers a line may open and the lines outside code bounds the
/// work; real writing stays far inside (a long post with a few hundred links and emphases, a few hundred lines).
/// Delimiters inside fenced code blocks do not count; an underscore inside a word (snake_case) is no delimiter.
/// </summary>
public static class MarkupBudget
{
    public const int MaxLineNesting = 16;
    public const int MaxLines = 5_000;
    public const int MaxDelimitersPerParagraph = 500;
    public const int MaxDelimiters = 2_000;

    /// <summary>Why the text is refused, in words for its writer; null when it is within the budget.</summary>
    public static string? Problem(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        int total = 0, paragraph = 0, fenceLength = 0, lines = 0;
        var fence = '\0';
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan(range).TrimEnd('\r');
            var start = line.Length - line.TrimStart(' ').Length;
            if (start <= 3 && FenceRun(line[start..]) is { Length: >= 3 } run)
            {
                if (fence == '\0')
                {
                    (fence, fenceLength) = (run[0], run.Length);
                    continue;
                }
                if (run[0] == fence && run.Length >= fenceLength && line[(start + run.Length)..].IsWhiteSpace())
                {
                    fence = '\0';
                    continue;
                }
            }
            if (fence != '\0') continue;
            if (line.IsWhiteSpace())
            {
                paragraph = 0;
                continue;
            }
            if (++lines > MaxLines)
            {
                return Site.Strings.Format("Markup.TooManyLines", MaxLines);
            }
            if (OpenedContainers(line) > MaxLineNesting) return UnrenderableTextException.TooDeep;
            var delimiters = Delimiters(line);
            paragraph += delimiters;
            total += delimiters;
            if (paragraph > MaxDelimitersPerParagraph)
            {
                return Site.Strings.Format("Markup.TooMuchInParagraph", MaxDelimitersPerParagraph);
            }
            if (total > MaxDelimiters)
            {
                return Site.Strings.Format("Markup.TooMuch", MaxDelimiters);
            }
        }
        return null;
    }

    // A line of three or more backticks or tildes opens or closes a fenced code block.
    private static ReadOnlySpan<char> FenceRun(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || line[0] is not ('`' or '~')) return [];
        var length = 1;
        while (length < line.Length && line[length] == line[0]) length++;
        return line[..length];
    }

    // Block quotes and list items opened at the start of the line, as Markdig will open them.
    private static int OpenedContainers(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i >= line.Length) return depth;
            if (line[i] == '>')
            {
                depth++;
                i++;
                continue;
            }
            if (line[i] is '-' or '*' or '+' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t'))
            {
                depth++;
                i++;
                continue;
            }
            var digits = 0;
            while (i + digits < line.Length && digits < 10 && char.IsAsciiDigit(line[i + digits])) digits++;
            var after = i + digits;
            if (digits > 0 && after < line.Length && line[after] is '.' or ')' && (after + 1 == line.Length || line[after + 1] is ' ' or '\t'))
            {
                depth++;
                i = after + 1;
                continue;
            }
            return depth;
        }
    }

    private static int Delimiters(ReadOnlySpan<char> line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '[' or '*' or '~':
                    count++;
                    break;
                // Between two letters or digits an underscore neither opens nor closes emphasis (CommonMark).
                case '_' when !(i > 0 && char.IsLetterOrDigit(line[i - 1]) && i + 1 < line.Length && char.IsLetterOrDigit(line[i + 1])):
                    count++;
                    break;
            }
        }
        return count;
    }
}
