using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace SomeForum.Web.Search;

/// <summary>
/// A result's excerpt with the searched words marked, made here for both databases: the text is cut into words the
/// way <see cref="SearchTerms"/> cuts the query, every piece of it is HTML-encoded, and only our own
/// <c>&lt;mark&gt;</c> tags go out unencoded. Nothing a writer typed (or the store holds) can become markup.
/// </summary>
public static class Highlighter
{
    public const int ExcerptLength = 280;
    private const int Lead = 60;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Up to <see cref="ExcerptLength"/> characters of <paramref name="text"/> around its first searched word (from
    /// the start when none shows: a word found in a link's address), each searched word marked.
    /// </summary>
    public static HtmlString Excerpt(string text, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var matches = SearchTerms.Spans(text)
            .Where(s => words.Contains(text.Substring(s.Start, s.Length).ToLowerInvariant(), StringComparer.Ordinal))
            .ToList();
        var start = matches.Count == 0 ? 0 : WordStartBefore(text, Math.Max(0, matches[0].Start - Lead));
        var end = Math.Min(text.Length, start + ExcerptLength);
        // Never cut a marked word, nor a surrogate pair, in two.
        foreach (var (s, length) in matches) if (s < end && s + length > end) end = s + length;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;

        var html = new StringBuilder();
        if (start > 0) html.Append('…');
        var at = start;
        foreach (var (s, length) in matches.Where(m => m.Start >= start && m.Start < end))
        {
            html.Append(Encoder.Encode(text[at..s])).Append("<mark>").Append(Encoder.Encode(text.Substring(s, length))).Append("</mark>");
            at = s + length;
        }
        html.Append(Encoder.Encode(text[at..end]));
        if (end < text.Length) html.Append('…');
        return new HtmlString(html.ToString());
    }

    /// <summary>Back to the start of the word at <paramref name="index"/>, a little way at most (text without spaces has no word starts).</summary>
    private static int WordStartBefore(string text, int index)
    {
        for (var back = 0; back < 20 && index > 0; back++, index--)
        {
            if (char.IsWhiteSpace(text[index - 1])) return index;
        }
        return index > 0 && char.IsLowSurrogate(text[index]) ? index - 1 : index;
    }
}
