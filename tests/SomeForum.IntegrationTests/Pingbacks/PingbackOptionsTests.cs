using Microsoft.Extensions.Options;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>The Pingback section is checked when the app starts, not when the first ping finds it wrong.</summary>
public sealed class PingbackOptionsTests
{
    [Theory]
    [InlineData("Pingback:RateLimitPerMinute", "0")]
    [InlineData("Pingback:MaxRedirects", "50")]
    [InlineData("Pingback:MaxSourceBytes", "10")]
    [InlineData("Pingback:CallTimeoutSeconds", "4")]
    public void AnImpossibleSettingStopsTheAppFromStarting(string key, string value)
    {
        using var forum = new ForumFactory().With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => forum.Server);
        Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
    }

    [Fact]
    public void AnImpossibleSettingStopsTheStartBeforeTheDatabaseIsTouched()
    {
        using var forum = new ForumFactory().With("Comments:PageSize", "-1");
        var error = Assert.ThrowsAny<Exception>(() => forum.Server);

        Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
        Assert.False(File.Exists(forum.DatabaseFile), "the database was created (migrated, seeded) before the settings were checked");
    }
}
