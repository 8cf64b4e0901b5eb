using Microsoft.Extensions.Options;
using SomeForum.Web.Live;
using SomeForum.Web.Site;

namespace SomeForum.Tests.Live;

/// <summary>The per-instance hub: its bound, and which streams hear of a published comment and how.</summary>
public sealed class LiveHubTests
{
    private static LiveHub Hub(int max = 200) => new(Options.Create(new LiveOptions { MaxConnections = max }));

    [Fact]
    public void TryEnter_PastTheBound_IsRefusedUntilAPlaceIsGivenBack()
    {
        var hub = Hub(max: 2);
        Assert.True(hub.TryEnter());
        Assert.True(hub.TryEnter());
        Assert.False(hub.TryEnter());
        Assert.Equal(2, hub.Open);
        hub.Leave();
        Assert.True(hub.TryEnter());
        Assert.False(hub.TryEnter());
    }

    [Fact]
    public async Task Published_OnAPost_ReachesItsListenersOnlyAndCountsFromTheFirst()
    {
        var hub = Hub();
        using var reader = hub.Listen(12);
        using var neighbour = hub.Listen(12);
        using var elsewhere = hub.Listen(13);

        hub.Published(12, 345);
        hub.Published(12, 346);

        Assert.True(await reader.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal((2, 345L), reader.Take());
        Assert.Null(reader.Take());
        Assert.Equal((2, 345L), neighbour.Take());
        Assert.False(await elsewhere.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.Null(elsewhere.Take());
    }

    [Fact]
    public void Published_AfterAListenerLeft_IsNotKeptForIt()
    {
        var hub = Hub();
        var gone = hub.Listen(12);
        gone.Dispose();
        hub.Published(12, 345);
        Assert.Null(gone.Take());
    }

    [Fact]
    public void Event_SaysHowManyAndLinksToTheFirst() =>
        Assert.Equal("event: comments\ndata: {\"count\":3,\"href\":\"/comments/345\"}\n\n", LiveStreams.Event(3, 345));

    [Theory]
    [InlineData("/posts/some-post/live", "some-post")]
    [InlineData("/posts/live/live", "live")]
    [InlineData("/posts/live", null)]
    [InlineData("/posts//live", null)]
    [InlineData("/posts/a/b/live", null)]
    [InlineData("/posts/some-post", null)]
    [InlineData("/posts/some-post/live/", null)]
    public void SlugOfLive_ReadsBackWhatLiveWrote(string path, string? slug)
    {
        Assert.Equal(slug, ForumUrls.SlugOfLive(path));
        if (slug is not null) Assert.Equal(path, ForumUrls.Live(slug));
    }
}
