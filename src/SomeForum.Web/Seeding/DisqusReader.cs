using System.Globalization;
using System.Xml;

namespace SomeForum.Web.Seeding;

/// <summary>A Disqus export as read from its file, before anything is decided about it.</summary>
public sealed record DisqusFile(string? Forum, int Categories, IReadOnlyList<DisqusThread> Threads, IReadOnlyList<DisqusPost> Posts);

/// <summary>One <c>&lt;thread&gt;</c>: a page the Disqus embed ran on, named by its link.</summary>
public sealed record DisqusThread
{
    public required int Line { get; init; }
    public required long Id { get; init; }

    /// <summary>The identifier the embed code passed (often a URL, or a WordPress post id and URL); may be empty.</summary>
    public string? Identifier { get; init; }
    public string? Link { get; init; }
    public string Title { get; init; } = "";
    public DateTime? CreatedAt { get; init; }
    public string? AuthorName { get; init; }
    public bool IsClosed { get; init; }
    public bool IsDeleted { get; init; }
}

/// <summary>One <c>&lt;post&gt;</c>: a comment, its message HTML as Disqus stored it.</summary>
public sealed record DisqusPost
{
    public required int Line { get; init; }
    public required long Id { get; init; }
    public required long ThreadId { get; init; }

    /// <summary>0 for a top-level comment.</summary>
    public long ParentId { get; init; }
    public string Message { get; init; } = "";
    public DateTime? CreatedAt { get; init; }
    public bool IsDeleted { get; init; }
    public bool IsSpam { get; init; }
    public string AuthorName { get; init; } = "";
    public string? AuthorEmail { get; init; }
    public string? AuthorUsername { get; init; }
    public bool IsAnonymous { get; init; }
    public string? IpAddress { get; init; }
}

/// <summary>
/// Streams a Disqus export (<c>&lt;disqus xmlns="http://disqus.com"&gt;</c>, ids in dsq:id attributes of
/// http://disqus.com/disqus-internals) with <see cref="ImportXml"/>'s reader: either the whole file is read, or an
/// <see cref="ImportFormatException"/> names where it went wrong.
/// </summary>
public static class DisqusReader
{
    public const string Namespace = "http://disqus.com";
    public const string InternalsNamespace = "http://disqus.com/disqus-internals";
    private const string Kind = "a Disqus export";

    public static DisqusFile Read(Stream stream, string file)
    {
        using var reader = ImportXml.Open(stream);
        try
        {
            return ReadDocument(reader, file);
        }
        catch (XmlException e)
        {
            throw ImportXml.Refusal(e, stream, file, Kind);
        }
    }

