using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Seeding;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// A WordPress site imported with import-wxr keeps its old links: each is sent on for good (301) to where its post
/// or comment is now, and one that names nothing a reader may see is 404.
/// </summary>
public sealed class OldWordPressLinksTests(OldWordPressLinksTests.ImportedSite site) : IClassFixture<OldWordPressLinksTests.ImportedSite>
{
    private readonly ForumFactory factory = site.Factory;

    /// <summary>One site with the old blog imported, for every story here: they only read it.</summary>
    public sealed class ImportedSite : IAsyncLifetime
    {
        private readonly string file = Path.Combine(Path.GetTempPath(), $"someforum-old-links-{Guid.NewGuid():N}.xml");

        public ForumFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await File.WriteAllTextAsync(file, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel>
                <wp:wxr_version>1.2</wp:wxr_version>
                <wp:base_site_url>https://old-blog.example.org</wp:base_site_url>
                <item><title>Hello world</title><content:encoded>Hi.</content:encoded><wp:post_id>123</wp:post_id>
                  <wp:post_date_gmt>2013-12-01 10:00:00</wp:post_date_gmt><wp:post_name>hello-world</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
                  <wp:comment><wp:comment_id>456</wp:comment_id><wp:comment_author>Ann</wp:comment_author><wp:comment_content>Published.</wp:comment_content>
                    <wp:comment_date_gmt>2013-12-02 10:00:00</wp:comment_date_gmt><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
                  <wp:comment><wp:comment_id>457</wp:comment_id><wp:comment_author>Bob</wp:comment_author><wp:comment_content>Held.</wp:comment_content>
                    <wp:comment_date_gmt>2013-12-03 10:00:00</wp:comment_date_gmt><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>456</wp:comment_parent></wp:comment>
                </item>
                <item><title>Not yet</title><content:encoded>Draft.</content:encoded><wp:post_id>124</wp:post_id>
                  <wp:post_name>not-yet</wp:post_name><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
                <item><title>About</title><content:encoded>A page.</content:encoded><wp:post_id>200</wp:post_id>
                  <wp:post_date_gmt>2013-01-01 10:00:00</wp:post_date_gmt><wp:post_name>about</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
                </channel>
                </rss>
                """);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.True(await ImportWxrCommand.RunAsync(Factory.Services, [file], output, error) == 0, error.ToString());
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            File.Delete(file);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData("/?p=123", "/posts/hello-world#main")]
    [InlineData("/?p=123&cpage=2", "/posts/hello-world#main")]
    [InlineData("/?page_id=200", "/posts/about#main")]
    [InlineData("/2013/12/01/hello-world/", "/posts/hello-world#main")]
    [InlineData("/2013/12/01/hello-world", "/posts/hello-world#main")]
    [InlineData("/2013/12/hello-world/", "/posts/hello-world#main")]
    [InlineData("/2013/12/01/hello-world/comment-page-2/", "/posts/hello-world#main")]
    public async Task AnOldLinkToAPostIsSentToItForGood(string oldLink, string now)
    {
        using var browser = new Browser(factory);

        var answer = await browser.GetAsync(oldLink);

        Assert.Equal(HttpStatusCode.MovedPermanently, answer.Status);
        Assert.Equal(now, answer.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(now.Split('#')[0])).Status);
    }

    [Theory]
    [InlineData("/?replytocom=456")]
    [InlineData("/?p=123&replytocom=456")]
    [InlineData("/2013/12/01/hello-world/?replytocom=456")]
    public async Task AnOldReplyLinkIsSentToItsCommentsStableAddress(string oldLink)
    {
        var id = await factory.WithDbAsync(db => db.Comments.Where(c => c.WordPressId == 456).Select(c => c.Id).SingleAsync());
        using var browser = new Browser(factory);

        var answer = await browser.GetAsync(oldLink);

        Assert.Equal(HttpStatusCode.MovedPermanently, answer.Status);
        Assert.Equal($"/comments/{id}", answer.Location);
        var there = await browser.GetAsync(answer.Location!);
        Assert.Equal($"/posts/hello-world#comment-{id}", there.Location);
    }

    [Theory]
    [InlineData("/?p=999")]
    [InlineData("/?p=124")]
    [InlineData("/?p=abc")]
    [InlineData("/?page_id=123456789012345678901234567890")]
    [InlineData("/?replytocom=457")]
    [InlineData("/?replytocom=999")]
    [InlineData("/2013/12/01/no-such-post/")]
    [InlineData("/2013/12/01/not-yet/")]
    public async Task AnOldLinkToNothingAReaderMaySeeIsNotFound(string oldLink)
    {
        using var browser = new Browser(factory);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(oldLink)).Status);
    }

    [Fact]
    public async Task TheHomePageIsStillTheHomePage()
    {
        using var browser = new Browser(factory);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/?page=1")).Status);
    }

    [Fact]
    public async Task TheLookupsUseAnIndex()
    {
        var found = await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var lines = new List<string>();
            // SQLite says which index a query takes; PostgreSQL plans a table this small as a scan, so there the indexes are looked up.
            var onSqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
            string[] queries = onSqlite
                ? ["EXPLAIN QUERY PLAN SELECT \"Slug\" FROM \"Posts\" WHERE \"WordPressId\" = 123", "EXPLAIN QUERY PLAN SELECT \"Id\" FROM \"Comments\" WHERE \"WordPressId\" = 456"]
                : ["SELECT indexdef FROM pg_indexes WHERE tablename IN ('Posts', 'Comments') AND indexname LIKE '%WordPressId%'"];
            foreach (var sql in queries)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) lines.Add(reader.GetString(onSqlite ? 3 : 0));
            }
            return lines;
        });
        Assert.Contains(found, p => p.Contains("IX_Posts_WordPressId", StringComparison.Ordinal));
        Assert.Contains(found, p => p.Contains("IX_Comments_WordPressId", StringComparison.Ordinal));
    }
}
