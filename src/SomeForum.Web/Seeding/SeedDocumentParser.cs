using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SomeForum.Web.Seeding;

/// <summary>
/// Reads a post as its page shows it. After the title and the post's paragraphs comes the comment
/// list: <c>N. Author · Date</c> starts a top-level comment, <c>N. Pingback: Title | Site</c> a
/// pingback, <c>• Author · Date</c> a reply to the nearest entry above it that stands at a shallower
/// indentation. The page footer, from "Leave a Reply" on, is not content.
/// An optional header between two <c>---</c> lines gives facts the page does not show
/// (<c>slug</c>, <c>author</c>, <c>published</c>, <c>pingback N</c> with the source's URL).
/// </summary>
public static partial class SeedDocumentParser
{
    private const string FooterLine = "Leave a Reply";
    private static readonly string[] DateFormats = ["MMMM d, yyyy", "MMM d, yyyy", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm"];

    [GeneratedRegex(@"^(?<indent>[ \t]*)(?<number>\d+)\.[ \t]+(?<rest>\S.*?)\s*$")]
    private static partial Regex NumberedEntry();

    [GeneratedRegex(@"^(?<indent>[ \t]*)•[ \t]+(?<rest>\S.*?)\s*$")]
    private static partial Regex ReplyEntry();

    [GeneratedRegex(@"^(?<author>\S.*?)\s+·\s+(?<date>\S.*)$")]
    private static partial Regex AuthorAndDate();

    [GeneratedRegex(@"^Pingback:\s*(?<title>\S.*)$")]
    private static partial Regex Pingback();

    [GeneratedRegex(@"^(?<key>[A-Za-z]+(?:[ \t]+\d+)?)[ \t]*:[ \t]*(?<value>.*?)\s*$")]
    private static partial Regex HeaderField();

    public static SeedDocument Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        // A final newline ends the last line; it does not start another one (line numbers must exist in the file).
        if (normalized.EndsWith('\n')) normalized = normalized[..^1];
        return new Reader(normalized.Split('\n'), fileName).Read();
    }

    private sealed class Reader(string[] lines, string file)
    {
        private readonly Dictionary<int, (string Url, int Line)> pingbackUrls = [];
        private int index;

        private int LineNumber => index + 1;

        public SeedDocument Read()
        {
            var (slug, author, published) = ReadHeader();

            SkipBlankLines();
            if (index >= lines.Length) throw Error(LastLine, "the document has no title line");
            var title = lines[index].Trim();
            if (IsIndented(lines[index]) || NumberedEntry().IsMatch(lines[index]) || ReplyEntry().IsMatch(lines[index]))
            {
                throw Error(LineNumber, "the first line of text must be the post's title, unindented");
            }
            index++;

            var body = ReadPostBody();
            if (body.Length == 0) throw Error(Math.Min(LineNumber, LastLine), "the post has no text between its title and its comments");

            var entries = ReadEntries();
            foreach (var (number, (_, line)) in pingbackUrls)
            {
                if (!entries.Any(e => e.Number == number && e.Kind == SeedEntryKind.Pingback))
                {
                    throw Error(line, entries.Any(e => e.Number == number)
                        ? $"the header gives a URL for pingback {number}, but entry {number} is not a pingback"
                        : $"the header gives a URL for pingback {number}, but there is no entry {number}");
                }
            }
            return new SeedDocument(title, body, slug, author, published, entries);
        }

