namespace SomeForum.Web.Seeding;

/// <summary>A blog post as its page showed it: title, body paragraphs, and the comment list.</summary>
public sealed record SeedDocument(
    string Title,
    string Body,
    string? Slug,
    string? Author,
    DateTime? PublishedAt,
    IReadOnlyList<SeedEntry> Entries);

public enum SeedEntryKind
{
    Comment,
    Pingback,
}

/// <summary>One entry of the comment list, with its replies in page order.</summary>
public sealed record SeedEntry(
    int Line,
    int? Number,
    SeedEntryKind Kind,
    string Author,
    DateTime? Date,
    string Body,
    string? SourceUrl,
    IReadOnlyList<SeedEntry> Replies);

/// <summary>A seed document that cannot be read; nothing of its file may be imported.</summary>
public sealed class SeedFormatException(string file, int line, string problem)
    : Exception($"{file}, line {line}: {problem}")
{
    public string File { get; } = file;
    public int LineNumber { get; } = line;
    public string Problem { get; } = problem;
}
