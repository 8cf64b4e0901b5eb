using System.Text.RegularExpressions;
using System.Xml;

namespace SomeForum.Web.Seeding;

/// <summary>An export that is not well-formed XML, or not the kind it claims to be: refused whole, with the place named.</summary>
public sealed class ImportFormatException(string file, int line, int column, string problem)
    : Exception($"{file}, line {line}, column {column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}

/// <summary>
/// How the file importers read XML: streamed, no DTD, no external entity, nothing fetched; a fault anywhere
/// becomes an <see cref="ImportFormatException"/> naming its line and column.
/// </summary>
public static partial class ImportXml
{
    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex XmlPosition();

    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    });

    /// <summary>The reader's fault as a refusal of the file; <paramref name="kind"/> names what the file should have been.</summary>
    public static ImportFormatException Refusal(XmlException e, Stream stream, string file, string kind)
    {
        ArgumentNullException.ThrowIfNull(e);
        var reason = XmlPosition().Replace(e.Message, "");
        // A DTD is refused before it is read: an export has none, and its entities could read local files.
        var problem = reason.Contains("DTD", StringComparison.Ordinal)
            ? $"a DTD (<!DOCTYPE>) is refused: {kind} has none"
            : $"not well-formed XML: {reason}";
        // The DTD's refusal carries no position: the file names it.
        var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : DoctypePosition(stream);
        return new ImportFormatException(file, line, column, problem);
    }

    public static ImportFormatException Refuse(XmlReader reader, string file, string problem)
    {
        var info = (IXmlLineInfo)reader;
        return new ImportFormatException(file, info.LineNumber, info.LinePosition, problem);
    }

    /// <summary>Moves to the next child element of the current element; false at its end tag (left current).</summary>
    public static bool MoveToNextElement(XmlReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element: return true;
                case XmlNodeType.EndElement:
                case XmlNodeType.None when reader.EOF:
                    return false;
                default:
                    if (!reader.Read()) return false;
                    break;
            }
        }
    }

    private static (int Line, int Column) DoctypePosition(Stream stream)
    {
        if (!stream.CanSeek) return (1, 1);
        stream.Position = 0;
        using var text = new StreamReader(stream, leaveOpen: true);
        var number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            var at = line.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
            if (at >= 0) return (number, at + 1);
        }
        return (1, 1);
    }
}
