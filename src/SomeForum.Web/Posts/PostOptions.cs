namespace SomeForum.Web.Posts;

public sealed class PostOptions
{
    public const string Section = "Posts";

    /// <summary>An open forum: every signed-in member may start a discussion (their posts pass the moderation rules).</summary>
    public bool MembersCanStart { get; set; }

    /// <summary>Moderators may rewrite, publish, unpublish and trash posts they did not write (administrators always may).</summary>
    public bool ModeratorsEditOthersPosts { get; set; }

    public const int HomePageSize = 20;
}
