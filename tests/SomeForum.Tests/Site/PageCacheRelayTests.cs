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
}
