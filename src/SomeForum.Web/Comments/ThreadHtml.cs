using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using SomeForum.Web.Avatars;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>
/// The comments of a thread as HTML, for every page that shows them (a post's page, the reply page). Razor keeps a
/// page with a layout whole in memory until its end; this content is the exception it writes asynchronously, straight
/// to the response, when the page is sent. Flushed every <see cref="CommentsPerFlush"/> comments, a page of 10,000
/// comments is never held whole in memory, and writing markup directly costs a fraction of a Razor view per comment.
/// Every text from a reader or another site is encoded with the app's encoder; comment bodies are the renderer's
/// sanitized HTML.
/// </summary>
public sealed class ThreadHtml(IReadOnlyList<CommentNode> nodes, ThreadView thread, CommentAvatars avatars, HtmlEncoder appEncoder)
    : IHtmlAsyncContent
{
    private const int CommentsPerFlush = 100;

    private readonly IAsyncEnumerable<CommentNode>? streamed;

    /// <summary>A page of the thread, its threads in memory or <see cref="ThreadPage.Streamed"/> from the database.</summary>
    public ThreadHtml(ThreadPage page, ThreadView thread, CommentAvatars avatars, HtmlEncoder appEncoder)
        : this(page.Threads, thread, avatars, appEncoder) => streamed = page.Streamed;

    public async ValueTask WriteToAsync(TextWriter writer)
    {
        var words = new Words(appEncoder);
        var written = 0;
        if (streamed is null)
        {
            foreach (var _ in Comments(writer, nodes, words))
            {
                if (++written % CommentsPerFlush == 0) await writer.FlushAsync();
            }
            return;
        }
        await foreach (var root in streamed)
        {
            foreach (var _ in Comments(writer, [root], words))
            {
                if (++written % CommentsPerFlush == 0) await writer.FlushAsync();
            }
        }
    }

    // Razor writes this content asynchronously; a caller that cannot gets the threads in memory, never a streamed page.
    // Written with the app's own encoder, whichever the caller names, like the rest of the page.
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (streamed is not null) throw new NotSupportedException("A streamed thread is written only asynchronously.");
        var words = new Words(appEncoder);
        foreach (var _ in Comments(writer, nodes, words))
        {
        }
    }

    /// <summary>Writes the comments depth-first, yielding after each so the caller can flush between them.</summary>
    private IEnumerable<long> Comments(TextWriter w, IReadOnlyList<CommentNode> level, Words words)
    {
        foreach (var node in level)
        {
            var c = node.Comment;
            var isNew = thread.IsNew(c);
            w.Write("<li id=\"comment-");
            Number(w, c.Id);
            w.Write("\" class=\"comment depth-");
            Number(w, c.Depth + 1);
            if (c.Kind != CommentKind.Comment) w.Write(" pingback");
            if (!c.IsVisible) w.Write(" removed");
            if (c.AwaitingModeration) w.Write(" awaiting");
            if (isNew) w.Write(" new");
            w.Write('"');
            if (node.Number is { } number)
            {
                w.Write(" value=\"");
                Number(w, number);
                w.Write('"');
            }
            // The same for every reader, so the page stays cached; the reader's browser marks what is new (new-since.js).
            if (c.IsVisible && c.CreatedAt is { } received)
            {
                w.Write(" data-received=\"");
                Number(w, NewSince.Stamp(received));
                w.Write('"');
            }
            w.Write(">\n");

            if (!c.IsVisible) Removed(w, words);
            else if (c.Kind != CommentKind.Comment) Mention(w, c, isNew, words);
            else Entry(w, node, isNew, words);
            yield return c.Id;

            if (node.Replies.Count > 0)
            {
                // Collapsing a thread is the browser's own disclosure widget: no script, nothing remembered.
                w.Write("<details class=\"replies\" open><summary>");
                Text(w, Texts.Count(Shown(node.Replies), "reply"));
                if (c.IsVisible && c.AuthorName.Length > 0)
                {
                    w.Write("<span class=\"visually-hidden\"> ");
                    Text(w, Strings.Format("Thread.RepliesTo", c.AuthorName));
                    w.Write("</span>");
                }
                w.Write("</summary>\n<ul class=\"children\">\n");
                foreach (var id in Comments(w, node.Replies, words)) yield return id;
                w.Write("</ul>\n</details>\n");
            }
            w.Write("</li>\n");
        }
    }

    private static void Removed(TextWriter w, Words words)
    {
        w.Write("<p class=\"comment-removed\">");
        w.Write(words.Removed);
        w.Write("</p>\n");
    }

    private void Mention(TextWriter w, CommentRow c, bool isNew, Words words)
    {
        var kind = c.Kind == CommentKind.Pingback ? words.Pingback : words.Mention;
        w.Write("<article class=\"comment-entry\" aria-label=\"");
        w.Write(kind);
        w.Write("\">\n<p class=\"pingback-line\">\n");
        Avatar(w, c);
        w.Write(kind);
        w.Write(":\n");
        if (SafeUrl.IsHttp(c.SourceUrl))
        {
            w.Write("<a href=\"");
            Text(w, c.SourceUrl);
            w.Write("\" rel=\"nofollow ugc\">");
            Text(w, c.SourceTitle ?? c.AuthorName);
            w.Write("</a>\n");
        }
        else
        {
            w.Write("<span class=\"pingback-title\">");
            Text(w, c.SourceTitle ?? c.AuthorName);
            w.Write("</span>\n");
        }
        if (c.CreatedAt is not null)
        {
            w.Write("<span class=\"meta\">· ");
            Permalink(w, c.Id, c.CreatedAt);
            w.Write("</span>\n");
        }
        if (isNew) NewBadge(w, words);
        w.Write("</p>\n");
        if (!string.IsNullOrEmpty(c.Html))
        {
            w.Write("<div class=\"comment-body\">");
            w.Write(c.Html);
            w.Write("</div>\n");
        }
        w.Write("</article>\n");
    }

    private void Entry(TextWriter w, CommentNode node, bool isNew, Words words)
    {
        var c = node.Comment;
        w.Write("<article class=\"comment-entry\" aria-labelledby=\"comment-");
        Number(w, c.Id);
        w.Write("-author\">\n<header class=\"comment-meta\">\n");
        Avatar(w, c);
        w.Write("<span class=\"comment-author\" id=\"comment-");
        Number(w, c.Id);
        w.Write("-author\">");
        if (SafeUrl.IsHttp(c.AuthorUrl))
        {
            w.Write("<a href=\"");
            Text(w, c.AuthorUrl);
            w.Write("\" rel=\"nofollow ugc\">");
            Text(w, c.AuthorName);
            w.Write("</a>");
        }
        else
        {
            Text(w, c.AuthorName);
        }
        w.Write("</span>\n");
        if (thread.ByPostAuthor(c))
        {
            w.Write("<span class=\"badge\">");
            w.Write(words.Author);
            w.Write("</span>\n");
        }
        if (c.ByStaff)
        {
            w.Write("<span class=\"badge staff\">");
            w.Write(words.Staff);
            w.Write("</span>\n");
        }
        w.Write("· ");
        Permalink(w, c.Id, c.CreatedAt);
        w.Write('\n');
        if (c.EditedAt is { } edited)
        {
            w.Write("<span class=\"edited\">· ");
            w.Write(words.Edited);
            w.Write(' ');
            Dates.Html(edited).WriteTo(w, appEncoder);
            w.Write("</span>\n");
        }
        if (c.RepliesToId is { } answered && node.RepliesToAuthor is { } answeredAuthor)
        {
            w.Write("<span class=\"in-reply-to\">· ");
            w.Write(words.InReplyTo);
            w.Write(" <a href=\"");
            Text(w, thread.Permalink(answered));
            w.Write("\">");
            Text(w, answeredAuthor);
            w.Write("</a></span>\n");
        }
        if (isNew) NewBadge(w, words);
        w.Write("</header>\n");
        if (c.AwaitingModeration)
        {
            w.Write("<p class=\"awaiting-moderation\" role=\"status\">");
            w.Write(words.AwaitingModeration);
            w.Write("</p>\n");
        }
        w.Write("<div class=\"comment-body\">");
        w.Write(c.Html);
        w.Write("</div>\n");
        if (thread.OfferFor(c.Id) is { } offer)
        {
            w.Write("<p class=\"own-comment\">\n<a class=\"edit-own\" href=\"");
            Text(w, offer.EditUrl);
            w.Write("\">");
            w.Write(words.EditOwn);
            w.Write(" (");
            w.Write(words.Until);
            w.Write(' ');
            Dates.Clock(offer.EditableUntil).WriteTo(w, appEncoder);
            w.Write(")</a>\n· <a class=\"own-data\" href=\"");
            Text(w, offer.DataUrl);
            w.Write("\">");
            w.Write(words.OwnData);
            w.Write("</a>\n</p>\n");
        }
        if (c.Status == CommentStatus.Approved)
        {
            w.Write("<p class=\"comment-actions\">\n");
            if (thread.CanReply)
            {
                w.Write("<a class=\"reply-link\" href=\"");
                Text(w, thread.ReplyUrl(c.Id));
                w.Write("\" data-reply-to=\"");
                Number(w, c.Id);
                w.Write("\" data-author=\"");
                Text(w, c.AuthorName);
                w.Write("\" aria-label=\"");
                Text(w, Strings.Format("Thread.ReplyLabel", c.AuthorName));
                w.Write("\">");
                w.Write(words.Reply);
                w.Write("</a>\n");
            }
            w.Write("<a class=\"report-link\" href=\"");
            Text(w, ForumUrls.Report(c.Id));
            w.Write("\" rel=\"nofollow\" aria-label=\"");
            Text(w, Strings.Format("Thread.ReportLabel", c.AuthorName));
            w.Write("\">");
            w.Write(words.Report);
            w.Write("</a>\n</p>\n");
        }
        w.Write("</article>\n");
    }

    private void Avatar(TextWriter w, CommentRow c)
    {
        w.Write("<img class=\"avatar\" src=\"");
        Text(w, avatars.UrlFor(c));
        w.Write("\" alt=\"\" width=\"32\" height=\"32\" loading=\"lazy\" decoding=\"async\" />\n");
    }

    private void Permalink(TextWriter w, long id, DateTime? date)
    {
        w.Write("<a class=\"permalink\" href=\"");
        Text(w, thread.Permalink(id));
        w.Write("\">");
        Dates.Html(date).WriteTo(w, appEncoder);
        w.Write("</a>");
    }

    private static void NewBadge(TextWriter w, Words words)
    {
        w.Write("<span class=\"new-badge\">");
        w.Write(words.New);
        w.Write("</span>\n");
    }

    private void Text(TextWriter w, string? text)
    {
        if (!string.IsNullOrEmpty(text)) appEncoder.Encode(w, text);
    }

    private static void Number(TextWriter w, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        w.Write(digits[..length]);
    }

    /// <summary>The replies a reader sees below a comment, however deep.</summary>
    private static int Shown(IReadOnlyList<CommentNode> replies) =>
        replies.Sum(n => (n.Comment.IsVisible ? 1 : 0) + Shown(n.Replies));

    /// <summary>
    /// The interface's words, looked up and encoded once a page rather than once a comment (the resources are ours,
    /// but encoded all the same: a translation may hold an ampersand).
    /// </summary>
    private sealed class Words(HtmlEncoder encoder)
    {
        public string Removed { get; } = encoder.Encode(Strings.Get("Thread.Removed"));
        public string Pingback { get; } = encoder.Encode(Strings.Get("Thread.Pingback"));
        public string Mention { get; } = encoder.Encode(Strings.Get("Thread.Mention"));
        public string Author { get; } = encoder.Encode(Strings.Get("Thread.Author"));
        public string Staff { get; } = encoder.Encode(Strings.Get("Thread.Staff"));
        public string Edited { get; } = encoder.Encode(Strings.Get("Thread.Edited"));
        public string InReplyTo { get; } = encoder.Encode(Strings.Get("Thread.InReplyTo"));
        public string New { get; } = encoder.Encode(Strings.Get("Thread.New"));
        public string AwaitingModeration { get; } = encoder.Encode(Strings.Get("Thread.AwaitingModeration"));
        public string EditOwn { get; } = encoder.Encode(Strings.Get("Thread.EditOwn"));
        public string Until { get; } = encoder.Encode(Strings.Get("Thread.Until"));
        public string OwnData { get; } = encoder.Encode(Strings.Get("Thread.OwnData"));
        public string Reply { get; } = encoder.Encode(Strings.Get("Thread.Reply"));
        public string Report { get; } = encoder.Encode(Strings.Get("Thread.Report"));
    }
}
