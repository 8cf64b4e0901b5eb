using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using SomeForum.Web.Moderation;
using SomeForum.Web.Site;

namespace SomeForum.Tests.Site;

/// <summary>
/// The interface's texts: every shipped language has every text of the neutral (English) file, no more, with the same
/// values put in; and every text the code names is in the neutral file. Read from the built resources (the satellite
/// assemblies the app ships), not from the .resx sources.
/// </summary>
public sealed partial class StringsTests
{
    public static TheoryData<string> OtherLanguages() => [.. Languages.Supported.Where(l => l != Languages.English)];

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Strings.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Neutral => Texts(CultureInfo.InvariantCulture);

    [Fact]
    public void NeutralFile_HasTexts() => Assert.True(Neutral.Count > 100, $"only {Neutral.Count} texts in Strings.resx");

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryNeutralText_HasANonEmptyTranslation(string language)
    {
        var translated = Texts(CultureInfo.GetCultureInfo(language));
        var missing = Neutral.Keys.Where(k => !translated.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).Order().ToList();
        Assert.True(missing.Count == 0, $"Strings.{language}.resx lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void NoTranslation_HasATextTheNeutralFileLacks(string language)
    {
        var extra = Texts(CultureInfo.GetCultureInfo(language)).Keys.Except(Neutral.Keys).Order().ToList();
        Assert.True(extra.Count == 0, $"Strings.{language}.resx has texts Strings.resx lacks: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryTranslation_TakesTheSameValuesAsItsNeutralText(string language)
    {
        var translated = Texts(CultureInfo.GetCultureInfo(language));
        var wrong = Neutral.Where(e => translated.TryGetValue(e.Key, out var value) && !Placeholders(value).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key}: “{e.Value}” / “{translated[e.Key]}”").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Placeholders_AreReadWithTheirFormat() =>
        Assert.Equal(["{0:N0}", "{1}"], Placeholders("{1} and {0:N0}, {{not}} one").Order());

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Value)];

    /// <summary>The staff pages name texts by statuses, actions, decisions, kinds, settings and roles.</summary>
    private static void AddStaffTextsNamedFromValues(SortedSet<string> named)
    {
        foreach (var status in Enum.GetValues<SomeForum.Web.Comments.CommentStatus>())
        {
            foreach (var form in new[] { "Status", "Count", "State" }) named.Add($"Moderation.{form}.{status}");
        }
        foreach (var kind in Enum.GetValues<SomeForum.Web.Comments.CommentKind>()) named.Add($"Moderation.Kind.{kind}");
        foreach (var action in Enum.GetValues<ModerationAction>())
        {
            named.UnionWith([$"Moderation.Action.{action}", $"Moderation.Done.{action}.One", $"Moderation.Done.{action}.Many"]);
        }
        foreach (var decision in Enum.GetValues<ReportDecision>())
        {
            named.UnionWith([$"Moderation.Decision.{decision}", $"Moderation.Decided.{decision}.One", $"Moderation.Decided.{decision}.Many"]);
        }
        foreach (var reason in Enum.GetValues<ReportReason>()) named.Add($"Moderation.ReportReason.{reason}");
        foreach (var status in Enum.GetValues<SomeForum.Web.Posts.PostStatus>()) named.Add($"Moderation.PostStatus.{status}");
        foreach (var status in Enum.GetValues<SomeForum.Web.Notifications.MailStatus>()) named.Add($"Admin.Mail.Status.{status}");
        foreach (var kind in Enum.GetValues<SomeForum.Web.Notifications.MailKind>()) named.Add($"Admin.Mail.KindName.{kind}");
        foreach (var setting in Enum.GetValues<SiteSetting>()) named.UnionWith([$"Admin.Settings.Label.{setting}", $"Admin.Settings.Reset.{setting}"]);
        foreach (var role in new[] { SomeForum.Web.Accounts.Roles.Administrator, SomeForum.Web.Accounts.Roles.Moderator, SomeForum.Web.Accounts.Roles.Author })
        {
            named.Add($"Admin.Users.Role.{role}");
        }
        foreach (var role in new[] { SomeForum.Web.Accounts.Roles.Moderator, SomeForum.Web.Accounts.Roles.Author })
        {
            foreach (var form in new[] { "Grant", "Revoke", "Granted", "Revoked" }) named.Add($"Admin.Users.{form}.{role}");
        }
        // The rules' reasons, named where a verdict is made (ModerationVerdict.Because).
        foreach (var rule in new[] { "Blocklist", "Mentions", "Links", "Word", "FirstComment" }) named.Add($"Moderation.Rule.{rule}");
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A page that names a text the file lacks shows the key instead: caught here, for every text named by a literal.</summary>
    [Fact]
    public void EveryTextTheCodeNames_IsInTheNeutralFile()
    {
        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Architecture.OneDoorTests.SourceRoot(), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in NamedText().Matches(source)) named.Add(m.Groups["key"].Value);
            foreach (Match m in CountedNoun().Matches(source))
            {
                named.Add($"Count.{m.Groups["noun"].Value}.One");
                named.Add($"Count.{m.Groups["noun"].Value}.Other");
            }
        }
        // Texts named from values: each report reason, each error page, each comment order.
        foreach (var reason in Enum.GetValues<ReportReason>()) named.Add($"Report.Reason.{reason}");
        foreach (var error in new[] { "400", "403", "404", "405", "413", "429", "Full", "500", "Other" })
        {
            named.Add($"Error.{error}.Heading");
            named.Add($"Error.{error}.Text");
        }
        foreach (var choice in SomeForum.Web.Comments.ReaderOrder.Choices) named.Add(choice.LabelKey);
        foreach (var scope in Enum.GetValues<SomeForum.Web.Notifications.UnsubscribeScope>())
        {
            named.Add($"Unsubscribe.Done.{scope}");
            named.Add($"Unsubscribe.Ask.{scope}");
        }
        named.Add("SignIn.Throttled.One");
        named.Add("SignIn.Throttled.Other");
        AddStaffTextsNamedFromValues(named);

        Assert.True(named.Count > 100, $"the scan found only {named.Count} texts: is it still reading the pages?");
        var missing = named.Where(k => !Neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"named in the code, missing from Strings.resx: {string.Join(", ", missing)}");
    }

    // L["Key"...], Strings.Get("Key"...), Strings.Format("Key"...), and validation attributes whose message or name is a key (Area.Name).
    [GeneratedRegex("""(?:\bL\[|Strings\.Get\(|Strings\.Format\()\s*"(?<key>[^"]+)"|(?:ErrorMessage = |Display\(Name = )"(?<key>[A-Z][A-Za-z]+\.[A-Za-z0-9.]+)"(?=[,)\]])""")]
    private static partial Regex NamedText();

    [GeneratedRegex("""Texts\.Count\([^;]*?,\s*"(?<noun>[A-Za-z]+)"\s*[,)]""")]
    private static partial Regex CountedNoun();

    [Theory]
    [InlineData("en", 1, "1 comment")]
    [InlineData("en", 1234, "1,234 comments")]
    [InlineData("de", 1, "1 Kommentar")]
    [InlineData("de", 1234, "1.234 Kommentare")]
    [InlineData("de", 0, "0 Kommentare")]
    public void Count_TakesTheLanguagesNumberAndPluralForm(string language, int count, string expected) =>
        Assert.Equal(expected, SomeForum.Web.Site.Texts.Count(count, "comment", CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("en", "March 5, 2024")]
    [InlineData("de", "5. März 2024")]
    public void Readable_WritesTheDateAsTheLanguageDoes(string language, string expected)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            Assert.Equal(expected, Dates.Readable(new DateTime(2024, 3, 5, 23, 10, 0, DateTimeKind.Utc)));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Theory]
    [InlineData("/posts/hello?cpage=2", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("evil", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("/\r\nLocation: x", false)]
    public void IsLocal_TakesOnlyAPathOfThisSite(string? url, bool local) => Assert.Equal(local, Languages.IsLocal(url));
}
