using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// POST /webmention (W3C Webmention): the request is checked at once, 400 with the reason when it
/// cannot be used, 429 over the rate limit, otherwise 202 Accepted; the source is fetched later,
/// by <see cref="WebmentionWorker"/>, from the queue in the database.
/// </summary>
internal static class WebmentionEndpoint
{
    public const string Path = "/webmention";

    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await RequestBody.MethodNotAllowedAsync(context, "The Webmention endpoint");
            return;
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<PingbackOptions>>().CurrentValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebmentionEndpoint));
        var ct = context.RequestAborted;
        var caller = PingCaller.From(context, await services.GetRequiredService<Site.SiteSettings>().CurrentAsync(ct));

        var body = await RequestBody.ReadCappedAsync(context.Request, options.MaxRequestBytes, ct);
        if (body is null)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large.");
            return;
        }
        if (!context.Request.HasFormContentType
            || !(context.Request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "Send source and target as application/x-www-form-urlencoded.");
            return;
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        var sourceText = form.TryGetValue("source", out var s) ? s.ToString() : "";
        var targetText = form.TryGetValue("target", out var t) ? t.ToString() : "";

        var (status, reason, request) = await CheckAsync(services, sourceText, targetText, caller, ct);
        if (request is null)
        {
            if (logger.IsEnabled(LogLevel.Information)) logger.WebmentionRefused(Shorten(sourceText), Shorten(targetText), caller.Name, status, reason);
            if (status == StatusCodes.Status429TooManyRequests) context.Response.Headers.RetryAfter = "60";
            await AnswerAsync(context, status, reason);
            return;
        }

        var db = services.GetRequiredService<ForumDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Sent again before the first was verified: one queued request is enough.
        var queued = await db.WebmentionRequests.FirstOrDefaultAsync(r =>
            r.State == WebmentionState.Queued && r.PostId == request.PostId && r.Source == request.Source && r.Target == request.Target, ct);
        if (queued is null)
        {
            request.ReceivedAt = request.NextAttemptAt = now;
            db.WebmentionRequests.Add(request);
            queued = request;
        }
        else
        {
            queued.ReceivedAt = now;
            queued.CallerIp = request.CallerIp;
            queued.UserAgent = request.UserAgent;
        }
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<WorkSignal<WebmentionWorker>>().Notify();
        if (logger.IsEnabled(LogLevel.Information)) logger.WebmentionQueued(queued.Id, queued.Source, queued.Target, caller.Name);
        await AnswerAsync(context, StatusCodes.Status202Accepted, "Accepted: the webmention is queued and its source will be verified shortly.");
    }

    private static async Task<(int Status, string Reason, WebmentionRequest? Request)> CheckAsync(
        IServiceProvider services, string sourceText, string targetText, PingCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(sourceText)) return (400, "The source parameter is missing.", null);
        if (string.IsNullOrWhiteSpace(targetText)) return (400, "The target parameter is missing.", null);

        // Sent again, a webmention updates or withdraws what its source said: a known source is no refusal here.
        var check = await services.GetRequiredService<MentionIntake>().CheckAsync(sourceText, targetText, caller, refuseKnownSource: false, ct);
        return check.Verdict switch
        {
            IntakeVerdict.BadSource => (400, "The source is not an absolute http or https URL.", null),
            IntakeVerdict.BadTarget => (400, "The target is not an absolute http or https URL.", null),
            IntakeVerdict.SamePage => (400, "The source and the target are the same page.", null),
            IntakeVerdict.NotAPost => (400, "The target is not a post on this site.", null),
            IntakeVerdict.NoSuchPost => (400, "The target does not exist: there is no such post.", null),
            IntakeVerdict.Closed => (400, "The target does not accept webmentions.", null),
            IntakeVerdict.Blocked => (400, "Webmentions from this source are not accepted.", null),
            IntakeVerdict.RateLimited => (429, "Too many webmentions; try again in a minute.", null),
            _ => (202, "", new WebmentionRequest
            {
                Source = check.StoredSource,
                Target = check.Target!.AbsoluteUri,
                PostId = check.PostId,
                CallerIp = caller.Ip,
                UserAgent = caller.UserAgent is { Length: > 512 } ua ? ua[..512] : caller.UserAgent,
            }),
        };
    }

    private static Task AnswerAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
