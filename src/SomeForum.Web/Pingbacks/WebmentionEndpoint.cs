using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

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
        var options = services.GetRequiredService<IOptionsSnapshot<PingbackOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebmentionEndpoint));
        var caller = PingCaller.From(context, options);
        var ct = context.RequestAborted;

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
        services.GetRequiredService<WebmentionSignal>().Notify();
        if (logger.IsEnabled(LogLevel.Information)) logger.WebmentionQueued(queued.Id, queued.Source, queued.Target, caller.Name);
        await AnswerAsync(context, StatusCodes.Status202Accepted, "Accepted: the webmention is queued and its source will be verified shortly.");
    }

    private static async Task<(int Status, string Reason, WebmentionRequest? Request)> CheckAsync(
        IServiceProvider services, string sourceText, string targetText, PingCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(sourceText)) return (400, "The source parameter is missing.", null);
        if (string.IsNullOrWhiteSpace(targetText)) return (400, "The target parameter is missing.", null);
        if (MentionUrl.Parse(sourceText) is not { } source) return (400, "The source is not an absolute http or https URL.", null);
        if (MentionUrl.Parse(targetText) is not { } target) return (400, "The target is not an absolute http or https URL.", null);
        if (SourcePage.Comparable(source) == SourcePage.Comparable(target)) return (400, "The source and the target are the same page.", null);

        var check = await services.GetRequiredService<PingbackTargets>().CheckAsync(target, caller, ct);
        switch (check.Verdict)
        {
            case TargetVerdict.NotOurs or TargetVerdict.NotAPost:
                return (400, "The target is not a post on this site.", null);
            case TargetVerdict.NoSuchPost:
                return (400, "The target does not exist: there is no such post.", null);
            case TargetVerdict.Closed:
                return (400, "The target does not accept webmentions.", null);
        }

        var rules = await services.GetRequiredService<ModerationSettings>().CurrentAsync(ct);
        var sourceUrl = MentionUrl.Stored(source);
        if (rules.BlockWords.Select(w => w.Trim()).Where(w => w.Length > 0)
            .Any(w => sourceUrl.Contains(w, StringComparison.OrdinalIgnoreCase) || (caller.Ip?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)))
        {
            return (400, "Webmentions from this source are not accepted.", null);
        }
        if (!services.GetRequiredService<PingbackRateLimiter>().TryAcquire(source.IdnHost, caller.Ip))
        {
            return (429, "Too many webmentions; try again in a minute.", null);
        }
        return (202, "", new WebmentionRequest
        {
            Source = sourceUrl,
            Target = target.AbsoluteUri,
            PostId = check.PostId,
            CallerIp = caller.Ip,
            UserAgent = caller.UserAgent is { Length: > 512 } ua ? ua[..512] : caller.UserAgent,
        });
    }

    private static Task AnswerAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
