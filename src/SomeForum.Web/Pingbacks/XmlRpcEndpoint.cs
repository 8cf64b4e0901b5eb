using Microsoft.Extensions.Options;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// POST /xmlrpc: the pingback server. Every answer to a POST is an XML-RPC response, a string or
/// a fault, never an HTML error page; only a body too large to read changes the HTTP status (413).
/// </summary>
internal static class XmlRpcEndpoint
{
    public const string Path = "/xmlrpc";

    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await RequestBody.MethodNotAllowedAsync(context, "The XML-RPC endpoint");
            return;
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<PingbackOptions>>().CurrentValue;
        var ct = context.RequestAborted;
        var caller = PingCaller.From(context, await services.GetRequiredService<Site.SiteSettings>().CurrentAsync(ct));

        var body = await RequestBody.ReadCappedAsync(context.Request, options.MaxRequestBytes, ct);
        if (body is null)
        {
            await WriteAsync(context, XmlRpcWriter.Fault(XmlRpcFault.TooLarge), StatusCodes.Status413PayloadTooLarge);
            return;
        }

        byte[] answer;
        try
        {
            var (source, target) = PingbackCall.Read(body);
            answer = await PingAsync(services, source, target, caller, options, ct);
        }
        catch (XmlRpcFaultException e)
        {
            answer = XmlRpcWriter.Fault(e.Fault);
        }
        await WriteAsync(context, answer, StatusCodes.Status200OK);
    }

    private static async Task<byte[]> PingAsync(IServiceProvider services, string source, string target, PingCaller caller, PingbackOptions options, CancellationToken ct)
    {
        // The whole call has one deadline, fetch included, so a slow source cannot hold the caller or us.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.CallTimeoutSeconds));
        try
        {
            var result = await services.GetRequiredService<PingbackReceiver>().PingAsync(source, target, caller, deadline.Token);
            return result.Fault is { } fault ? XmlRpcWriter.Fault(fault) : XmlRpcWriter.Success(result.Message!);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return XmlRpcWriter.Fault(new XmlRpcFault(FaultCode.Generic, "The pingback could not be processed in time. Try again later."));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(XmlRpcEndpoint)).PingFailed(e, caller.Name);
            return XmlRpcWriter.Fault(new XmlRpcFault(FaultCode.Generic, "The pingback could not be processed."));
        }
    }

    private static async Task WriteAsync(HttpContext context, byte[] answer, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = XmlRpcWriter.ContentType;
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }
}
