using SomeForum.Web.Site;

namespace SomeForum.Tests.Site;

public sealed class ForumUrlsTests
{
    [Theory]
    [InlineData("/2013/12/01/some-so-far-so-what/", "some-so-far-so-what")]
    [InlineData("/2013/12/01/some-so-far-so-what", "some-so-far-so-what")]
    [InlineData("/2013/12/some-so-far-so-what/", "some-so-far-so-what")]
    [InlineData("/2013/12/01/some-so-far-so-what/comment-page-2/", "some-so-far-so-what")]
    [InlineData("/2013/12/01/%C3%A9t%C3%A9/", "été")]
    public void SlugOfWordPressPath_ADatePermalink_GivesItsSlug(string path, string slug) =>
        Assert.Equal(slug, ForumUrls.SlugOfWordPressPath(path));

    [Theory]
    [InlineData("/")]
    [InlineData("/posts/some-so-far-so-what")]
    [InlineData("/13/12/01/slug/")]
    [InlineData("/2013/1/01/slug/")]
    [InlineData("/2013/12/01/")]
    [InlineData("/2013/12/01/slug/extra/")]
    [InlineData("/moderation/log/x/")]
    [InlineData("/2013/12/01/slug/comment-page-x/")]
    public void SlugOfWordPressPath_AnyOtherPath_IsNull(string path) =>
        Assert.Null(ForumUrls.SlugOfWordPressPath(path));

    [Fact]
    public void PostFromWordPress_HasAFragmentOfItsOwn_SoTheOldCommentNumberIsNotCarriedOver() =>
        Assert.Equal("/posts/caf%C3%A9#main", ForumUrls.PostFromWordPress("café"));

    [Fact]
    public void Home_NamesItsPageWithPage_NotWithWordPressesP()
    {
        Assert.Equal("/", ForumUrls.Home(1));
        Assert.Equal("/?page=3", ForumUrls.Home(3));
    }
}
