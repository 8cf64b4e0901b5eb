using Microsoft.AspNetCore.HttpLogging;

namespace SomeForum.Web.Hosting;

/// <summary>The client's address in the request log line: after the forwarded headers, the reader's, not the proxy's.</summary>
internal sealed class ClientInRequestLog : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        ArgumentNullException.ThrowIfNull(logContext);
        logContext.AddParameter("Client", logContext.HttpContext.Connection.RemoteIpAddress?.ToString());
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
