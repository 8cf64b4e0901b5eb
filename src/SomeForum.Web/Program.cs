using SomeForum.Web.Accounts;
using SomeForum.Web.Avatars;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Feeds;
using SomeForum.Web.Hosting;
using SomeForum.Web.Live;
using SomeForum.Web.Moderation;
using SomeForum.Web.Notifications;
using SomeForum.Web.Pingbacks;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Search;
using SomeForum.Web.Seeding;
using SomeForum.Web.Site;

// A command (import, generate) takes the same settings as the server, given beside its own words.
var (settings, command) = ForumCommands.IsInvoked(args) ? ForumCommands.Split(args) : (args, null);
var builder = WebApplication.CreateBuilder(settings);

builder.AddForumData();
builder.AddAccounts();
builder.AddRendering();
builder.AddPosts();
builder.AddComments();
builder.AddModeration();
builder.AddAvatars();
builder.AddPingbacks();
builder.AddMail();
builder.AddSearch();
builder.AddSeeding();
builder.AddPages();
builder.AddLanguages();
builder.AddSiteSettings();
builder.AddReaderCache();
builder.AddLiveThreads();
builder.AddHosting();

var app = builder.Build();

// Every setting is checked before the database is touched: a mistyped one must not migrate or seed anything first.
app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

await using (await app.Services.AcquireStartupLockAsync())
{
    // A database that cannot be written is served as it is, read-only: nothing can be set up in it.
    if (!await app.Services.StartsReadOnlyAsync())
    {
        await app.Services.MigrateForumDatabaseAsync();
        if (command is null)
        {
            await app.Services.EnsureRolesAndAdministratorAsync();
            await app.Services.ImportSeedsIntoEmptyStoreAsync();
        }
    }
}
if (command is not null)
{
    return await ForumCommands.RunAsync(app.Services, command);
}

app.UseHosting();
app.UseLiveThreads();
app.UseForumPages();
app.MapPingbacks();
app.MapFeeds();
await app.RunAsync();
return 0;

public partial class Program;
