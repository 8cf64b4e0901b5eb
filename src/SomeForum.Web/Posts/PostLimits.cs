namespace SomeForum.Web.Posts;

public static class PostLimits
{
    public const int SlugLength = 200;
    public const int TitleLength = 200;
    public const int ExcerptLength = 400;

    /// <summary>Where an excerpt made from the body is cut (near a word), well inside the column's <see cref="ExcerptLength"/>.</summary>
    public const int ExcerptCut = 280;
    public const int BodyLength = 100_000;
}
