namespace SomeForum.Web.Comments;

/// <summary>
/// The order a reader reads a thread in: chosen on the post's page (<c>?order=</c>), then remembered in a cookie.
/// Only a reader whose choice differs from the site's order has the cookie, so their pages are made for them
/// (<see cref="Site.ReaderCache"/> serves no reader with a cookie of theirs); every other guest keeps the cached page.
/// Permalinks and the page after a comment follow the same choice, so they land on the page that shows the comment.
/// </summary>
public static class ReaderOrder
{
    public const string Query = "order";
    public const string Cookie = "someforum-order";

    private static readonly (string Name, CommentOrder Order, string LabelKey)[] Orders =
    [
        ("oldest", CommentOrder.OldestFirst, "Order.Oldest"),
        ("newest", CommentOrder.NewestFirst, "Order.Newest"),
        ("active", CommentOrder.MostActive, "Order.Active"),
    ];

    public static IEnumerable<(string Name, CommentOrder Order, string LabelKey)> Choices => Orders;

    public static string Name(CommentOrder order) => Orders.Single(o => o.Order == order).Name;

    public static CommentOrder? Parse(string? name) =>
        Orders.Where(o => string.Equals(o.Name, name, StringComparison.Ordinal)).Select(o => (CommentOrder?)o.Order).FirstOrDefault();

    /// <summary>The reader's options: the site's, in the order asked for now, else the one remembered, else the site's.</summary>
    public static CommentOptions For(HttpContext http, CommentOptions site)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(site);
        var order = Parse(http.Request.Query[Query]) ?? Parse(http.Request.Cookies[Cookie]) ?? site.Order;
        return site.InOrder(order);
    }

    /// <summary>Remembers the order asked for on this request: a cookie when it is not the site's order, none otherwise.</summary>
    public static void RememberAsked(HttpContext http, CommentOptions site)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(site);
        if (Parse(http.Request.Query[Query]) is not { } asked) return;
        if (asked == site.Order)
        {
            if (http.Request.Cookies.ContainsKey(Cookie)) http.Response.Cookies.Delete(Cookie);
            return;
        }
        if (http.Request.Cookies[Cookie] == Name(asked)) return;
        http.Response.Cookies.Append(Cookie, Name(asked), Site.ReaderCookie.Options(http, TimeSpan.FromDays(365)));
    }
}
