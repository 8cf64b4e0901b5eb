using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace SomeForum.Web.Pingbacks;

/// <summary>An XML-RPC method call: its name and its parameters as .NET values.</summary>
/// <remarks>
/// Values are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="bool"/>, <see cref="double"/>,
/// <see cref="DateTime"/>, <see cref="byte"/>[], <see cref="IReadOnlyList{T}"/> of values (array),
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/> of values (struct), or null (nil).
/// </remarks>
public sealed record XmlRpcCall(string MethodName, IReadOnlyList<object?> Parameters);

/// <summary>
/// Reads an XML-RPC request. DTDs are prohibited and no entity is resolved, so an entity bomb or an
/// external entity is a parse error, not work; the caller caps the body's size before it gets here.
/// </summary>
public static class XmlRpcParser
{
    /// <summary>Arrays and structs nested deeper than this are refused.</summary>
    public const int MaxDepth = 16;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <exception cref="XmlRpcFaultException">The request is not well-formed (-32700) or not a valid method call (-32600).</exception>
    public static XmlRpcCall Parse(ReadOnlyMemory<byte> body)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            throw new XmlRpcFaultException(XmlRpcFault.NotWellFormed);
        }

        var call = document.Root;
        if (call is not { Name.LocalName: "methodCall", Name.NamespaceName: "" }) throw Invalid();
        var children = Elements(call);
        if (children is not [{ Name.LocalName: "methodName" } name, ..] || children.Count > 2) throw Invalid();
        if (name.HasElements) throw Invalid();
        var methodName = name.Value.Trim();
        if (methodName.Length == 0) throw Invalid();

        var parameters = new List<object?>();
        if (children.Count == 2)
        {
            if (children[1].Name.LocalName != "params") throw Invalid();
            foreach (var param in Elements(children[1]))
            {
                if (param.Name.LocalName != "param" || Elements(param) is not [{ Name.LocalName: "value" } value]) throw Invalid();
                parameters.Add(Value(value, 0));
            }
        }
        return new XmlRpcCall(methodName, parameters);
    }

    private static object? Value(XElement value, int depth)
    {
        if (depth > MaxDepth) throw Invalid();
        var typed = Elements(value);
        if (typed.Count == 0) return value.Value; // A value with no type element is a string.
        if (typed.Count > 1 || HasText(value)) throw Invalid();
        var element = typed[0];
        var text = element.Value;
        var scalar = element.HasElements ? null : text.Trim();
        switch (element.Name.LocalName)
        {
            case "string" when !element.HasElements:
                return text;
            case "i4" or "int" when int.TryParse(scalar, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return i;
            case "i8" when long.TryParse(scalar, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return l;
            case "boolean" when scalar is "0" or "1":
                return scalar == "1";
            case "double" when double.TryParse(scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return d;
            case "dateTime.iso8601" when DateTime.TryParseExact(scalar, ["yyyyMMdd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMdd'T'HHmmss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date;
            case "base64" when scalar is not null:
                try
                {
                    return Convert.FromBase64String(scalar);
                }
                catch (FormatException)
                {
                    throw Invalid();
                }
            case "nil" when scalar == "":
                return null;
            case "array" when Elements(element) is [{ Name.LocalName: "data" } data] && !HasText(element):
                return Elements(data).Select(v => v.Name.LocalName == "value" ? Value(v, depth + 1) : throw Invalid()).ToList();
            case "struct" when !HasText(element):
                var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var member in Elements(element))
                {
                    if (member.Name.LocalName != "member"
                        || Elements(member) is not [{ Name.LocalName: "name" } memberName, { Name.LocalName: "value" } memberValue]
                        || memberName.HasElements)
                    {
                        throw Invalid();
                    }
                    members[memberName.Value] = Value(memberValue, depth + 1);
                }
                return members;
            default:
                throw Invalid();
        }
    }

    /// <summary>The child elements; text between them must be whitespace.</summary>
    private static List<XElement> Elements(XElement parent)
    {
        var elements = parent.Elements().ToList();
        if (elements.Count > 0 && HasText(parent)) throw Invalid();
        return elements;
    }

    private static bool HasText(XElement element) =>
        element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value));

    private static XmlRpcFaultException Invalid() => new(XmlRpcFault.NotAMethodCall);
}

/// <summary>The one method this server offers. No system.multicall: one request is one ping.</summary>
public static class PingbackCall
{
    public const string MethodName = "pingback.ping";

    /// <summary>The source and target of a pingback.ping request.</summary>
    /// <exception cref="XmlRpcFaultException">-32700, -32600, -32601 (any other method) or -32602 (not two strings).</exception>
    public static (string Source, string Target) Read(ReadOnlyMemory<byte> body)
    {
        var call = XmlRpcParser.Parse(body);
        if (call.MethodName != MethodName) throw new XmlRpcFaultException(XmlRpcFault.UnknownMethod);
        if (call.Parameters is not [string source, string target]) throw new XmlRpcFaultException(XmlRpcFault.WrongParameters);
        return (source, target);
    }
}
