using SomeForum.Web.Comments;

namespace SomeForum.Tests.Comments;

/// <summary>
/// The reader's tree of a thread, built from rows in thread order: replies under their parents, hidden
/// comments only as placeholders for visible replies, published top-level entries numbered in written order.
/// </summary>
public sealed class CommentTreeTests
{
    [Fact]
    public void Build_NoRows_GivesAnEmptyTree() => Assert.Empty(CommentTree.Build([]));

    [Fact]
    public void Build_NoRowsNewestFirst_GivesAnEmptyTree() => Assert.Empty(CommentTree.Build([], 5, CommentOrder.NewestFirst));

    [Fact]
    public void Build_TopLevelRows_AreRootsInThreadOrder()
    {
        var tree = CommentTree.Build([Row(1), Row(2), Row(3)]);

        Assert.Equal([1L, 2L, 3L], Ids(tree));
        Assert.All(tree, node => Assert.Empty(node.Replies));
    }

    [Fact]
    public void Build_Replies_HangUnderTheirParentByParentId()
    {
        var a = Row(1);
        var b = Row(2);
        var a1 = Row(3, a);
        var a2 = Row(5, a);
        var b1 = Row(4, b);
        var a1x = Row(6, a1);

        var tree = CommentTree.Build(InThreadOrder(a, b, a1, a2, b1, a1x));

        Assert.Equal([1L, 2L], Ids(tree));
        Assert.Equal([3L, 5L], Ids(tree[0].Replies));
        Assert.Equal([6L], Ids(tree[0].Replies[0].Replies));
        Assert.Empty(tree[0].Replies[1].Replies);
        Assert.Equal([4L], Ids(tree[1].Replies));
        Assert.Same(a1x, tree[0].Replies[0].Replies[0].Comment);
    }

    [Fact]
    public void Build_HiddenCommentWithoutReplies_IsDropped()
    {
        var a = Row(1);
        var hidden = Row(2, visible: false, status: CommentStatus.Pending);
        var hiddenReply = Row(3, a, visible: false, status: CommentStatus.Spam);

        var tree = CommentTree.Build(InThreadOrder(a, hidden, hiddenReply));

        Assert.Equal([1L], Ids(tree));
        Assert.Empty(tree[0].Replies);
    }

    [Fact]
    public void Build_HiddenCommentWithOnlyHiddenReplies_IsDropped()
    {
        var hidden = Row(1, visible: false, status: CommentStatus.Trash);
        var hiddenReply = Row(2, hidden, visible: false, status: CommentStatus.Pending);

        Assert.Empty(CommentTree.Build(InThreadOrder(hidden, hiddenReply)));
    }

    [Fact]
    public void Build_HiddenTopLevelWithAVisibleReply_StaysAsPlaceholder()
    {
        var hidden = Row(1, visible: false, status: CommentStatus.Trash);
        var reply = Row(2, hidden);

        var tree = CommentTree.Build(InThreadOrder(hidden, reply));

        var placeholder = Assert.Single(tree);
        Assert.Same(hidden, placeholder.Comment);
        Assert.False(placeholder.Comment.IsVisible);
        Assert.Same(reply, Assert.Single(placeholder.Replies).Comment);
    }

    [Fact]
    public void Build_HiddenChainAboveADeepVisibleReply_StaysAsPlaceholdersAtEveryDepth()
    {
        var root = Row(1, visible: false, status: CommentStatus.Spam);
        var middle = Row(2, root, visible: false, status: CommentStatus.Pending);
        var lower = Row(3, middle, visible: false, status: CommentStatus.Trash);
        var visible = Row(4, lower);
        var droppedSibling = Row(5, middle, visible: false, status: CommentStatus.Trash);

        var tree = CommentTree.Build(InThreadOrder(root, middle, lower, visible, droppedSibling));

        var n1 = Assert.Single(tree);
        var n2 = Assert.Single(n1.Replies);
        var n3 = Assert.Single(n2.Replies);
        var n4 = Assert.Single(n3.Replies);
        Assert.Equal([1L, 2L, 3L, 4L], new[] { n1, n2, n3, n4 }.Select(n => n.Comment.Id));
        Assert.Empty(n4.Replies);
    }

