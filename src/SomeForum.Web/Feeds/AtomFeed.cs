using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace SomeForum.Web.Feeds;

/// <summary>One entry of a feed: only what readers can already see on the site, never an email or an address.</summary>
public sealed record FeedEntry(string Id, string Title, string Link, string? Author, DateTime Updated, DateTime? Published, string Html, string? Summary = null);

/// <summary>An Atom 1.0 document (RFC 4287), written with XmlWriter so every text is escaped by the writer itself.</summary>
public static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Write(string id, string title, string self, string alternate, IReadOnlyList<FeedEntry> entries, DateTime emptyUpdated)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, id);
            xml.WriteElementString("title", Atom, title);
            xml.WriteElementString("updated", Atom, Date(entries.Count > 0 ? entries.Max(e => e.Updated) : emptyUpdated));
            Link(xml, "self", self, "application/atom+xml");
            Link(xml, "alternate", alternate, "text/html");
            xml.WriteStartElement("generator", Atom);
            xml.WriteString("SomeForum");
            xml.WriteEndElement();
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, entry.Id);
                xml.WriteElementString("title", Atom, entry.Title);
                Link(xml, "alternate", entry.Link, "text/html");
                xml.WriteElementString("updated", Atom, Date(entry.Updated));
                if (entry.Published is { } published) xml.WriteElementString("published", Atom, Date(published));
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, string.IsNullOrWhiteSpace(entry.Author) ? "unknown" : entry.Author);
                xml.WriteEndElement();
                // A post's excerpt, the one the home page shows: plain text (RFC 4287 §4.2.13).
                if (!string.IsNullOrWhiteSpace(entry.Summary)) xml.WriteElementString("summary", Atom, entry.Summary);
                // The HTML the site itself shows, already sanitized when it was written; escaped once more as text here.
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(entry.Html);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    /// <summary>A strong validator from the bytes themselves: a feed that did not change answers 304.</summary>
    public static string ETag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
