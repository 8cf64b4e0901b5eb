namespace SomeForum.Web.Posts;

public static class PostLimits
{
    public const int SlugLength = 200;
    public const int TitleLength = 200;
    public const int ExcerptLength = 400;
    public const int BodyLength = 100_000;
}
