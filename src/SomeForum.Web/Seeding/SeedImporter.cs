using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Seeding;

public enum SeedImportOutcome
{
    Imported,
    AlreadyImported,
}

public sealed record SeedImportResult(string File, SeedImportOutcome Outcome, string? Slug, int Entries);

/// <summary>
/// Stores a seed document as a post with its thread. A file is imported whole or not at all,
/// and only once: its name is the post's import key.
/// </summary>
public sealed class SeedImporter(
    ForumDb db, ThreadWrites writes, CommentPipeline comments, MarkdownRenderer renderer, TimeProvider clock, ILogger<SeedImporter> log)
{
    /// <param name="progressFor">Given how many entries the file has, where to report how many are stored.</param>
    public async Task<SeedImportResult> ImportFileAsync(string path, Func<int, IProgress<int>>? progressFor, CancellationToken ct)
    {
        var key = Path.GetFileName(path);
        var existing = await db.Posts.AsNoTracking().Where(p => p.ImportKey == key).Select(p => p.Slug).FirstOrDefaultAsync(ct);
        if (existing is not null) return new SeedImportResult(key, SeedImportOutcome.AlreadyImported, existing, 0);
        var document = SeedDocumentParser.Parse(await File.ReadAllTextAsync(path, ct), key);
        return await ImportAsync(document, key, progressFor?.Invoke(Count(document.Entries)), ct);

        static int Count(IReadOnlyList<SeedEntry> entries) => entries.Sum(e => 1 + Count(e.Replies));
    }

    /// <summary>Stores a document as a new post under <paramref name="key"/>, its thread through the comment pipeline's import.</summary>
    public async Task<SeedImportResult> ImportAsync(SeedDocument document, string key, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var slug = document.Slug ?? Slug.FromTitle(document.Title);
        if (await db.Posts.AnyAsync(p => p.Slug == slug, ct))
        {
            throw new SeedFormatException(key, 1, $"a post with the slug '{slug}' exists already; give this file another slug in its header");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = await writes.BeginAsync(ct);
        var post = new Post
        {
            Slug = slug,
            Title = document.Title,
            Source = document.Body,
            Html = renderer.ToHtml(document.Body, TextKind.Post),
            Excerpt = renderer.ToExcerpt(document.Body, PostLimits.ExcerptCut),
            AuthorName = document.Author,
            PublishedAt = document.PublishedAt,
            Status = PostStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
            ImportKey = key,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        // The thread's import announces the new post, with its comments, as one change.
        var count = await comments.ImportThreadsAsync(post.Id, [.. document.Entries.Select(ToImported)], progress, ct);
        await scope.CommitAsync(ct);
        db.ChangeTracker.Clear();

        SeedingLog.Imported(log, key, slug, count);
        return new SeedImportResult(key, SeedImportOutcome.Imported, slug, count);
    }

    private static ImportedEntry ToImported(SeedEntry entry)
    {
        var isPingback = entry.Kind == SeedEntryKind.Pingback;
        return new ImportedEntry(new CommentSubmission
        {
            PostId = 0,
            Kind = isPingback ? CommentKind.Pingback : CommentKind.Comment,
            AuthorName = entry.Author,
            Text = entry.Body,
            WrittenAt = entry.Date,
            WrittenAtUnknown = entry.Date is null,
            SourceUrl = entry.SourceUrl,
            SourceTitle = isPingback ? entry.Author : null,
        }, [.. entry.Replies.Select(ToImported)]);
    }
}

internal static partial class SeedingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File} as /posts/{Slug} with {Entries} entries")]
    public static partial void Imported(ILogger logger, string file, string slug, int entries);


    [LoggerMessage(Level = LogLevel.Error, Message = "Seed not imported: {Problem}")]
    public static partial void NotImported(ILogger logger, string problem);
}
