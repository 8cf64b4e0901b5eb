using System.Globalization;

namespace SomeForum.Web.Search;

/// <summary>
/// What a reader typed, read as plain words and nothing else: no operator, quote, prefix star or column filter of
/// either database's query language survives, so no input can make a query fail or cost more than its words.
/// A word is a run of letters and numbers (and private-use characters), as SQLite's unicode61 tokenizer cuts text.
/// </summary>
public sealed record SearchTerms(IReadOnlyList<string> Words, string? Problem)
{
    public const int MaxLength = 200;
    public const int MaxWords = 8;
    public const int MaxWordLength = 64;

    public bool CanSearch => Problem is null && Words.Count > 0;

    public static SearchTerms Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return new([], null);
        if (input.Length > MaxLength) return new([], Site.Strings.Format("Search.TooLong", MaxLength));
        var words = WordsOf(input).Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return new([], Site.Strings.Get("Search.NoWords"));
        if (words.Count > MaxWords) return new([], Site.Strings.Format("Search.TooManyWords", MaxWords));
        if (words.Any(w => w.Length > MaxWordLength)) return new([], Site.Strings.Format("Search.WordTooLong", MaxWordLength));
        return new(words, null);
    }

    /// <summary>For FTS5: each word quoted (a phrase of one token), all of them required.</summary>
    public string Fts5Query => string.Join(' ', Words.Select(w => $"\"{w}\""));

    /// <summary>For PostgreSQL's plainto_tsquery: the words alone, all of them required.</summary>
    public string PlainWords => string.Join(' ', Words);

    /// <summary>Runs of word characters with where each starts, for the highlighter to cut text exactly as here.</summary>
    public static IEnumerable<(int Start, int Length)> Spans(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var inWord = IsWordChar(text, i);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
            // The low half of a surrogate pair belongs to the character its high half began.
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length) i++;
        }
        if (start >= 0) yield return (start, text.Length - start);
    }

    private static IEnumerable<string> WordsOf(string text) => Spans(text).Select(s => text.Substring(s.Start, s.Length));

    private static bool IsWordChar(string text, int i) => CharUnicodeInfo.GetUnicodeCategory(text, i) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}
