using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace SomeForum.Web.Seeding;

/// <summary>A WordPress export (WXR) as read from its file, before anything is decided about it.</summary>
public sealed record WxrFile(string Version, string? SiteUrl, string? Title, IReadOnlyList<WxrItem> Items, IReadOnlyDictionary<string, string> AuthorNames);

/// <summary>One <c>&lt;item&gt;</c>: a post, a page, or something else WordPress keeps as a post (attachments, menu items).</summary>
public sealed record WxrItem
{
    public required int Line { get; init; }
    public required long PostId { get; init; }
    public required string PostType { get; init; }
    public required string Status { get; init; }
    public string Title { get; init; } = "";
    public string? PostName { get; init; }
    public string? Creator { get; init; }
    public string Content { get; init; } = "";
    public DateTime? DateGmt { get; init; }
    public string? Password { get; init; }
    public bool CommentsOpen { get; init; } = true;
    public bool PingsOpen { get; init; } = true;
    public IReadOnlyList<WxrComment> Comments { get; init; } = [];

    /// <summary>This forum's own <c>wp:postmeta</c> (<see cref="WxrMeta"/>), present when the file is a SomeForum export.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = WxrMeta.None;
}

public sealed record WxrComment
{
    public required long Id { get; init; }
    public long ParentId { get; init; }
    public string Author { get; init; } = "";
    public string? Email { get; init; }
    public string? Url { get; init; }
    public string? Ip { get; init; }
    public DateTime? DateGmt { get; init; }
    public string Content { get; init; } = "";
    public string Approved { get; init; } = "1";
    public string Type { get; init; } = "";

    /// <summary>This forum's own <c>wp:commentmeta</c> (<see cref="WxrMeta"/>).</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = WxrMeta.None;
}

/// <summary>
/// Streams a WXR 1.0, 1.1 or 1.2 file with <see cref="XmlReader"/>: no DTD, no external entity, nothing fetched.
/// The wp and excerpt namespaces are recognised by their versioned URIs (http or https, as WordPress.com writes them).
/// Either the whole file is read, or an <see cref="ImportFormatException"/> names where it went wrong.
/// </summary>
public static partial class WxrReader
{
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    [GeneratedRegex(@"^https?://wordpress\.org/export/1\.[0-2]/$")]
    private static partial Regex WpNamespace();

    [GeneratedRegex(@"^1\.[0-2]$")]
    private static partial Regex KnownVersion();

    public static WxrFile Read(Stream stream, string file)
    {
        using var reader = ImportXml.Open(stream);
        try
        {
            return ReadDocument(reader, (IXmlLineInfo)reader, file);
        }
        catch (XmlException e)
        {
            throw ImportXml.Refusal(e, stream, file, "a WordPress export");
        }
    }