    [Fact]
    public void Build_HiddenReplyWithAVisibleReply_StaysAsPlaceholderUnderAVisibleParent()
    {
        var a = Row(1);
        var hidden = Row(2, a, visible: false, status: CommentStatus.Trash);
        var visible = Row(3, hidden);

        var tree = CommentTree.Build(InThreadOrder(a, hidden, visible));

        var placeholder = Assert.Single(Assert.Single(tree).Replies);
        Assert.Equal(2, placeholder.Comment.Id);
        Assert.Equal(3, Assert.Single(placeholder.Replies).Comment.Id);
    }

    [Fact]
    public void Build_PublishedTopLevelEntries_AreNumberedFromOneByDefault()
    {
        var tree = CommentTree.Build([Row(5), Row(8), Row(13)]);

        Assert.Equal([1, 2, 3], Numbers(tree));
    }

    [Fact]
    public void Build_PublishedTopLevelEntries_AreNumberedOnFromNumberBase()
    {
        var tree = CommentTree.Build([Row(5), Row(8), Row(13)], numberBase: 20);

        Assert.Equal([21, 22, 23], Numbers(tree));
    }

    [Fact]
    public void Build_Replies_AreNotNumberedNorCountedInTheNumbering()
    {
        var a = Row(1);
        var a1 = Row(2, a);
        var a1x = Row(3, a1);
        var b = Row(4);

        var tree = CommentTree.Build(InThreadOrder(a, a1, a1x, b));

        Assert.Equal([1, 2], Numbers(tree));
        Assert.Null(tree[0].Replies[0].Number);
        Assert.Null(tree[0].Replies[0].Replies[0].Number);
    }

    [Fact]
    public void Build_OwnHeldTopLevelEntry_IsShownUnnumberedAndSkippedInTheNumbering()
    {
        var a = Row(1);
        var held = Row(2, status: CommentStatus.Pending);
        var b = Row(3);

        var tree = CommentTree.Build(InThreadOrder(a, held, b));

        Assert.Equal([1L, 2L, 3L], Ids(tree));
        Assert.Equal([1, null, 2], Numbers(tree));
        Assert.True(tree[1].Comment.AwaitingModeration);
    }

    [Fact]
    public void Build_PlaceholderTopLevelEntry_IsUnnumberedAndSkippedInTheNumbering()
    {
        var a = Row(1);
        var hidden = Row(2, visible: false, status: CommentStatus.Trash);
        var reply = Row(3, hidden);
        var b = Row(4);

        var tree = CommentTree.Build(InThreadOrder(a, hidden, reply, b), numberBase: 10);

        Assert.Equal([1L, 2L, 4L], Ids(tree));
        Assert.Equal([11, null, 12], Numbers(tree));
    }

    [Fact]
    public void Build_HiddenApprovedTopLevelPlaceholder_IsUnnumbered()
    {
        var hidden = Row(1, visible: false, status: CommentStatus.Approved);
        var reply = Row(2, hidden);
        var b = Row(3);

        var tree = CommentTree.Build(InThreadOrder(hidden, reply, b));

        Assert.Equal([null, 1], Numbers(tree));
    }

    [Fact]
    public void Build_NewestFirst_ReversesTheTopLevelOrderButKeepsTheWrittenOrderNumbers()
    {
        var tree = CommentTree.Build([Row(1), Row(2, status: CommentStatus.Pending), Row(3)], numberBase: 4, order: CommentOrder.NewestFirst);

        Assert.Equal([3L, 2L, 1L], Ids(tree));
        Assert.Equal([6, null, 5], Numbers(tree));
    }

    [Fact]
    public void Build_NewestFirst_KeepsRepliesOldestFirstAtEveryDepth()
    {
        var a = Row(1);
        var a1 = Row(2, a);
        var a2 = Row(3, a);
        var a1x = Row(4, a1);
        var a1y = Row(5, a1);
        var b = Row(6);

        var tree = CommentTree.Build(InThreadOrder(a, a1, a2, a1x, a1y, b), order: CommentOrder.NewestFirst);

        Assert.Equal([6L, 1L], Ids(tree));
        Assert.Equal([2L, 3L], Ids(tree[1].Replies));
        Assert.Equal([4L, 5L], Ids(tree[1].Replies[0].Replies));
    }

