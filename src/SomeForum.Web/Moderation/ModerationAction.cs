namespace SomeForum.Web.Moderation;

public enum ModerationAction
{
    Approve,
    Unapprove,
    Spam,
    NotSpam,
    Trash,
    Restore,
}
