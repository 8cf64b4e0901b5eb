namespace SomeForum.Web.Accounts;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";
    public const string Author = "Author";

    public static readonly string[] All = [Administrator, Moderator, Author];
}

public static class Policies
{
    /// <summary>Moderators, and administrators, who may do everything a moderator may.</summary>
    public const string Moderate = "Moderate";
    public const string Administer = "Administer";
}
