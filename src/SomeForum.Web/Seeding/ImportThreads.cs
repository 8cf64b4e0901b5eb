using System.Globalization;
using SomeForum.Web.Comments;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.Web.Seeding;

/// <summary>A comment of an export file placed in its thread, with its replies.</summary>
public sealed class ImportNode<T>(T comment)
{
    public T Comment { get; } = comment;
    public List<ImportNode<T>> Replies { get; } = [];

    public IEnumerable<T> Walk() => Replies.SelectMany(r => r.Walk()).Prepend(Comment);
}

/// <summary>A reply that could not go under the parent the file names: kept elsewhere in its thread, and listed.</summary>
public sealed record ImportOrphan(long ContainerId, long CommentId, long ParentId, string Why);

/// <summary>How an export names its comments, so one tree builder serves every importer.</summary>
public sealed record ImportShape<T>(Func<T, long> Id, Func<T, long> ParentId, Func<T, DateTime?> WrittenAt);

/// <summary>
/// What the file importers (WordPress, Disqus) share: the comments of a file made into threads, and the parts of
/// the report that say what was moved, merged or left out.
/// </summary>
public static class ImportThreads
{
    /// <summary>Levels a thread path holds (<see cref="CommentLimits.ThreadPathLength"/>, 13 characters a level).</summary>
    public const int MaxLevels = CommentLimits.ThreadPathLength / 13;

    /// <summary>
    /// One container's comments (a post's, a page's) as threads, oldest first at every level. A parent id of 0 means
    /// a top-level comment. A reply whose parent is not among them (or whose parents loop) is kept at the top level
    /// and listed; one nested deeper than a thread path holds is attached under the deepest level and listed; a
    /// repeated id is given to <paramref name="duplicate"/> and left out. Comments <paramref name="onlyAsParent"/>
    /// says yes to are kept only while something below them is kept (and reported to <paramref name="dropped"/>
    /// otherwise): a deleted comment that stays as its replies' placeholder. <paramref name="order"/>, when given, orders
    /// every level instead of the dates (an export that lists its threads in their order already).
    /// </summary>
    public static List<ImportNode<T>> Build<T>(
        IEnumerable<T> comments, ImportShape<T> shape, long containerId, List<ImportOrphan> orphans, Action<T, T> duplicate,
        Func<T, bool>? onlyAsParent = null, Action<T>? dropped = null, Comparison<T>? order = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(orphans);
        var nodes = new Dictionary<long, ImportNode<T>>();
        foreach (var comment in comments)
        {
            if (!nodes.TryAdd(shape.Id(comment), new ImportNode<T>(comment))) duplicate(comment, nodes[shape.Id(comment)].Comment);
        }
        var roots = new List<ImportNode<T>>();
        var parents = new Dictionary<ImportNode<T>, ImportNode<T>>();
        foreach (var node in nodes.Values)
        {
            var (id, parentId) = (shape.Id(node.Comment), shape.ParentId(node.Comment));
            if (parentId != 0 && parentId != id && nodes.TryGetValue(parentId, out var parent))
            {
                parent.Replies.Add(node);
                parents[node] = parent;
                continue;
            }
            if (parentId != 0) orphans.Add(new ImportOrphan(containerId, id, parentId, "its parent is not in the file:"));
            roots.Add(node);
        }

        var reached = new HashSet<ImportNode<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<ImportNode<T>>(roots);
        Reach();
        foreach (var node in nodes.Values.Where(n => !reached.Contains(n)).ToList())
        {
            if (reached.Contains(node)) continue;
            parents[node].Replies.Remove(node);
            orphans.Add(new ImportOrphan(containerId, shape.Id(node.Comment), shape.ParentId(node.Comment), "its parents loop back to it; parent"));
            roots.Add(node);
            stack.Push(node);
            Reach();
        }

        Order(roots);
        foreach (var node in nodes.Values) Order(node.Replies);
        Flatten(roots, 0);
        // After flattening, so the walk is never deeper than a thread path.
        if (onlyAsParent is not null) roots.RemoveAll(root => !Kept(root));
        return roots;

        bool Kept(ImportNode<T> node)
        {
            node.Replies.RemoveAll(reply => !Kept(reply));
            if (node.Replies.Count > 0 || !onlyAsParent(node.Comment)) return true;
            dropped?.Invoke(node.Comment);
            return false;
        }

        // A thread's path holds every level's id in a column of fixed width: replies below the deepest level it
        // holds are attached beside the deepest one, under its parent, oldest first, and listed.
        void Flatten(List<ImportNode<T>> level, int depth)
        {
            foreach (var node in level)
            {
                if (depth < MaxLevels - 2)
                {
                    Flatten(node.Replies, depth + 1);
                    continue;
                }
                var hoisted = new List<ImportNode<T>>();
                foreach (var child in node.Replies)
                {
                    var below = new Stack<ImportNode<T>>(child.Replies);
                    child.Replies.Clear();
                    while (below.TryPop(out var deep))
                    {
                        foreach (var reply in deep.Replies) below.Push(reply);
                        deep.Replies.Clear();
                        hoisted.Add(deep);
                        orphans.Add(new ImportOrphan(containerId, shape.Id(deep.Comment), shape.ParentId(deep.Comment),
                            $"nested deeper than {MaxLevels} levels, so attached under comment {shape.Id(node.Comment)} instead of its parent"));
                    }
                }
                node.Replies.AddRange(hoisted);
                Order(node.Replies);
            }
        }

        void Reach()
        {
            while (stack.TryPop(out var node))
            {
                if (!reached.Add(node)) continue;
                foreach (var reply in node.Replies) stack.Push(reply);
            }
        }

        void Order(List<ImportNode<T>> list) => list.Sort(order is not null
            ? (a, b) => order(a.Comment, b.Comment)
            : (a, b) => (shape.WrittenAt(a.Comment) ?? DateTime.MinValue, shape.Id(a.Comment)).CompareTo((shape.WrittenAt(b.Comment) ?? DateTime.MinValue, shape.Id(b.Comment))));
    }