        private (string? Slug, string? Author, DateTime? Published) ReadHeader()
        {
            if (lines.Length == 0 || lines[0].Trim() != "---") return (null, null, null);
            // Checked first: without its closing line the header would swallow the title and the post,
            // and the problem would be reported as some line of them not being a header field.
            var end = Array.FindIndex(lines, 1, line => line.Trim() == "---");
            if (end < 0) throw Error(1, "the header that starts with '---' on line 1 is never closed by another '---' line");

            string? slug = null, author = null;
            DateTime? published = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (index = 1; index < end; index++)
            {
                var line = lines[index].Trim();
                if (line.Length == 0) continue;
                var field = HeaderField().Match(line);
                if (!field.Success) throw Error(LineNumber, $"'{line}' is not a 'name: value' header line");
                var key = string.Join(' ', field.Groups["key"].Value.ToLowerInvariant().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
                var value = field.Groups["value"].Value;
                if (value.Length == 0) throw Error(LineNumber, $"the header field '{key}' has no value");
                if (!seen.Add(key)) throw Error(LineNumber, $"the header field '{key}' is given twice");
                switch (key)
                {
                    case "slug": slug = value; break;
                    case "author": author = value; break;
                    case "published": published = ParseDate(value, LineNumber); break;
                    default:
                        var parts = key.Split(' ');
                        if (parts is not ["pingback", var n])
                        {
                            throw Error(LineNumber, $"unknown header field '{key}' (known: slug, author, published, pingback N)");
                        }
                        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                        {
                            throw Error(LineNumber, $"'{n}' in the header field '{key}' is not an entry number");
                        }
                        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                        {
                            throw Error(LineNumber, $"'{value}' is not an absolute http or https URL");
                        }
                        if (!pingbackUrls.TryAdd(number, (uri.AbsoluteUri, LineNumber)))
                        {
                            throw Error(LineNumber, $"the header gives a URL for pingback {number} twice");
                        }
                        break;
                }
            }
            index = end + 1;
            return (slug, author, published);
        }

        private string ReadPostBody()
        {
            var paragraphs = new ParagraphBuilder();
            for (; index < lines.Length; index++)
            {
                var line = lines[index];
                if (IsFooter(line) || NumberedEntry().IsMatch(line)) break;
                if (ReplyEntry().IsMatch(line)) throw Error(LineNumber, "a reply ('•') comes before any numbered comment");
                paragraphs.Add(line);
            }
            return paragraphs.ToMarkdown();
        }

        private List<SeedEntry> ReadEntries()
        {
            var roots = new List<EntryBuilder>();
            var open = new List<EntryBuilder>(); // the current entry and its ancestors, shallowest first
            int? listIndent = null;

            for (; index < lines.Length; index++)
            {
                var line = lines[index];
                if (IsFooter(line)) break;
                if (line.Trim().Length == 0)
                {
                    if (open.Count > 0) open[^1].Body.Add(line);
                    continue;
                }

                var indent = Indentation(line);
                var numbered = NumberedEntry().Match(line);
                if (numbered.Success && (listIndent is null || indent == listIndent))
                {
                    listIndent ??= indent;
                    var entry = ReadNumberedEntry(numbered, expected: roots.Count + 1);
                    roots.Add(entry);
                    open.Clear();
                    open.Add(entry);
                    continue;
                }

                var reply = ReplyEntry().Match(line);
                if (reply.Success)
                {
                    while (open.Count > 0 && open[^1].Indent >= indent) open.RemoveAt(open.Count - 1);
                    if (open.Count == 0) throw Error(LineNumber, "this reply is not indented under any comment above it");
                    var (author, date) = ReadAuthorAndDate(reply.Groups["rest"].Value);
                    var entry = new EntryBuilder(LineNumber, indent, null, SeedEntryKind.Comment, author, date, null);
                    open[^1].Replies.Add(entry);
                    open.Add(entry);
                    continue;
                }

                var current = open.Count > 0 ? open[^1] : null;
                if (current is null || indent <= current.Indent)
                {
                    throw Error(LineNumber, current is null
                        ? "text outside any comment"
                        : $"text outside any comment: it must be indented deeper than its comment's line {current.Line}");
                }
                current.Body.Add(line);
            }
            return roots.Select(r => r.Build(this)).ToList();
        }

        private EntryBuilder ReadNumberedEntry(Match numbered, int expected)
        {
            var digits = numbered.Groups["number"].Value;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != expected)
            {
                throw Error(LineNumber, $"expected comment number {expected}, found {digits}");
            }
            var rest = numbered.Groups["rest"].Value;
            var indent = numbered.Groups["indent"].Value.Length;

            var pingback = Pingback().Match(rest);
            if (pingback.Success)
            {
                var url = pingbackUrls.TryGetValue(number, out var source) ? source.Url : null;
                return new EntryBuilder(LineNumber, indent, number, SeedEntryKind.Pingback, pingback.Groups["title"].Value, null, url);
            }
            var (author, date) = ReadAuthorAndDate(rest);
            return new EntryBuilder(LineNumber, indent, number, SeedEntryKind.Comment, author, date, null);
        }

        private (string Author, DateTime Date) ReadAuthorAndDate(string text)
        {
            var match = AuthorAndDate().Match(text);
            if (!match.Success) throw Error(LineNumber, $"expected 'Author · Date' or 'Pingback: Title | Site', found '{text}'");
            return (match.Groups["author"].Value, ParseDate(match.Groups["date"].Value, LineNumber));
        }

        private DateTime ParseDate(string text, int line) =>
            DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
                : throw Error(line, $"'{text}' is not a date like 'December 2, 2013'");

        private void SkipBlankLines()
        {
            while (index < lines.Length && lines[index].Trim().Length == 0) index++;
        }

        public SeedFormatException Error(int line, string problem) => new(file, line, problem);

        /// <summary>The number of the file's last line (1 for an empty file).</summary>
        private int LastLine => Math.Max(1, lines.Length);

        private static bool IsFooter(string line) => !IsIndented(line) && line.Trim() == FooterLine;

        private static bool IsIndented(string line) => line.Length > 0 && char.IsWhiteSpace(line[0]);

        private static int Indentation(string line) => line.Length - line.TrimStart(' ', '\t').Length;
    }

