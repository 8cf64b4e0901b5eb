using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>Counts the database commands the app sends while serving requests, to prove a page's queries do not grow with its data.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    // The app's own accessor (Identity registers one) keeps the request being served in an AsyncLocal that every
    // instance reads: a command run outside a request (a background worker's first look at its queue) is not the page's.
    private static readonly HttpContextAccessor Requests = new();

    private int count;

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Requests.HttpContext is not null) Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (Requests.HttpContext is not null) Interlocked.Increment(ref count);
        return base.ReaderExecuting(command, eventData, result);
    }
}
