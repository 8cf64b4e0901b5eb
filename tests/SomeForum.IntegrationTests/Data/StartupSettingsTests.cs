using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Data;

/// <summary>Every section of the configuration is checked when the app starts, with a message that names the setting.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Admin:Email", "owner@example.org", "Set both Admin:Email and Admin:Password")]
    [InlineData("Admin:Password", "a long enough password", "Set both Admin:Email and Admin:Password")]
    [InlineData("Admin:Email", "not an address", "Admin:Email is not an email address")]
    [InlineData("Posts:MembersCanStart", "perhaps", "MembersCanStart")]
    [InlineData("Database:Provider", "MySql", "Database:Provider 'MySql' is not known")]
    public void AWrongSettingStopsTheAppFromStartingAndSaysWhich(string key, string value, string message)
    {
        using var forum = new ForumFactory().With(key, value);
        if (key == "Admin:Email" && value.Contains('@', StringComparison.Ordinal)) forum.With("Admin:Password", null);
        var error = Assert.ThrowsAny<Exception>(() => forum.Server);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AShortAdministratorPasswordIsRefusedAtStart()
    {
        using var forum = new ForumFactory().With("Admin:Email", "owner@example.org").With("Admin:Password", "short");
        var error = Assert.ThrowsAny<Exception>(() => forum.Server);
        Assert.Contains("Admin:Password must be at least 10 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("SQLITE")]
    [InlineData(" Sqlite ")]
    public async Task TheProviderIsReadTheSameWayInAnyCase(string provider)
    {
        using var forum = new ForumFactory().With("Database:Provider", provider);
        Assert.Equal(SeedThread.Entries, await forum.WithDbAsync(db => db.Comments.CountAsync()));
    }
}
