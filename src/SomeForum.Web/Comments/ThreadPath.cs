using System.Globalization;

namespace SomeForum.Web.Comments;

/// <summary>
/// A comment's place in its thread: the ids from the top-level entry down to it, each padded to
/// the same width, so that ordering by the path lists a thread depth-first with siblings oldest first.
/// </summary>
public static class ThreadPath
{
    /// <summary>The width of one id in a path, and so the length of a top-level entry's path.</summary>
    public const int SegmentWidth = 12;
    public const char Separator = '.';

    public static string Of(string? parentPath, long id)
    {
        var segment = id.ToString(new string('0', SegmentWidth), CultureInfo.InvariantCulture);
        return parentPath is null ? segment : string.Concat(parentPath, Separator.ToString(), segment);
    }

    /// <summary>The id of the top-level entry a path starts from.</summary>
    public static long RootId(string path)
    {
        var end = path.IndexOf(Separator, StringComparison.Ordinal);
        return long.Parse(end < 0 ? path : path[..end], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