    private static WxrFile ReadDocument(XmlReader reader, IXmlLineInfo info, string file)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "rss" || reader.NamespaceURI.Length != 0)
        {
            throw Refuse(info, file, $"<{reader.Name}> where an export begins with <rss>: not a WordPress export (WXR)");
        }
        string? version = null, siteUrl = null, blogUrl = null, link = null, title = null;
        var items = new List<WxrItem>();
        var authors = new Dictionary<string, string>(StringComparer.Ordinal);
        var sawChannel = false;
        if (reader.IsEmptyElement) throw Refuse(info, file, "an empty <rss>: not a WordPress export (WXR)");
        reader.Read();
        while (MoveToNextElement(reader))
        {
            if (reader.LocalName != "channel" || reader.NamespaceURI.Length != 0)
            {
                throw Refuse(info, file, $"<{reader.Name}> where <channel> was expected: not a WordPress export (WXR)");
            }
            sawChannel = true;
            if (reader.IsEmptyElement) { reader.Read(); continue; }
            reader.Read();
            while (MoveToNextElement(reader))
            {
                var isWp = WpNamespace().IsMatch(reader.NamespaceURI);
                switch (reader.LocalName)
                {
                    case "item" when reader.NamespaceURI.Length == 0:
                        items.Add(ReadItem(reader, info, file));
                        break;
                    case "wxr_version" when isWp:
                        var (line, column) = (info.LineNumber, info.LinePosition);
                        version = reader.ReadElementContentAsString().Trim();
                        if (!KnownVersion().IsMatch(version))
                        {
                            throw new ImportFormatException(file, line, column, $"WXR version '{version}' is not one this importer reads (1.0, 1.1, 1.2)");
                        }
                        break;
                    case "author" when isWp:
                        ReadAuthor(reader, authors);
                        break;
                    case "base_site_url" when isWp:
                        siteUrl = reader.ReadElementContentAsString().Trim();
                        break;
                    case "base_blog_url" when isWp:
                        blogUrl = reader.ReadElementContentAsString().Trim();
                        break;
                    case "link" when reader.NamespaceURI.Length == 0:
                        link = reader.ReadElementContentAsString().Trim();
                        break;
                    case "title" when reader.NamespaceURI.Length == 0:
                        title = reader.ReadElementContentAsString().Trim();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (version is null) throw Refuse(info, file, "no <wp:wxr_version> in <channel>: not a WordPress export (WXR)");
            reader.Read();
        }
        if (!sawChannel) throw Refuse(info, file, "no <channel>: not a WordPress export (WXR)");
        // Reading to the end is what proves the file well-formed: a fault after the channel refuses it too.
        while (reader.Read()) { }
        var site = new[] { blogUrl, siteUrl, link }.FirstOrDefault(u => !string.IsNullOrEmpty(u));
        return new WxrFile(version!, site, title, items, authors);
    }

    /// <summary>An author's login (what an item's dc:creator names) and the name shown for it.</summary>
    private static void ReadAuthor(XmlReader reader, Dictionary<string, string> authors)
    {
        string? login = null, display = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToNextElement(reader))
            {
                switch (reader.LocalName)
                {
                    case "author_login": login = Text(reader).Trim(); break;
                    case "author_display_name": display = Text(reader).Trim(); break;
                    default: reader.Skip(); break;
                }
            }
        }
        reader.Read();
        if (!string.IsNullOrEmpty(login) && !string.IsNullOrEmpty(display)) authors[login] = display;
    }

    private static WxrItem ReadItem(XmlReader reader, IXmlLineInfo info, string file)
    {
        var (line, column) = (info.LineNumber, info.LinePosition);
        long? postId = null;
        string postType = "post", status = "publish", title = "", content = "";
        string? postName = null, creator = null, password = null;
        DateTime? dateGmt = null;
        bool commentsOpen = true, pingsOpen = true;
        var comments = new List<WxrComment>();
        Dictionary<string, string>? meta = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToNextElement(reader))
            {
                var ns = reader.NamespaceURI;
                var isWp = WpNamespace().IsMatch(ns);
                switch (reader.LocalName)
                {
                    case "title" when ns.Length == 0: title = Text(reader).Trim(); break;
                    case "creator" when ns == DcNs: creator = Text(reader).Trim(); break;
                    case "encoded" when ns == ContentNs: content = Text(reader); break;
                    case "post_id" when isWp: postId = Number(reader, info, file, "wp:post_id"); break;
                    case "post_type" when isWp: postType = Text(reader).Trim(); break;
                    case "status" when isWp: status = Text(reader).Trim(); break;
                    case "post_name" when isWp: postName = Text(reader).Trim(); break;
                    case "post_date_gmt" when isWp: dateGmt = Date(Text(reader)); break;
                    case "post_password" when isWp: password = Text(reader).Trim(); break;
                    case "comment_status" when isWp: commentsOpen = Text(reader).Trim() != "closed"; break;
                    case "ping_status" when isWp: pingsOpen = Text(reader).Trim() != "closed"; break;
                    case "comment" when isWp: comments.Add(ReadComment(reader, info, file)); break;
                    case "postmeta" when isWp: ReadMeta(reader, ref meta); break;
                    default: reader.Skip(); break;
                }
            }
        }
        reader.Read();
        if (postId is null) throw new ImportFormatException(file, line, column, "an <item> without <wp:post_id>");
        return new WxrItem
        {
            Line = line,
            PostId = postId.Value,
            PostType = postType,
            Status = status,
            Title = title,
            PostName = string.IsNullOrEmpty(postName) ? null : postName,
            Creator = string.IsNullOrEmpty(creator) ? null : creator,
            Content = content,
            DateGmt = dateGmt,
            Password = string.IsNullOrEmpty(password) ? null : password,
            CommentsOpen = commentsOpen,
            PingsOpen = pingsOpen,
            Comments = comments,
            Meta = meta ?? WxrMeta.None,
        };
    }

    private static WxrComment ReadComment(XmlReader reader, IXmlLineInfo info, string file)
    {
        var (line, column) = (info.LineNumber, info.LinePosition);
        long? id = null;
        long parent = 0;
        string author = "", content = "", approved = "1", type = "";
        string? email = null, url = null, ip = null;
        DateTime? dateGmt = null;
        Dictionary<string, string>? meta = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToNextElement(reader))
            {
                if (!WpNamespace().IsMatch(reader.NamespaceURI))
                {
                    reader.Skip();
                    continue;
                }
                switch (reader.LocalName)
                {
                    case "comment_id": id = Number(reader, info, file, "wp:comment_id"); break;
                    case "comment_parent": parent = Number(reader, info, file, "wp:comment_parent") ?? 0; break;
                    case "comment_author": author = Text(reader).Trim(); break;
                    case "comment_author_email": email = Empty(Text(reader)); break;
                    case "comment_author_url": url = Empty(Text(reader)); break;
                    case "comment_author_IP": ip = Empty(Text(reader)); break;
                    case "comment_date_gmt": dateGmt = Date(Text(reader)); break;
                    case "comment_content": content = Text(reader); break;
                    case "comment_approved": approved = Text(reader).Trim(); break;
                    case "comment_type": type = Text(reader).Trim(); break;
                    case "commentmeta": ReadMeta(reader, ref meta); break;
                    default: reader.Skip(); break;
                }
            }
        }
        reader.Read();
        if (id is null) throw new ImportFormatException(file, line, column, "a <wp:comment> without <wp:comment_id>");
        return new WxrComment
        {
            Id = id.Value,
            ParentId = parent,
            Author = author,
            Email = email,
            Url = url,
            Ip = ip,
            DateGmt = dateGmt,
            Content = content,
            Approved = approved,
            Type = type,
            Meta = meta ?? WxrMeta.None,
        };

        static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>A <c>wp:postmeta</c> or <c>wp:commentmeta</c>: kept only when it is one of this forum's own keys (WordPress's are not used).</summary>
    private static void ReadMeta(XmlReader reader, ref Dictionary<string, string>? meta)
    {
        string? key = null, value = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToNextElement(reader))
            {
                switch (reader.LocalName)
                {
                    case "meta_key" when WpNamespace().IsMatch(reader.NamespaceURI): key = Text(reader).Trim(); break;
                    case "meta_value" when WpNamespace().IsMatch(reader.NamespaceURI): value = Text(reader); break;
                    default: reader.Skip(); break;
                }
            }
        }
        reader.Read();
        if (key is not null && value is not null && WxrMeta.IsOurs(key)) (meta ??= new(StringComparer.Ordinal))[key] = value;
    }

    private static bool MoveToNextElement(XmlReader reader) => ImportXml.MoveToNextElement(reader);

    // Text and CDATA sections alike, however they are split.
    private static string Text(XmlReader reader) => reader.ReadElementContentAsString();

    private static long? Number(XmlReader reader, IXmlLineInfo info, string file, string name)
    {
        var (line, column) = (info.LineNumber, info.LinePosition);
        var text = Text(reader).Trim();
        if (text.Length == 0) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ImportFormatException(file, line, column, $"<{name}> '{text}' is not a number");
    }

    /// <summary>WordPress's GMT dates ("2013-03-14 15:01:21"); its "0000-00-00 00:00:00" means none.</summary>
    private static DateTime? Date(string text) =>
        DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    private static ImportFormatException Refuse(IXmlLineInfo info, string file, string problem) =>
        new(file, info.LineNumber, info.LinePosition, problem);
}
