namespace SomeForum.Web.Pingbacks;

/// <summary>
/// The fault codes a pingback server answers with: the Pingback 1.0 specification's own, and the
/// protocol errors of the "Specification for Fault Code Interoperability" that it allows.
/// </summary>
public enum FaultCode
{
    /// <summary>Anything not classified below, such as a malformed argument.</summary>
    Generic = 0,
    SourceNotFound = 0x0010,
    NoLinkToTarget = 0x0011,
    TargetNotFound = 0x0020,
    TargetNotPingable = 0x0021,
    AlreadyRegistered = 0x0030,
    AccessDenied = 0x0031,
    UpstreamError = 0x0032,

    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParameters = -32602,
    InternalError = -32603,
    TransportError = -32300,
}

/// <summary>A fault with the message the caller sees: fixed wording, never a detail of our network or code.</summary>
public sealed record XmlRpcFault(FaultCode Code, string Message)
{
    public static readonly XmlRpcFault NotWellFormed = new(FaultCode.ParseError, "Parse error: the request is not well-formed XML.");
    public static readonly XmlRpcFault NotAMethodCall = new(FaultCode.InvalidRequest, "Invalid XML-RPC: the request is not a method call.");
    public static readonly XmlRpcFault WrongParameters = new(FaultCode.InvalidParameters,
        "Invalid method parameters: pingback.ping takes two strings, sourceURI and targetURI.");
    public static readonly XmlRpcFault TooLarge = new(FaultCode.TransportError, "Transport error: the request is too large.");

    public static readonly XmlRpcFault UnknownMethod = new(FaultCode.MethodNotFound, "Method not found: this server offers only pingback.ping.");
}

/// <summary>Thrown by the request parser; the endpoint answers it as the fault it carries.</summary>
public sealed class XmlRpcFaultException(XmlRpcFault fault) : Exception(fault.Message)
{
    public XmlRpcFault Fault { get; } = fault;
}
