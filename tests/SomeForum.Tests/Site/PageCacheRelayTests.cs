using SomeForum.Web.Site;

namespace SomeForum.Tests.Site;

/// <summary>What one instance tells the others: its own id and the tags to evict, read back the same.</summary>
public sealed class PageCacheRelayTests
{
    [Fact]
    public void Parse_APayloadItWrote_GivesBackTheSenderAndTheTags()
    {
        var sender = Guid.NewGuid();
        var payload = PageCacheRelay.Payload(sender, ["post-12", "listing"]);
        Assert.Equal($"{sender:N} post-12,listing", payload);
        var (from, tags) = PageCacheRelay.Parse(payload)!.Value;
        Assert.Equal(sender, from);
        Assert.Equal(["post-12", "listing"], tags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("post-12,listing")]
    [InlineData("not-a-guid post-12")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef ,")]
    public void Parse_SomethingElse_GivesNothing(string payload) => Assert.Null(PageCacheRelay.Parse(payload));

    [Fact]
    public void ParsePublished_APayloadItWrote_GivesBackTheSenderThePostAndTheComment()
    {
        var sender = Guid.NewGuid();
        var payload = PageCacheRelay.PublishedPayload(sender, 12, 345);
        Assert.Equal($"{sender:N} published 12 345", payload);
        Assert.Equal((sender, 12L, 345L), PageCacheRelay.ParsePublished(payload));
        // Never read as tags to evict.
        Assert.Null(PageCacheRelay.Parse(payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdef post-12,listing")]
    [InlineData("0123456789abcdef0123456789abcdef published 12")]
    [InlineData("0123456789abcdef0123456789abcdef published 12 -3")]
    [InlineData("0123456789abcdef0123456789abcdef published x 3")]
    [InlineData("not-a-guid published 12 345")]
    public void ParsePublished_SomethingElse_GivesNothing(string payload) => Assert.Null(PageCacheRelay.ParsePublished(payload));
}