    private sealed class EntryBuilder(int line, int indent, int? number, SeedEntryKind kind, string author, DateTime? date, string? url)
    {
        public int Line { get; } = line;
        public int Indent { get; } = indent;
        public ParagraphBuilder Body { get; } = new();
        public List<EntryBuilder> Replies { get; } = [];

        public SeedEntry Build(Reader reader)
        {
            var body = Body.ToMarkdown();
            if (kind == SeedEntryKind.Comment && body.Length == 0)
            {
                throw reader.Error(Line, $"the comment by {author} has no text");
            }
            return new SeedEntry(Line, number, kind, author, date, body, url, Replies.Select(r => r.Build(reader)).ToList());
        }
    }

    /// <summary>
    /// Collects page lines into Markdown: blank lines part paragraphs; the lines of one paragraph stay
    /// separate lines; the page's text is literal, so characters Markdown would read as markup are escaped.
    /// </summary>
    private sealed class ParagraphBuilder
    {
        private readonly List<List<string>> paragraphs = [[]];

        public void Add(string line)
        {
            if (line.Trim().Length == 0)
            {
                if (paragraphs[^1].Count > 0) paragraphs.Add([]);
                return;
            }
            paragraphs[^1].Add(line.Trim());
        }

        public string ToMarkdown() => string.Join("\n\n", paragraphs
            .Where(p => p.Count > 0)
            .Select(p => string.Join("\n", p.Select(EscapeLiteral))));
    }

    /// <summary>
    /// Makes a line of page text read as itself in Markdown, links excepted: a web address on the page
    /// is a link to itself, its characters kept exactly (an escape inside it would become part of it).
    /// </summary>
    internal static string EscapeLiteral(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var builder = new StringBuilder(line.Length + 8);
        var at = 0;
        foreach (Match address in WebAddress().Matches(line))
        {
            AppendEscaped(builder, line[at..address.Index]);
            at = address.Index + address.Length;
            // The escape of a '<' or '>' right after a bare address would be read as part of it.
            AppendWebAddress(builder, address.Value, followedByAngle: at < line.Length && line[at] is '<' or '>');
        }
        AppendEscaped(builder, line[at..]);
        var escaped = builder.ToString();
        // Markers that would start a heading, list, quote or rule at the start of a line.
        var blockMarker = BlockMarker().Match(escaped);
        return blockMarker.Success ? escaped.Insert(blockMarker.Groups["mark"].Index, "\\") : escaped;
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text, i)) builder.Append('\\');
            builder.Append(text[i]);
        }
    }

    /// <summary>Whether the character at <paramref name="i"/> would be read as Markdown rather than as itself.</summary>
    private static bool NeedsEscape(string text, int i) =>
        text[i] is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '~' or '|'
        || (text[i] == '&' && EntityReference().IsMatch(text, i));

    /// <summary>
    /// A web address that reads as itself needs nothing (the renderer links it as it is); one with
    /// characters Markdown would read is written as an explicit link, and the punctuation after it as text.
    /// </summary>
    private static void AppendWebAddress(StringBuilder builder, string address, bool followedByAngle)
    {
        if (!followedByAngle && !Enumerable.Range(0, address.Length).Any(i => NeedsEscape(address, i)))
        {
            builder.Append(address);
            return;
        }

        // Trailing punctuation is the sentence's, not the address's (a ')' only when it closes nothing in it).
        var end = address.Length;
        while (end > 0)
        {
            var c = address[end - 1];
            var unbalancedParen = c == ')' && address.AsSpan(0, end).Count('(') < address.AsSpan(0, end).Count(')');
            if (!unbalancedParen && !".,:;!?'\"*_~|`]\u2019\u201D".Contains(c, StringComparison.Ordinal)) break;
            end--;
        }
        var link = address[..end];
        if (link.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            // An autolink needs a scheme; this keeps the text as the page shows it.
            builder.Append('[');
            AppendEscaped(builder, link);
            builder.Append("](<http://");
            foreach (var (c, i) in link.Select((c, i) => (c, i)))
            {
                if (c == '\\' || (c == '&' && EntityReference().IsMatch(link, i))) builder.Append('\\');
                builder.Append(c);
            }
            builder.Append(">)");
        }
        else
        {
            // Nothing inside an autolink is read as Markdown: no escapes, no entities.
            builder.Append('<').Append(link).Append('>');
        }
        AppendEscaped(builder, address[end..]);
    }

    /// <summary>An http(s) or www. address standing on its own (not inside a word).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_/])(?:https?://|www\.)[\p{L}\p{N}][^\s<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();

    /// <summary>What Markdown would read as a character reference such as <c>&amp;amp;</c> or <c>&amp;#169;</c>.</summary>
    [GeneratedRegex(@"\G&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")]
    private static partial Regex EntityReference();

    [GeneratedRegex(@"^(?:\d+(?<mark>[.)])(?:\s|$)|(?<mark>[#+\-=])|(?<mark>[*])\s)")]
    private static partial Regex BlockMarker();
}
