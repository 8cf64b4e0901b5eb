using SomeForum.Web.Comments;

namespace SomeForum.Tests.Comments;

/// <summary>
/// A thread path is the chain of ids from the top-level entry down, each padded to one width, so that
/// ordering paths ordinally (as the store's byte-wise collation does) lists a thread depth-first, siblings oldest first.
/// </summary>
public sealed class ThreadPathTests
{
    [Theory]
    [InlineData(1L, "000000000001")]
    [InlineData(9L, "000000000009")]
    [InlineData(10L, "000000000010")]
    [InlineData(100L, "000000000100")]
    [InlineData(123456789012L, "123456789012")]
    public void Of_TopLevel_IsTheIdPaddedToTwelveDigits(long id, string expected) =>
        Assert.Equal(expected, ThreadPath.Of(null, id));

    [Fact]
    public void Of_Reply_AppendsItsPaddedIdToTheParentPathAfterTheSeparator()
    {
        var parent = ThreadPath.Of(null, 7);

        Assert.Equal("000000000007.000000000042", ThreadPath.Of(parent, 42));
    }

    [Fact]
    public void Of_DeepReply_KeepsEveryAncestorInOrder()
    {
        var path = ThreadPath.Of(ThreadPath.Of(ThreadPath.Of(null, 3), 15), 200);

        Assert.Equal("000000000003.000000000015.000000000200", path);
        Assert.Equal(["000000000003", "000000000015", "000000000200"], path.Split(ThreadPath.Separator));
    }

    [Fact]
    public void Of_EverySegment_HasTheSameWidthWhateverTheIdsDigitCount()
    {
        var path = ThreadPath.Of(ThreadPath.Of(ThreadPath.Of(null, 9), 10), 100);

        Assert.All(path.Split(ThreadPath.Separator), segment => Assert.Equal(12, segment.Length));
    }

    [Fact]
    public void Separator_IsADot() => Assert.Equal('.', ThreadPath.Separator);

    [Fact]
    public void Separator_SortsBeforeEveryDigit() =>
        Assert.All("0123456789", digit => Assert.True(ThreadPath.Separator < digit));

    [Fact]
    public void OrdinalOrder_SiblingsOfDifferentDigitCounts_AreOldestFirst()
    {
        var paths = new[] { ThreadPath.Of(null, 100), ThreadPath.Of(null, 10), ThreadPath.Of(null, 9) };

        Array.Sort(paths, StringComparer.Ordinal);

        Assert.Equal([ThreadPath.Of(null, 9), ThreadPath.Of(null, 10), ThreadPath.Of(null, 100)], paths);
    }

    [Fact]
    public void OrdinalOrder_RepliesOfDifferentDigitCounts_AreOldestFirst()
    {
        var parent = ThreadPath.Of(null, 1);
        var paths = new[] { ThreadPath.Of(parent, 100), ThreadPath.Of(parent, 9), ThreadPath.Of(parent, 10) };

        Array.Sort(paths, StringComparer.Ordinal);

        Assert.Equal([ThreadPath.Of(parent, 9), ThreadPath.Of(parent, 10), ThreadPath.Of(parent, 100)], paths);
    }

    [Fact]
    public void OrdinalOrder_ParentComesBeforeItsReplies()
    {
        var parent = ThreadPath.Of(null, 10);

        Assert.True(string.CompareOrdinal(parent, ThreadPath.Of(parent, 11)) < 0);
        Assert.True(string.CompareOrdinal(parent, ThreadPath.Of(parent, 1000)) < 0);
    }

    [Fact]
    public void OrdinalOrder_ALateReplySortsBeforeTheParentsNextSibling()
    {
        // Reply 100 was written after top-level entry 10, yet belongs under entry 9.
        var reply = ThreadPath.Of(ThreadPath.Of(null, 9), 100);
        var nextSibling = ThreadPath.Of(null, 10);

        Assert.True(string.CompareOrdinal(reply, nextSibling) < 0);
    }

    [Fact]
    public void OrdinalOrder_OfAWholeThread_IsDepthFirstWithSiblingsOldestFirst()
    {
        // Written in id order:  9, 10, 11 (reply to 9), 12 (reply to 10), 100 (reply to 11), 101 (reply to 9), 1000 (top level).
        var p9 = ThreadPath.Of(null, 9);
        var p10 = ThreadPath.Of(null, 10);
        var p11 = ThreadPath.Of(p9, 11);
        var p12 = ThreadPath.Of(p10, 12);
        var p100 = ThreadPath.Of(p11, 100);
        var p101 = ThreadPath.Of(p9, 101);
        var p1000 = ThreadPath.Of(null, 1000);
        var byId = new Dictionary<string, long>
        {
            [p9] = 9, [p10] = 10, [p11] = 11, [p12] = 12, [p100] = 100, [p101] = 101, [p1000] = 1000,
        };

        var listed = byId.Keys.OrderBy(p => p, StringComparer.Ordinal).Select(p => byId[p]).ToList();

        Assert.Equal([9L, 11L, 100L, 101L, 10L, 12L, 1000L], listed);
    }

    [Fact]
    public void OrdinalOrder_ASubtreeLiesBetweenItsRootAndTheRootFollowedBySlash()
    {
        // The reader's page query loads a run of whole threads as the range [first, last + "/").
        var root = ThreadPath.Of(null, 9);
        var descendants = new[] { ThreadPath.Of(root, 10), ThreadPath.Of(ThreadPath.Of(root, 10), 999_999), ThreadPath.Of(root, 100) };
        var outside = new[] { ThreadPath.Of(null, 8), ThreadPath.Of(null, 10), ThreadPath.Of(ThreadPath.Of(null, 10), 11) };
        var end = root + "/";

        Assert.All(descendants, p => Assert.True(string.CompareOrdinal(p, root) > 0 && string.CompareOrdinal(p, end) < 0, p));
        Assert.All(outside, p => Assert.False(string.CompareOrdinal(p, root) >= 0 && string.CompareOrdinal(p, end) < 0, p));
    }
}
