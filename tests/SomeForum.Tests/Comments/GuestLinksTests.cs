using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;

namespace SomeForum.Tests.Comments;

public sealed class GuestLinksTests
{
    private static readonly DateTime Received = new(2026, 11, 30, 8, 0, 0, 500, DateTimeKind.Utc);
    private static readonly DateTime Until = Received.AddMinutes(15);

    private sealed class Monitor(CommentOptions value) : IOptionsMonitor<CommentOptions>
    {
        public CommentOptions CurrentValue => value;

        public CommentOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CommentOptions, string?> listener) => null;
    }

    private static GuestLinks Links(int windowMinutes = 15) =>
        new(new EphemeralDataProtectionProvider(), new Monitor(new CommentOptions { EditWindowMinutes = windowMinutes }), TimeProvider.System,
            new CommenterCookies(new EphemeralDataProtectionProvider()));

    [Fact]
    public void Read_TokenItIssued_GivesTheCommentTheSecondItWasReceivedAndTheEnd()
    {
        var links = Links();
        var pass = links.Read(GuestLinkKind.Edit, 42, links.Issue(GuestLinkKind.Edit, 42, Received, Until));

        Assert.Equal(new GuestPass(42, new DateTimeOffset(Received).ToUnixTimeSeconds(), Until.AddMilliseconds(-500)), pass);
    }

    [Fact]
    public void Read_TokenOfAnotherComment_IsNull()
    {
        var links = Links();
        Assert.Null(links.Read(GuestLinkKind.Edit, 43, links.Issue(GuestLinkKind.Edit, 42, Received, Until)));
    }

    [Fact]
    public void Read_TokenOfTheOtherKindOfLink_IsNull()
    {
        var links = Links();
        Assert.Null(links.Read(GuestLinkKind.Edit, 42, links.Issue(GuestLinkKind.Data, 42, Received, Until)));
        Assert.Null(links.Read(GuestLinkKind.Data, 42, links.Issue(GuestLinkKind.Edit, 42, Received, Until)));
    }

    [Fact]
    public void Read_AnyCharacterChanged_IsNull()
    {
        var links = Links();
        var token = links.Issue(GuestLinkKind.Edit, 42, Received, Until);
        var bytes = WebEncoders.Base64UrlDecode(token);
        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            // The last character's low bits may be padding: changing only them changes no byte. Setting them may also
            // make the text no Base64 at all, which is a changed token too.
            if (Decoded(changed) is { } same && same.AsSpan().SequenceEqual(bytes)) continue;
            Assert.True(links.Read(GuestLinkKind.Edit, 42, changed) is null, $"a token changed at {i} was read");
        }
    }

    private static byte[]? Decoded(string token)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [Fact]
    public void Read_TokenFromAnotherKeyRing_IsNull()
    {
        var token = Links().Issue(GuestLinkKind.Edit, 42, Received, Until);
        Assert.Null(Links().Read(GuestLinkKind.Edit, 42, token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public void Read_NoToken_IsNull(string? token) => Assert.Null(Links().Read(GuestLinkKind.Edit, 42, token));

    [Fact]
    public void OffersFor_AWindowShortenedSincePosting_EndsTheOfferSooner()
    {
        var received = DateTime.UtcNow.AddMinutes(-10);
        var own = new CommenterCookies.OwnComment(42, received, received.AddMinutes(15));

        Assert.Equal(received.AddMinutes(15), Assert.Single(Links(windowMinutes: 15).OffersFor([own])).Value.EditableUntil);
        Assert.Empty(Links(windowMinutes: 5).OffersFor([own]));
        Assert.Empty(Links(windowMinutes: 0).OffersFor([own]));
    }
}