    /// <summary>Every slug in use, and the one a route reserves, by what each looks like to a reader: for <see cref="UniqueSlug"/>.</summary>
    public static HashSet<string> TakenSlugs(IEnumerable<string> slugs)
    {
        var taken = slugs.Select(Slug.Skeleton).ToHashSet(StringComparer.Ordinal);
        taken.Add(Slug.Skeleton(ForumUrls.SlugOf(ForumUrls.NewPost)!));
        return taken;
    }

    /// <summary>
    /// The slug itself when neither it nor a look-alike is taken (<see cref="Slug.Skeleton"/>, as the editor checks),
    /// else the first of slug-2, slug-3… that is free; taken from then on.
    /// </summary>
    public static string UniqueSlug(string slug, HashSet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var candidate = slug;
        for (var n = 2; !taken.Add(Slug.Skeleton(candidate)); n++) candidate = $"{slug}-{n}";
        return candidate;
    }

    /// <summary>"6 approved, 1 pending, 1 spam, 1 trash": every status named, approved first.</summary>
    public static string StatusCounts(IEnumerable<CommentStatus> statuses)
    {
        var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return string.Join(", ", Enum.GetValues<CommentStatus>()
            .OrderBy(s => s == CommentStatus.Approved ? 0 : 1 + (int)s)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{counts.GetValueOrDefault(s)} {s.ToString().ToLowerInvariant()}")));
    }

    /// <summary>
    /// The report's closing sections, worded alike for every importer: orphans (<paramref name="where"/> names each
    /// one's place), duplicates, what was imported before, and what is skipped, grouped by why, the commonest first.
    /// </summary>
    public static void WriteClosingSections(
        TextWriter output, IReadOnlyList<ImportOrphan> orphans, Func<ImportOrphan, string> where, IReadOnlyList<string> duplicates,
        IReadOnlyList<string> alreadyImported, IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(orphans);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(duplicates);
        ArgumentNullException.ThrowIfNull(alreadyImported);
        ArgumentNullException.ThrowIfNull(skipped);
        output.WriteLine(orphans.Count == 0 ? "Replies whose parent is missing: none" : Invariant($"Replies whose parent is missing (kept, attached at the top level) or too deep: {orphans.Count}"));
        foreach (var orphan in orphans) output.WriteLine(Invariant($"  {where(orphan)}: {orphan.Why} {orphan.ParentId}"));
        output.WriteLine(duplicates.Count == 0 ? "Duplicates: none" : Invariant($"Duplicates (the first kept): {duplicates.Count}"));
        foreach (var duplicate in duplicates) output.WriteLine($"  {duplicate}");
        output.WriteLine(alreadyImported.Count == 0 ? "Already imported: none" : Invariant($"Already imported (left as they are): {alreadyImported.Count}"));
        foreach (var line in alreadyImported) output.WriteLine($"  {line}");
        output.WriteLine(skipped.Count == 0 ? "Skipped: none" : Invariant($"Skipped: {skipped.Count}"));
        foreach (var group in skipped.GroupBy(s => s).OrderByDescending(g => g.Count()))
        {
            output.WriteLine(Invariant($"  {group.Count()} × {group.Key}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each container's import counts from zero; the bar counts the whole file.</summary>
    public sealed class Offset(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
