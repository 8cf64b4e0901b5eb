using System.Text;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Tests.Pingbacks;

/// <summary>
/// The XML-RPC protocol on its own: real-world requests (Python's xmlrpc.client, WordPress) read,
/// every protocol fault where the fault-code interoperability specification puts it, entity and
/// DTD tricks refused as parse errors, and responses written exactly as the golden files say.
/// </summary>
public sealed class XmlRpcProtocolTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Pingbacks", "Fixtures", name));

    private static byte[] Xml(string text) => Encoding.UTF8.GetBytes(text);

    private static string Call(string methodName, string parameters) =>
        $"<?xml version=\"1.0\"?><methodCall><methodName>{methodName}</methodName><params>{parameters}</params></methodCall>";

    private static string Param(string value) => $"<param><value>{value}</value></param>";

    private static FaultCode FaultOf(byte[] body) => Assert.Throws<XmlRpcFaultException>(() => PingbackCall.Read(body)).Fault.Code;

    [Fact]
    public void Read_PythonXmlRpcClientRequest_GivesSourceAndTarget()
    {
        var (source, target) = PingbackCall.Read(Fixture("request-python-xmlrpc.xml"));

        Assert.Equal("https://blog.example/2026/a-post?x=1&y=2", source);
        Assert.Equal("https://forum.example/posts/some-so-far-so-what", target);
    }

    [Fact]
    public void Read_WordPressRequest_GivesSourceAndTarget()
    {
        var (source, target) = PingbackCall.Read(Fixture("request-wordpress.xml"));

        Assert.Equal("http://blog.example/?p=123", source);
        Assert.Equal("https://forum.example/posts/some-so-far-so-what#comments", target);
    }

    [Fact]
    public void Read_ValuesWithoutTypeElement_AreStrings()
    {
        var (source, target) = PingbackCall.Read(Fixture("request-untyped-strings.xml"));

        Assert.Equal("http://blog.example/entry/1", source);
        Assert.Equal("https://forum.example/posts/some-so-far-so-what", target);
    }

    [Fact]
    public void Parse_EveryValueType_IsRead()
    {
        var call = XmlRpcParser.Parse(Xml(Call("x.y",
            Param("<i4>-7</i4>") + Param("<int>42</int>") + Param("<i8>9000000000</i8>") + Param("<boolean>1</boolean>")
            + Param("<double>2.5</double>") + Param("<dateTime.iso8601>20260102T03:04:05</dateTime.iso8601>")
            + Param("<base64>aGk=</base64>") + Param("<nil/>") + Param("<string> spaced </string>")
            + Param("<array><data><value>a</value><value><int>1</int></value></data></array>")
            + Param("<struct><member><name>k</name><value><boolean>0</boolean></value></member></struct>"))));

        Assert.Equal("x.y", call.MethodName);
        Assert.Equal(-7, call.Parameters[0]);
        Assert.Equal(42, call.Parameters[1]);
        Assert.Equal(9_000_000_000L, call.Parameters[2]);
        Assert.Equal(true, call.Parameters[3]);
        Assert.Equal(2.5, call.Parameters[4]);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5), call.Parameters[5]);
        Assert.Equal("hi"u8.ToArray(), call.Parameters[6]);
        Assert.Null(call.Parameters[7]);
        Assert.Equal(" spaced ", call.Parameters[8]);
        Assert.Equal(new object?[] { "a", 1 }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(call.Parameters[9]));
        Assert.Equal(false, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(call.Parameters[10])["k"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName></methodcall>")]
    [InlineData("<methodCall><methodName>a</methodName></methodCall><second/>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value>&nbsp;</value></param></params></methodCall>")]
    public void Read_MalformedXml_IsParseError(string body) =>
        Assert.Equal(FaultCode.ParseError, FaultOf(Xml(body)));

    [Theory]
    [InlineData("bomb-billion-laughs.xml")]
    [InlineData("bomb-external-entity.xml")]
    [InlineData("bomb-external-dtd.xml")]
    public void Read_AnyDoctype_IsRefusedAsParseErrorWithoutExpansion(string fixture) =>
        Assert.Equal(FaultCode.ParseError, FaultOf(Fixture(fixture)));

    [Theory]
    [InlineData("<methodResponse><params/></methodResponse>")]
    [InlineData("<html><body>hello</body></html>")]
    [InlineData("<methodCall><params/></methodCall>")]
    [InlineData("<methodCall><methodName></methodName></methodCall>")]
    [InlineData("<methodCall><methodName><b>pingback.ping</b></methodName></methodCall>")]
    [InlineData("<methodCall>text<methodName>pingback.ping</methodName></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><value>x</value></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value>x</value><value>y</value></param></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value><int>abc</int></value></param></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value><boolean>yes</boolean></value></param></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value><unknown>x</unknown></value></param></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value><string>a</string><string>b</string></value></param></params></methodCall>")]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params/><extra/></methodCall>")]
    [InlineData("<x:methodCall xmlns:x=\"urn:x\"><methodName>pingback.ping</methodName></x:methodCall>")]
    public void Read_WellFormedButNotAMethodCall_IsInvalidRequest(string body) =>
        Assert.Equal(FaultCode.InvalidRequest, FaultOf(Xml(body)));

    [Fact]
    public void Read_NestingDeeperThanTheLimit_IsInvalidRequest()
    {
        var deep = string.Concat(Enumerable.Repeat("<array><data><value>", XmlRpcParser.MaxDepth + 2))
            + "x" + string.Concat(Enumerable.Repeat("</value></data></array>", XmlRpcParser.MaxDepth + 2));
        Assert.Equal(FaultCode.InvalidRequest, FaultOf(Xml(Call("pingback.ping", Param(deep)))));
    }

    [Theory]
    [InlineData("system.multicall")]
    [InlineData("system.listMethods")]
    [InlineData("pingback.extensions.getPingbacks")]
    [InlineData("wp.getUsersBlogs")]
    [InlineData("Pingback.Ping")]
    public void Read_AnyOtherMethod_IsMethodNotFound(string method) =>
        Assert.Equal(FaultCode.MethodNotFound, FaultOf(Xml(Call(method, Param("<string>a</string>") + Param("<string>b</string>")))));

    [Fact]
    public void Read_SystemMulticallCarryingPings_IsMethodNotFound() =>
        Assert.Equal(FaultCode.MethodNotFound, FaultOf(Fixture("request-multicall.xml")));

    [Theory]
    [InlineData("")]
    [InlineData("<param><value><string>http://a.example/</string></value></param>")]
    [InlineData("<param><value>a</value></param><param><value>b</value></param><param><value>c</value></param>")]
    [InlineData("<param><value><int>1</int></value></param><param><value>b</value></param>")]
    [InlineData("<param><value>a</value></param><param><value><boolean>1</boolean></value></param>")]
    [InlineData("<param><value><array><data><value>a</value><value>b</value></data></array></value></param>")]
    [InlineData("<param><value><struct><member><name>sourceURI</name><value>a</value></member></struct></value></param><param><value>b</value></param>")]
    [InlineData("<param><value><nil/></value></param><param><value>b</value></param>")]
    public void Read_PingWithWrongParameters_IsInvalidParameters(string parameters) =>
        Assert.Equal(FaultCode.InvalidParameters, FaultOf(Xml(Call("pingback.ping", parameters))));

    [Fact]
    public void Read_PingWithoutParams_IsInvalidParameters() =>
        Assert.Equal(FaultCode.InvalidParameters, FaultOf(Xml("<methodCall><methodName>pingback.ping</methodName></methodCall>")));

    [Fact]
    public void Success_IsWrittenAsTheGoldenResponse() =>
        Assert.Equal(Encoding.UTF8.GetString(Fixture("response-success.xml")),
            Encoding.UTF8.GetString(XmlRpcWriter.Success("Thanks! The pingback was registered & will be shown once a moderator approves it.")));

    [Fact]
    public void Fault_IsWrittenAsTheGoldenResponse() =>
        Assert.Equal(Encoding.UTF8.GetString(Fixture("response-fault-16.xml")),
            Encoding.UTF8.GetString(XmlRpcWriter.Fault(new XmlRpcFault(FaultCode.SourceNotFound, "The sourceURI does not exist or could not be fetched."))));

    [Fact]
    public void ProtocolFault_IsWrittenAsTheGoldenResponse() =>
        Assert.Equal(Encoding.UTF8.GetString(Fixture("response-fault-parse-error.xml")), Encoding.UTF8.GetString(XmlRpcWriter.Fault(XmlRpcFault.NotWellFormed)));

    [Theory]
    [InlineData(FaultCode.Generic, 0)]
    [InlineData(FaultCode.SourceNotFound, 16)]
    [InlineData(FaultCode.NoLinkToTarget, 17)]
    [InlineData(FaultCode.TargetNotFound, 32)]
    [InlineData(FaultCode.TargetNotPingable, 33)]
    [InlineData(FaultCode.AlreadyRegistered, 48)]
    [InlineData(FaultCode.AccessDenied, 49)]
    [InlineData(FaultCode.UpstreamError, 50)]
    [InlineData(FaultCode.ParseError, -32700)]
    [InlineData(FaultCode.InvalidRequest, -32600)]
    [InlineData(FaultCode.MethodNotFound, -32601)]
    [InlineData(FaultCode.InvalidParameters, -32602)]
    public void Fault_CarriesTheSpecificationsNumber(FaultCode code, int number)
    {
        var written = Encoding.UTF8.GetString(XmlRpcWriter.Fault(new XmlRpcFault(code, "m")));
        Assert.Contains($"<int>{number}</int>", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_OutputIsReadBackByTheParserRules()
    {
        // A response is not a call, but it must be well-formed XML without a DTD: the parser gets as far as the root.
        var fault = XmlRpcWriter.Fault(new XmlRpcFault(FaultCode.Generic, "control \u0001 characters <dropped> & \U0001F600 kept"));
        Assert.Equal(FaultCode.InvalidRequest, FaultOf(fault));
        Assert.Contains("control  characters &lt;dropped&gt; &amp; \U0001F600 kept", Encoding.UTF8.GetString(fault), StringComparison.Ordinal);
    }
}
