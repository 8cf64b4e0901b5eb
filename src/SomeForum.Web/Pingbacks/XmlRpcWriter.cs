using System.Globalization;
using System.Text;
using System.Xml;

namespace SomeForum.Web.Pingbacks;

/// <summary>Writes XML-RPC method responses: one string on success, or a fault struct.</summary>
public static class XmlRpcWriter
{
    public const string ContentType = "text/xml; charset=utf-8";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
    };

    public static byte[] Success(string message) => Write(writer =>
    {
        writer.WriteStartElement("params");
        writer.WriteStartElement("param");
        writer.WriteStartElement("value");
        writer.WriteElementString("string", Clean(message));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    public static byte[] Fault(XmlRpcFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Write(writer =>
        {
            writer.WriteStartElement("fault");
            writer.WriteStartElement("value");
            writer.WriteStartElement("struct");
            Member(writer, "faultCode", "int", ((int)fault.Code).ToString(CultureInfo.InvariantCulture));
            Member(writer, "faultString", "string", Clean(fault.Message));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    private static void Member(XmlWriter writer, string name, string type, string value)
    {
        writer.WriteStartElement("member");
        writer.WriteElementString("name", name);
        writer.WriteStartElement("value");
        writer.WriteElementString(type, value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("methodResponse");
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Characters XML 1.0 cannot carry at all are dropped rather than failing the whole answer.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }
}
