namespace SomeForum.Web.Posts;

public static class PostLimits
{
    public const int SlugLength = 200;
    public const int TitleLength = 200;
    public const int ExcerptLength = 400;
}
