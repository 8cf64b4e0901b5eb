using SomeForum.Web.Site;

namespace SomeForum.Tests.Site;

public sealed class SiteSettingsTests
{
    private static readonly SiteSettingsView Configured = new("SomeForum", "", "Powered by SomeForum", null, 50, 5, 0);

    private static SiteSetting[] ProblemsOf(SiteSettingsView chosen) => [.. SiteSettingsRules.Problems(chosen).Select(p => p.Setting)];

    [Fact]
    public void Problems_TheDefaults_AreNone() => Assert.Empty(ProblemsOf(Configured));

    [Theory]
    [InlineData("https://forum.example.org")]
    [InlineData("http://forum.example.org/")]
    [InlineData("https://example.org/forum")]
    [InlineData("https://[2001:db8::1]:8443")]
    public void AddressProblem_AnAbsoluteHttpAddress_IsNone(string url) => Assert.Null(SiteSettingsRules.AddressProblem(url));

    [Theory]
    [InlineData("forum.example.org", "Give the whole address")]
    [InlineData("/forum", "Give the whole address")]
    [InlineData("ftp://forum.example.org", "Give the whole address")]
    [InlineData("javascript:alert(1)", "Give the whole address")]
    [InlineData("file:///etc/passwd", "Give the whole address")]
    [InlineData("https://owner:secret@forum.example.org", "The address may not carry a user name or password.")]
    [InlineData("https://owner@forum.example.org", "The address may not carry a user name or password.")]
    [InlineData("https://forum.example.org/?a=1", "The address may not have a query")]
    [InlineData("https://forum.example.org/#top", "The address may not have a query")]
    public void AddressProblem_NotAPublicWebAddress_SaysWhy(string url, string message) =>
        Assert.StartsWith(message, SiteSettingsRules.AddressProblem(url), StringComparison.Ordinal);

    [Fact]
    public void AddressProblem_ALongAddress_IsRefused() =>
        Assert.NotNull(SiteSettingsRules.AddressProblem("https://example.org/" + new string('a', SiteSettingsRules.MaxSiteUrl)));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Problems_PageSize_MustBeFrom0To500(int size, bool fine) =>
        Assert.Equal(fine, !ProblemsOf(Configured with { CommentPageSize = size }).Contains(SiteSetting.CommentPageSize));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Problems_Depth_MustBeWithinWhatThreadsSupport(int depth, bool fine) =>
        Assert.Equal(fine, !ProblemsOf(Configured with { MaxReplyDepth = depth }).Contains(SiteSetting.MaxReplyDepth));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(36_500, true)]
    [InlineData(36_501, false)]
    public void Problems_CloseDays_MustNotBeNegative(int days, bool fine) =>
        Assert.Equal(fine, !ProblemsOf(Configured with { CloseCommentsAfterDays = days }).Contains(SiteSetting.CloseCommentsAfterDays));

    [Fact]
    public void Problems_TextsTooLongOrAnEmptyTitle_EachNamedOnce()
    {
        var chosen = Configured with
        {
            Title = "",
            Tagline = new string('t', SiteSettingsRules.MaxTagline + 1),
            FooterText = new string('f', SiteSettingsRules.MaxFooter + 1),
            SiteUrl = "nowhere",
        };
        Assert.Equal([SiteSetting.Title, SiteSetting.Tagline, SiteSetting.FooterText, SiteSetting.SiteUrl], ProblemsOf(chosen));
        Assert.Equal([SiteSetting.Title], ProblemsOf(Configured with { Title = new string('x', SiteSettingsRules.MaxTitle + 1) }));
    }

    [Fact]
    public void Save_ValuesEqualToTheConfigurations_AreNotStored()
    {
        var stored = new StoredSettings();
        stored.Save(Configured with { Title = "Reading Room", Tagline = "", CommentPageSize = 10 }, Configured);
        Assert.Equal(("Reading Room", (string?)null, (int?)10, (int?)null), (stored.Title, stored.Tagline, stored.CommentPageSize, stored.MaxReplyDepth));
        Assert.True(stored.Has(SiteSetting.Title));
        Assert.False(stored.Has(SiteSetting.Tagline));
    }

    [Fact]
    public void Over_WhatWasNeverSaved_IsTheConfigurations()
    {
        var stored = new StoredSettings { FooterText = "", CloseCommentsAfterDays = 30 };
        var current = stored.Over(Configured with { SiteUrl = "https://configured.example" });
        Assert.Equal(Configured with { FooterText = "", CloseCommentsAfterDays = 30, SiteUrl = "https://configured.example" }, current);
    }

    [Fact]
    public void Over_AnEmptySavedAddress_IsNoAddressThoughTheConfigurationHasOne()
    {
        var stored = new StoredSettings();
        stored.Save(Configured, Configured with { SiteUrl = "https://configured.example" });
        Assert.Equal("", stored.SiteUrl);
        Assert.Null(stored.Over(Configured with { SiteUrl = "https://configured.example" }).SiteUrl);
    }

    [Fact]
    public void Reset_OneSetting_LeavesTheOthers()
    {
        var stored = new StoredSettings { Title = "Mine", CommentPageSize = 10 };
        stored.Reset(SiteSetting.Title);
        Assert.Equal(("SomeForum", 10), (stored.Over(Configured).Title, stored.Over(Configured).CommentPageSize));
    }

    [Fact]
    public void ClosedByAge_SavedDays_CloseThatLongAfterPublishing()
    {
        var published = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var site = Configured with { CloseCommentsAfterDays = 14 };
        Assert.False(site.ClosedByAge(published, published.AddDays(13)));
        Assert.True(site.ClosedByAge(published, published.AddDays(15)));
        Assert.False(Configured.ClosedByAge(published, published.AddYears(10)));
    }
}
