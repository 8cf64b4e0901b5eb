using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Moderation;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>
/// <c>/comments/{id}/report</c>: a reader, guest or member, tells the moderators what is wrong with a published
/// comment. A plain form (antiforgery, no script); one report a reader a comment, a few an hour a client.
/// </summary>
public sealed class ReportModel(CommentReports reports) : PageModel
{
    public sealed record ReportedComment(long Id, string AuthorName, string Html, DateTime? CreatedAt, string PostTitle, string PostSlug);

    public ReportedComment? Comment { get; private set; }

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    /// <summary>Why the report was not taken (sent already, too many), shown above the form.</summary>
    public string? Problem { get; private set; }

    public bool Sent { get; private set; }

    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await FindAsync(id, ct) ? Page() : NotFound();

    /// <summary>The acknowledgement, after the report was taken (the comment may be held by now, so not shown).</summary>
    public IActionResult OnGetSent(long id)
    {
        (Sent, Id) = (true, id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct)) return NotFound();
        if (Input.Reason == ReportReason.Other && string.IsNullOrWhiteSpace(Input.Text))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Text)}", Site.Strings.Get("Report.TextRequired"));
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        switch (await reports.SubmitAsync(id, Input.Reason!.Value, Input.Text, reports.ReporterOf(HttpContext), ct))
        {
            case ReportOutcome.Stored:
                return Redirect(ForumUrls.ReportSent(id));
            case ReportOutcome.Duplicate:
                Problem = Site.Strings.Get("Report.Already");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case ReportOutcome.RateLimited:
                Problem = Site.Strings.Get("Report.TooMany");
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "3600";
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> FindAsync(long id, CancellationToken ct)
    {
        Comment = await reports.Reportable().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ReportedComment(c.Id, c.AuthorName, c.Html, c.CreatedAt, c.Post.Title, c.Post.Slug))
            .SingleOrDefaultAsync(ct);
        return Comment is not null;
    }
}

public sealed class ReportInput
{
    [Required(ErrorMessage = "Report.ReasonRequired")]
    public ReportReason? Reason { get; set; }

    [StringLength(CommentReport.TextLength, ErrorMessage = "Report.TextLength")]
    public string? Text { get; set; }
}
