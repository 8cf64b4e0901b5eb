namespace SomeForum.Web.Comments;

public static class CommentLimits
{
    public const int AuthorNameLength = 200;
    public const int EmailLength = 254;
    public const int UrlLength = 2000;
    public const int SourceTitleLength = 300;
    public const int ImportKeyLength = 300;

    /// <summary>One segment per level; see <see cref="ThreadPath"/>.</summary>
    public const int ThreadPathLength = 400;
}
