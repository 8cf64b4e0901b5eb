using System.Globalization;
using SomeForum.Web.Site;

namespace SomeForum.Web.Notifications;

/// <summary>
/// The language a mail is written in: its recipient's, remembered from the request in which they gave their address
/// (a subscription's or an account's <c>Language</c>), because the request that causes a mail (someone else's reply,
/// a held comment) says nothing of the person it goes to. Null, from before languages were kept, is English.
/// </summary>
public static class MailLanguage
{
    public const int MaxLength = 8;

    /// <summary>The language of the request being served, as it is stored ("en", "de"): the one its pages are shown in.</summary>
    public static string OfThisRequest()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Languages.Supported.Contains(language, StringComparer.Ordinal) ? language : Languages.English;
    }

    /// <summary>The culture a stored language writes with (its words, numbers and dates); English when none or unknown.</summary>
    public static CultureInfo Culture(string? stored) =>
        CultureInfo.GetCultureInfo(stored is not null && Languages.Supported.Contains(stored, StringComparer.Ordinal) ? stored : Languages.English);
}