    [Fact]
    public void Build_RepliesToAVisibleComment_NamesItsAuthor()
    {
        var a = Row(1, author: "Ada");
        var b = Row(2, a, author: "Brian");
        var c = Row(3, b, repliesTo: a, author: "Chen");

        var tree = CommentTree.Build(InThreadOrder(a, b, c));

        Assert.Null(tree[0].RepliesToAuthor);
        Assert.Equal("Ada", tree[0].Replies[0].RepliesToAuthor);
        Assert.Equal("Ada", tree[0].Replies[0].Replies[0].RepliesToAuthor);
    }

    [Fact]
    public void Build_RepliesToAVisibleCommentInAnotherThread_NamesItsAuthor()
    {
        var a = Row(1, author: "Ada");
        var b = Row(2, author: "Brian");
        var b1 = Row(3, b, repliesTo: a, author: "Chen");

        var tree = CommentTree.Build(InThreadOrder(a, b, b1));

        Assert.Equal("Ada", tree[1].Replies[0].RepliesToAuthor);
    }

    [Fact]
    public void Build_RepliesToTheOwnHeldComment_NamesItsAuthor()
    {
        var held = Row(1, status: CommentStatus.Pending, author: "Ada");
        var reply = Row(2, held, author: "Brian");

        var tree = CommentTree.Build(InThreadOrder(held, reply));

        Assert.Equal("Ada", tree[0].Replies[0].RepliesToAuthor);
    }

    [Fact]
    public void Build_RepliesToAHiddenComment_LeavesTheAuthorUnnamed()
    {
        var hidden = Row(1, visible: false, status: CommentStatus.Spam, author: "Spammer");
        var reply = Row(2, hidden, author: "Brian");
        var other = Row(3, author: "Chen");
        var otherReply = Row(4, other, repliesTo: hidden, author: "Dana");

        var tree = CommentTree.Build(InThreadOrder(hidden, reply, other, otherReply));

        Assert.Null(tree[0].Replies[0].RepliesToAuthor);
        Assert.Null(tree[1].Replies[0].RepliesToAuthor);
    }

    [Fact]
    public void Build_RepliesToACommentNotAmongTheRows_LeavesTheAuthorUnnamed()
    {
        var a = Row(1, author: "Ada");
        var reply = Row(2, a, author: "Brian") with { RepliesToId = 99 };

        var tree = CommentTree.Build(InThreadOrder(a, reply));

        Assert.Null(tree[0].Replies[0].RepliesToAuthor);
    }

    [Fact]
    public void Build_KeepsEachRowAsItsNodesComment()
    {
        var a = Row(1, author: "Ada");
        var b = Row(2, a, author: "Brian");

        var tree = CommentTree.Build(InThreadOrder(a, b));

        Assert.Same(a, tree[0].Comment);
        Assert.Same(b, tree[0].Replies[0].Comment);
    }

    private static CommentRow Row(
        long id,
        CommentRow? parent = null,
        bool visible = true,
        CommentStatus status = CommentStatus.Approved,
        CommentRow? repliesTo = null,
        string? author = null) =>
        new(
            Id: id,
            ParentId: parent?.Id,
            RepliesToId: (repliesTo ?? parent)?.Id,
            ThreadPath: ThreadPath.Of(parent?.ThreadPath, id),
            Depth: parent is null ? 0 : parent.Depth + 1,
            Kind: CommentKind.Comment,
            Status: status,
            IsVisible: visible,
            AuthorName: author ?? $"Author {id}",
            AuthorEmail: null,
            AuthorUrl: null,
            Html: visible ? $"<p>Comment {id}</p>" : null,
            CreatedAt: new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id),
            SourceUrl: null,
            SourceTitle: null);

    /// <summary>The rows as the store gives them: ordered by thread path.</summary>
    private static CommentRow[] InThreadOrder(params CommentRow[] rows) =>
        [.. rows.OrderBy(r => r.ThreadPath, StringComparer.Ordinal)];

    private static long[] Ids(IEnumerable<CommentNode> nodes) => [.. nodes.Select(n => n.Comment.Id)];

    private static int?[] Numbers(IEnumerable<CommentNode> nodes) => [.. nodes.Select(n => n.Number)];
}
