using System.Collections;
using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Notifications;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.IntegrationTests.Site;

/// <summary>
/// A reader gets the interface in their browser's language or the one they chose with the switch; the guests' page
/// cache keeps a page per language and never gives one language's page to a reader of another.
/// </summary>
public sealed class LanguageTests
{
    private const string German = "de-DE,de;q=0.9,en;q=0.5";

    private sealed class CountingForum(CommandCounter counter) : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter)));
        }
    }

    private static Browser Reader(ForumFactory forum, string? acceptLanguage = null)
    {
        var browser = new Browser(forum);
        if (acceptLanguage is not null) browser.Client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    private static string Lang(IHtmlDocument page) => page.DocumentElement.GetAttribute("lang") ?? "";

    private static string Heading(IHtmlDocument page) => page.GetElementById("comments-title")!.Text();

    [Fact]
    public async Task ABrowserThatPrefersGermanReadsThePostInGerman()
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum, German);
        var page = await reader.OpenAsync(SeedThread.Url);
        Assert.Equal("de", Lang(page));
        Assert.StartsWith("21 Antworten auf „", Heading(page), StringComparison.Ordinal);
        Assert.Equal("Schreiben Sie einen Kommentar", page.GetElementById("reply-title")!.FirstChild!.TextContent.Trim());
        Assert.Equal("Kommentar abschicken", page.QuerySelector("button[value=post]")!.Text());
        var date = page.QuerySelector(".comment-meta time")!;
        var written = DateTime.Parse(date.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(written.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de")), date.Text());

        var home = await reader.OpenAsync("/");
        Assert.Equal("de", Lang(home));
        Assert.Contains("21 Kommentare", home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserWithoutAGermanPreferenceReadsEnglish()
    {
        using var forum = new ForumFactory();
        foreach (var language in new string?[] { null, "fr-FR,fr;q=0.9", "en-GB" })
        {
            using var reader = Reader(forum, language);
            var page = await reader.OpenAsync(SeedThread.Url);
            Assert.Equal("en", Lang(page));
            Assert.StartsWith("21 responses to “", Heading(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheSwitchsChoiceBeatsTheBrowsersLanguage()
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum, German);
        var page = await reader.OpenAsync(SeedThread.Url);
        var english = page.QuerySelector(".language-switch a[hreflang=en]")!.GetAttribute("href")!;
        Assert.Equal(ForumUrls.Language("en", SeedThread.Url), english);

        var switched = await reader.GetAsync(english);
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Equal(SeedThread.Url, switched.Location);
        var after = await reader.OpenAsync(SeedThread.Url);
        Assert.Equal("en", Lang(after));
        Assert.Equal("true", after.QuerySelector(".language-switch a[hreflang=en]")!.GetAttribute("aria-current"));

        // And back: an English browser that chose German reads German.
        using var englishReader = Reader(forum, "en-US");
        await englishReader.GetAsync(ForumUrls.Language("de", "/"));
        Assert.Equal("de", Lang(await englishReader.OpenAsync(SeedThread.Url)));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    public async Task TheSwitchGoesBackOnlyToAPageOfThisSite(string returnUrl)
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum);
        var switched = await reader.GetAsync(ForumUrls.Language("de", returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Equal("/", switched.Location);
    }

    [Fact]
    public async Task TheSwitchKnowsOnlyTheShippedLanguages()
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(ForumUrls.Language("xx", "/"))).Status);
        Assert.DoesNotContain(reader.Cookies.GetCookies(new Uri("http://localhost")), c => c.Name == Languages.Cookie);
    }

    [Fact]
    public async Task TheCacheKeepsAPagePerLanguageAndGivesEachReaderTheirs()
    {
        var queries = new CommandCounter();
        using var forum = new CountingForum(queries);
        using (var english = Reader(forum)) Assert.Equal("en", Lang(await english.OpenAsync(SeedThread.Url)));

        // The English page is kept; a German reader does not get it.
        using (var german = Reader(forum, German)) Assert.Equal("de", Lang(await german.OpenAsync(SeedThread.Url)));

        // Now both are kept: each language's next reader is served from the cache, without the database.
        queries.Reset();
        using (var german = Reader(forum, "de")) Assert.Equal("de", Lang(await german.OpenAsync(SeedThread.Url)));
        using (var english = Reader(forum, "en")) Assert.Equal("en", Lang(await english.OpenAsync(SeedThread.Url)));
        Assert.Equal(0, queries.Count);

        // The switch's cookie says nothing of its reader: they are still a guest, served from the cache, in their language.
        using var chose = Reader(forum, "en");
        await chose.GetAsync(ForumUrls.Language("de", "/"));
        queries.Reset();
        Assert.Equal("de", Lang(await chose.OpenAsync(SeedThread.Url)));
        Assert.Equal(0, queries.Count);
    }

    [Fact]
    public async Task AGermanReaderIsToldWhatIsWrongWithTheirCommentInGerman()
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum, German);
        var refused = await reader.SubmitCommentAsync(SeedThread.Url, new CommentForm("") { Email = "not an address" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("Bitte schreiben Sie einen Kommentar, bevor Sie ihn abschicken.", refused.Document.GetElementById("Input_Text-error")!.Text());
        Assert.Equal("Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.", refused.Document.GetElementById("Input_Email-error")!.Text());
    }

    [Fact]
    public async Task AnErrorPageIsInTheReadersLanguage()
    {
        using var forum = new ForumFactory();
        using var reader = Reader(forum, German);
        var missing = await reader.GetAsync("/posts/no-such-post");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Seite nicht gefunden", missing.Document.GetElementById("error-title")!.Text());
        // The switch on an error page goes back to the page asked for, not to the error page.
        Assert.Equal(ForumUrls.Language("en", "/posts/no-such-post"), missing.Document.QuerySelector(".language-switch a[hreflang=en]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task FeedsStayInEnglish()
    {
        using var forum = new ForumFactory();
        using var english = Reader(forum);
        using var german = Reader(forum, German);
        var feed = $"{SeedThread.Url}/feed";
        Assert.Equal((await english.GetAsync(feed)).Body, (await german.GetAsync(feed)).Body);
    }

    /// <summary>
    /// English left in a converted page: every piece of the interface's text (text and the attributes a reader hears
    /// or sees) on the page in German must differ from the same page in English, except texts that are the same in
    /// both languages (Name, Website, Spam, ...). What readers wrote (post, comments, names, titles) is left out.
    /// </summary>
    [Theory]
    [InlineData(SeedThread.Url)]
    [InlineData("/")]
    [InlineData("/posts/some-so-far-so-what/reply/1")]
    [InlineData("/comments/2/report")]
    [InlineData("/posts/no-such-post")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password?user=nobody&token=not-a-token")]
    public async Task AConvertedPageHasNoEnglishLeftInGerman(string url)
    {
        using var forum = new ForumFactory();
        using var english = Reader(forum);
        using var german = Reader(forum, German);
        var englishPieces = Pieces((await english.GetAsync(url)).Document);
        var germanPieces = Pieces((await german.GetAsync(url)).Document);
        var same = SameInBothLanguages();
        var left = germanPieces.Intersect(englishPieces).Where(p => !same.Contains(p.TrimEnd(':', '.', '*', ' '))).ToList();
        Assert.True(englishPieces.Count > 5, $"only {englishPieces.Count} pieces of text read on {url}");
        Assert.True(left.Count == 0, $"English left on {url} in German: {string.Join(" | ", left)}");
    }

    /// <summary>The editor's pages, for a signed-in author (a new post) and an administrator (the seed post's edit and delete).</summary>
    [Fact]
    public async Task ThePostEditorHasNoEnglishLeftInGerman()
    {
        using var forum = new ForumFactory();
        await forum.CreateUserAsync("author@example.org", Roles.Author);
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);
        const string seedSlug = "some-so-far-so-what";
        foreach (var (account, url) in new[] { ("author@example.org", ForumUrls.NewPost), ("admin@example.org", ForumUrls.EditPost(seedSlug)), ("admin@example.org", ForumUrls.DeletePost(seedSlug)) })
        {
            using var english = Reader(forum);
            using var german = Reader(forum, German);
            await english.SignInAsync(account, ForumFactory.UserPassword);
            await german.SignInAsync(account, ForumFactory.UserPassword);
            await AssertNoEnglishLeftAsync(english, german, url);
        }
    }

    /// <summary>MVC's own message for a value it cannot bind (letters in a number field), at the field, in each language.</summary>
    [Fact]
    public async Task LettersInANumberFieldAreToldInTheReadersLanguage()
    {
        using var forum = new ForumFactory();
        const string email = "binding-admin@example.org";
        await forum.CreateUserAsync(email, SomeForum.Web.Accounts.Roles.Administrator);
        foreach (var (language, expected) in new[] { ((string?)null, "“zehn” is not a valid value here."), (German, "„zehn“ ist hier kein gültiger Wert.") })
        {
            using var admin = Reader(forum, language);
            await admin.SignInAsync(email, ForumFactory.UserPassword);
            var refused = await admin.SubmitAsync("/admin/settings", "form.settings-form", [new("Input.CommentPageSize", "zehn")]);
            Assert.True((int)refused.Status is >= 400 and < 500, $"letters in a number field answered {(int)refused.Status}");
            Assert.Equal(expected, refused.Document.QuerySelector("[data-valmsg-for='Input.CommentPageSize']")?.TextContent.Trim());
        }
    }

    /// <summary>The forgotten-password page with mail on: its form, and the answer to a request.</summary>
    [Fact]
    public async Task TheForgottenPasswordFormAndItsAnswerHaveNoEnglishLeftInGerman()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var english = Reader(forum);
        using var german = Reader(forum, German);
        await AssertNoEnglishLeftAsync(english, german, ForumUrls.ForgotPassword);

        KeyValuePair<string, string?>[] address = [new("Input.Email", "someone@example.org")];
        var englishAnswer = await english.SubmitAsync(ForumUrls.ForgotPassword, "form.stacked-form", address);
        var germanAnswer = await german.SubmitAsync(ForumUrls.ForgotPassword, "form.stacked-form", address);
        Assert.StartsWith("Sehen Sie in Ihr Postfach", germanAnswer.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        // The address is the reader's own writing.
        foreach (var answer in new[] { englishAnswer, germanAnswer }) answer.Document.QuerySelector("[role=status] strong")?.Remove();
        AssertNoEnglishLeft(englishAnswer.Document, germanAnswer.Document, "the forgotten-password answer");
    }

    /// <summary>Identity's own rules speak the reader's language: the register form leaves the password's length to Identity.</summary>
    [Fact]
    public async Task AGermanReaderWhoRegistersWithATooShortPasswordIsToldInGerman()
    {
        using var forum = new ForumFactory();
        KeyValuePair<string, string?>[] Fields(string email, string password) =>
            [new("Input.DisplayName", email.Split('@')[0] + " reader"), new("Input.Email", email), new("Input.Password", password), new("Input.ConfirmPassword", password)];

        using var german = Reader(forum, German);
        var refused = await german.SubmitAsync(ForumUrls.Register, "form.stacked-form", Fields("neu@example.org", "kurz"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("Ein Passwort braucht mindestens 10 Zeichen.", refused.Document.QuerySelector("[data-valmsg-for='Input.Password']")?.Text());

        using var english = Reader(forum);
        var refusedInEnglish = await english.SubmitAsync(ForumUrls.Register, "form.stacked-form", Fields("new@example.org", "short"));
        Assert.Equal("A password needs at least 10 characters.", refusedInEnglish.Document.QuerySelector("[data-valmsg-for='Input.Password']")?.Text());

        // Without mail a taken address is refused on the page: Identity's words for it (the name's, said first), in German too.
        await forum.CreateUserAsync("vergeben@example.org");
        var taken = await german.SubmitAsync(ForumUrls.Register, "form.stacked-form", Fields("vergeben@example.org", "lang genug für die Regeln"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.Status);
        Assert.Contains("„vergeben@example.org“ ist bereits vergeben.", taken.Document.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent, StringComparison.Ordinal);
    }

    private static async Task AssertNoEnglishLeftAsync(Browser english, Browser german, string url) =>
        AssertNoEnglishLeft((await english.GetAsync(url)).Document, (await german.GetAsync(url)).Document, url);

    private static void AssertNoEnglishLeft(IHtmlDocument englishPage, IHtmlDocument germanPage, string url)
    {
        Assert.Equal(("en", "de"), (Lang(englishPage), Lang(germanPage)));
        var englishPieces = Pieces(englishPage);
        var same = SameInBothLanguages();
        var left = Pieces(germanPage).Intersect(englishPieces).Where(p => !same.Contains(p.TrimEnd(':', '.', '*', ' '))).ToList();
        Assert.True(englishPieces.Count > 5, $"only {englishPieces.Count} pieces of text read on {url}");
        Assert.True(left.Count == 0, $"English left on {url} in German: {string.Join(" | ", left)}");
    }

    [Theory]
    [InlineData("/moderation")]
    [InlineData("/moderation?view=reported")]
    [InlineData("/moderation/posts")]
    [InlineData("/moderation/rules")]
    [InlineData("/moderation/log")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/users")]
    [InlineData("/admin/mail")]
    public async Task AConvertedStaffPageHasNoEnglishLeftInGerman(string url)
    {
        using var forum = new ForumFactory();
        const string email = "staff-languages@example.org";
        await forum.CreateUserAsync(email, SomeForum.Web.Accounts.Roles.Administrator);
        using var english = Reader(forum);
        using var german = Reader(forum, German);
        await english.SignInAsync(email, ForumFactory.UserPassword);
        await german.SignInAsync(email, ForumFactory.UserPassword);
        var englishPage = (await english.GetAsync(url)).Document;
        var germanPage = (await german.GetAsync(url)).Document;
        Assert.Equal("de", Lang(germanPage));
        var englishPieces = Pieces(englishPage, WrittenOrStored);
        var germanPieces = Pieces(germanPage, WrittenOrStored);
        var same = SameInBothLanguages();
        var left = germanPieces.Intersect(englishPieces).Where(p => !same.Contains(p.TrimEnd(':', '.', '*', ' '))).ToList();
        Assert.True(englishPieces.Count > 5, $"only {englishPieces.Count} pieces of text read on {url}");
        Assert.True(left.Count == 0, $"English left on {url} in German: {string.Join(" | ", left)}");
    }

    // On the staff pages, besides what readers wrote: the names of people (the signed-in account's too) and posts, what
    // the log and the rules stored (stored text stays as stored), configuration keys and the names of keys.
    private static string[] WrittenOrStored =>
    [
        .. WrittenByReaders, ".queued-author", ".queued-where a", ".queued-facts", ".reason", ".report-texts", "#filter-post option + option",
        ".log-stored", ".log-subject a", ".post-switches a", ".mail-log td:nth-child(2)", ".mail-log td:nth-child(4)", ".mail-error",
        "table.users td:nth-child(1)", "table.users td:nth-child(2)", "code", "kbd",
        ".account-nav a[href='/account/profile']",
    ];

    private static readonly string[] WrittenByReaders =
    [
        ".post-body", ".comment-body", ".comment-author", ".site-title", ".site-tagline", "#post-title", ".post-author",
        ".pingback-line a", ".pingback-title", ".excerpt", ".post-summary h2 a", ".breadcrumb", "title", ".in-reply-to a",
        ".language-switch", "time", "script", "style", "textarea", $".account-nav a[href='{ForumUrls.Profile}']",
    ];

    private static HashSet<string> Pieces(IHtmlDocument page, string[]? notInterface = null)
    {
        foreach (var element in page.QuerySelectorAll(string.Join(", ", notInterface ?? WrittenByReaders)).ToList()) element.Remove();
        // The footer's own text is the site's setting, not the interface's.
        foreach (var element in page.QuerySelectorAll(".footer-text").ToList()) element.Remove();
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        var body = page.Body!;
        foreach (var text in body.Descendants<IText>()) Add(text.Data);
        foreach (var element in body.Descendants<IElement>())
        {
            foreach (var attribute in new[] { "aria-label", "title", "placeholder", "alt", "data-leave", "data-reply-to", "data-first-new", "data-new-one", "data-new-other", "data-new-badge",
                "data-this-post", "data-preview-failed", "data-preview-failed-status",
                "data-selected", "data-count", "data-undo", "data-undo-failed", "data-no-answer", "data-show-all", "data-show-less", "data-choose-first",
                "data-no-approve", "data-no-spam", "data-no-trash", "data-no-dismiss", "data-nothing-to-undo" })
            {
                Add(element.GetAttribute(attribute));
            }
        }
        return pieces;

        void Add(string? text)
        {
            var piece = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (piece.Any(char.IsLetter)) pieces.Add(piece);
        }
    }

    private static HashSet<string> SameInBothLanguages()
    {
        var neutral = Strings.Resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>();
        return [.. neutral.Where(e => Equals(Strings.Resources.GetString((string)e.Key, CultureInfo.GetCultureInfo("de")), e.Value)).Select(e => (string)e.Value!)];
    }
}