    private static DisqusFile ReadDocument(XmlReader reader, string file)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "disqus" || reader.NamespaceURI != Namespace)
        {
            throw ImportXml.Refuse(reader, file, $"<{reader.Name}> where a Disqus export begins with <disqus xmlns=\"{Namespace}\">: not a Disqus export");
        }
        var threads = new List<DisqusThread>();
        var posts = new List<DisqusPost>();
        var categories = 0;
        string? forum = null;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (ImportXml.MoveToNextElement(reader))
            {
                if (reader.NamespaceURI != Namespace)
                {
                    reader.Skip();
                    continue;
                }
                switch (reader.LocalName)
                {
                    case "category":
                        categories++;
                        reader.Skip();
                        break;
                    case "thread":
                        var thread = ReadThread(reader, file, out var threadForum);
                        forum ??= threadForum;
                        threads.Add(thread);
                        break;
                    case "post":
                        posts.Add(ReadPost(reader, file));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        // Reading to the end is what proves the file well-formed: a fault after the last post refuses it too.
        while (reader.Read()) { }
        return new DisqusFile(forum, categories, threads, posts);
    }

    private static DisqusThread ReadThread(XmlReader reader, string file, out string? forum)
    {
        var (line, column) = Position(reader);
        var id = InternalId(reader, file, "thread") ?? throw new ImportFormatException(file, line, column, "a <thread> without dsq:id");
        string? identifier = null, link = null, authorName = null;
        var title = "";
        DateTime? createdAt = null;
        bool closed = false, deleted = false;
        forum = null;
        foreach (var name in Children(reader))
        {
            switch (name)
            {
                case "id": identifier = Empty(Text(reader)); break;
                case "forum": forum = Empty(Text(reader)); break;
                case "link": link = Empty(Text(reader)); break;
                case "title": title = Text(reader).Trim(); break;
                case "createdAt": createdAt = Date(reader, file); break;
                case "isClosed": closed = Flag(reader, file); break;
                case "isDeleted": deleted = Flag(reader, file); break;
                case "author": authorName = Author(reader).Name; break;
                default: reader.Skip(); break;
            }
        }
        return new DisqusThread
        {
            Line = line,
            Id = id,
            Identifier = identifier,
            Link = link,
            Title = title,
            CreatedAt = createdAt,
            AuthorName = authorName,
            IsClosed = closed,
            IsDeleted = deleted,
        };
    }

    private static DisqusPost ReadPost(XmlReader reader, string file)
    {
        var (line, column) = Position(reader);
        var id = InternalId(reader, file, "post") ?? throw new ImportFormatException(file, line, column, "a <post> without dsq:id");
        long? threadId = null;
        long parentId = 0;
        var message = "";
        DateTime? createdAt = null;
        bool deleted = false, spam = false;
        var author = (Name: "", Email: (string?)null, Username: (string?)null, Anonymous: false);
        string? ip = null;
        foreach (var name in Children(reader))
        {
            switch (name)
            {
                case "message": message = Text(reader).Trim(); break;
                case "createdAt": createdAt = Date(reader, file); break;
                case "isDeleted": deleted = Flag(reader, file); break;
                case "isSpam": spam = Flag(reader, file); break;
                case "author": author = Author(reader); break;
                case "ipAddress": ip = Empty(Text(reader)); break;
                case "thread": threadId = Reference(reader, file, "thread"); break;
                case "parent": parentId = Reference(reader, file, "parent"); break;
                default: reader.Skip(); break;
            }
        }
        return new DisqusPost
        {
            Line = line,
            Id = id,
            ThreadId = threadId ?? throw new ImportFormatException(file, line, column, $"post {id} names no <thread dsq:id>"),
            ParentId = parentId,
            Message = message,
            CreatedAt = createdAt,
            IsDeleted = deleted,
            IsSpam = spam,
            AuthorName = author.Name,
            AuthorEmail = author.Email,
            AuthorUsername = author.Username,
            IsAnonymous = author.Anonymous,
            IpAddress = ip,
        };
    }

    private static (string Name, string? Email, string? Username, bool Anonymous) Author(XmlReader reader)
    {
        var author = (Name: "", Email: (string?)null, Username: (string?)null, Anonymous: false);
        foreach (var name in Children(reader))
        {
            switch (name)
            {
                case "name": author.Name = Text(reader).Trim(); break;
                case "email": author.Email = Empty(Text(reader)); break;
                case "username": author.Username = Empty(Text(reader)); break;
                case "isAnonymous": author.Anonymous = Text(reader).Trim() == "true"; break;
                default: reader.Skip(); break;
            }
        }
        return author;
    }

    /// <summary>
    /// The local names of the current element's children in the Disqus namespace, one at a time; each must be read
    /// or skipped before the next. Others are skipped here. Leaves the reader after the element's end.
    /// </summary>
    private static IEnumerable<string> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }
        reader.Read();
        while (ImportXml.MoveToNextElement(reader))
        {
            if (reader.NamespaceURI == Namespace) yield return reader.LocalName;
            else reader.Skip();
        }
        reader.Read();
    }

    /// <summary>A <c>&lt;thread dsq:id="…"/&gt;</c> or <c>&lt;parent dsq:id="…"/&gt;</c> inside a post.</summary>
    private static long Reference(XmlReader reader, string file, string what)
    {
        var (line, column) = Position(reader);
        var id = InternalId(reader, file, what) ?? throw new ImportFormatException(file, line, column, $"a <{what}> without dsq:id");
        reader.Skip();
        return id;
    }

    private static long? InternalId(XmlReader reader, string file, string what)
    {
        var (line, column) = Position(reader);
        var text = reader.GetAttribute("id", InternalsNamespace)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new ImportFormatException(file, line, column, $"<{what}> dsq:id '{text}' is not a number");
    }

    // Text and CDATA sections alike, however they are split.
    private static string Text(XmlReader reader) => reader.ReadElementContentAsString();

    private static bool Flag(XmlReader reader, string file)
    {
        var (line, column) = Position(reader);
        var name = reader.LocalName;
        return Text(reader).Trim() switch
        {
            "true" or "1" => true,
            "false" or "0" or "" => false,
            var other => throw new ImportFormatException(file, line, column, $"<{name}> '{other}' is neither true nor false"),
        };
    }

    /// <summary>Disqus writes UTC, ISO 8601 with a Z ("2011-08-31T15:16:29Z"); an empty date is unknown, another text a fault.</summary>
    private static DateTime? Date(XmlReader reader, string file)
    {
        var (line, column) = Position(reader);
        var text = Text(reader).Trim();
        if (text.Length == 0) return null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            && text.Contains('T', StringComparison.Ordinal)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : throw new ImportFormatException(file, line, column, $"<createdAt> '{text}' is not a date and time (ISO 8601, as 2011-08-31T15:16:29Z)");
    }

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static (int Line, int Column) Position(XmlReader reader)
    {
        var info = (IXmlLineInfo)reader;
        return (info.LineNumber, info.LinePosition);
    }
}
