using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Site;

/// <summary>
/// Old links of a WordPress site imported here (import-wxr), sent on for good (301) to where their post or comment
/// is now: <c>/?p=ID</c> and <c>/?page_id=ID</c> by the post's WordPress id, <c>/YYYY/MM/DD/slug/</c> and
/// <c>/YYYY/MM/slug/</c> by its slug (kept from <c>wp:post_name</c>), and <c>?replytocom=ID</c> (WordPress's reply
/// links, on either) by the comment's WordPress id, to its stable address. Only what a reader may see is found:
/// anything else, or an id nothing has, is 404. Each lookup is one indexed query.
/// </summary>
public static class WordPressLinks
{
    public static WebApplication UseWordPressLinks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                await next();
                return;
            }
            var atRoot = request.Path == "/";
            var slug = atRoot ? null : ForumUrls.SlugOfWordPressPath(request.Path.Value ?? "");
            if (!atRoot && slug is null)
            {
                await next();
                return;
            }
            var query = request.Query;
            long? commentId = Id(query["replytocom"]), postId = Id(query["p"]) ?? Id(query["page_id"]);
            if (atRoot && commentId is null && postId is null && !query.ContainsKey("p") && !query.ContainsKey("page_id") && !query.ContainsKey("replytocom"))
            {
                await next();
                return;
            }

            var db = context.RequestServices.GetRequiredService<ForumDb>();
            var ct = context.RequestAborted;
            string? location = null;
            if (commentId is { } wpComment)
            {
                var id = await db.Comments.AsNoTracking()
                    .Where(c => c.WordPressId == wpComment && c.Status == CommentStatus.Approved && c.Post.Status == PostStatus.Published)
                    .OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
                location = id is { } found ? ForumUrls.Permalink(found) : null;
            }
            else if (postId is { } wpPost)
            {
                var found = await db.Posts.AsNoTracking().Where(p => p.WordPressId == wpPost && p.Status == PostStatus.Published)
                    .OrderBy(p => p.Id).Select(p => p.Slug).FirstOrDefaultAsync(ct);
                location = found is null ? null : ForumUrls.PostFromWordPress(found);
            }
            else if (slug is not null)
            {
                var found = await db.Posts.AsNoTracking().AnyAsync(p => p.Slug == slug && p.Status == PostStatus.Published, ct);
                location = found ? ForumUrls.PostFromWordPress(slug) : null;
            }

            if (location is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = location;
        });
        return app;

        static long? Id(string? text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}
