using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using SomeForum.Web.Site;

namespace SomeForum.Web.Notifications;

/// <summary>
/// The words of each mail, in plain text and in simple HTML, in the recipient's language (resources Mail.*; English when
/// none is given). Everything a reader typed (names, titles, comments) is untrusted: it is made one line where it goes
/// into a header or a line of its own, and HTML-encoded in the HTML part.
/// </summary>
public static class MailText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Control characters (CR and LF among them) become spaces, runs of space one, and the text is cut to a length.</summary>
    public static string OneLine(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            var ch = char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c;
            if (ch == ' ' && (line.Length == 0 || line[^1] == ' ')) continue;
            line.Append(ch);
        }
        var result = line.ToString().TrimEnd();
        return result.Length <= maxLength ? result : result[..(maxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>The start of a comment's text for a mail: its own line breaks kept, other control characters dropped.</summary>
    public static string Excerpt(string source, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new string([.. source.Replace("\r\n", "\n", StringComparison.Ordinal).Where(c => c == '\n' || !char.IsControl(c))]).Trim();
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    private static string Html(string text) => Encoder.Encode(text);

    private static string Quoted(string excerpt) =>
        string.Join("\n", excerpt.Split('\n').Select(line => "> " + line));

    private static string HtmlQuote(string excerpt) =>
        $"<blockquote style=\"margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\">{string.Join("<br>", excerpt.Split('\n').Select(Html))}</blockquote>";

    private static string Footer(CultureInfo l, string why, string unsubscribeUrl) =>
        $"\n--\n{why}\n{F(l, Strings.Get("Mail.Footer.Stop", l), unsubscribeUrl)}\n";

    private static string HtmlFooter(CultureInfo l, string why, string unsubscribeUrl) =>
        $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)} <a href=\"{Html(unsubscribeUrl)}\">{Html(Strings.Get("Mail.Footer.StopLink", l))}</a>.</p>";

    /// <summary>The footer of a mail sent once, with nothing to stop.</summary>
    private static string HtmlNote(string why) => $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>";

    /// <summary>The HTML part, marked with its language (mail programs and screen readers read it in the right voice).</summary>
    private static string HtmlPage(CultureInfo l, string body) =>
        $"<!DOCTYPE html><html lang=\"{l.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.4\">{body}</body></html>";

    /// <summary>A text of the mail's language with values put in, numbers formatted as that language writes them.</summary>
    private static string F(CultureInfo l, string text, params object?[] values) => string.Format(l, text, values);

    /// <summary>The language a mail is written in: <paramref name="language"/>, else English (the default, as for a recipient whose language is unknown).</summary>
    private static CultureInfo In(CultureInfo? language) => language ?? MailLanguage.Culture(null);

    public static (string Subject, string Text, string Html) Confirmation(
        string site, string? postTitle, string confirmUrl, int hours, string unsubscribeUrl, CultureInfo? language = null)
    {
        var l = In(language);
        var what = postTitle is null
            ? F(l, Strings.Get("Mail.Confirmation.ForSite", l), site)
            : F(l, Strings.Get("Mail.Confirmation.ForReplies", l), OneLine(postTitle, 200));
        var subject = F(l, Strings.Get("Mail.Confirmation.Subject", l), OneLine(site, 100));
        var (hello, asked) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.Confirmation.Asked", l), what));
        var (action, works) = (Strings.Get("Mail.Confirmation.Action", l), F(l, Strings.Get("Mail.LinkWorksHours", l), hours));
        var why = Strings.Get("Mail.Confirmation.Why", l);
        var text = $"{hello}\n\n{asked}\n\n{action} ({works}):\n{confirmUrl}\n" + Footer(l, why, unsubscribeUrl);
        var html = HtmlPage(l, $"<p>{Html(hello)}</p><p>{Html(asked)}</p>" +
            $"<p><a href=\"{Html(confirmUrl)}\">{Html(action)}</a> ({Html(works)}).</p>" + HtmlFooter(l, why, unsubscribeUrl));
        return (subject, text, html);
    }

    /// <summary>No unsubscribe link: the mail is sent once, because the account asked, and asks nothing more.</summary>
    public static (string Subject, string Text, string Html) EmailChange(string site, string confirmUrl, int hours, CultureInfo? language = null)
    {
        var l = In(language);
        var name = OneLine(site, 100);
        var subject = F(l, Strings.Get("Mail.EmailChange.Subject", l), name);
        var (hello, lead) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.EmailChange.Lead", l), name));
        var (action, works) = (Strings.Get("Mail.EmailChange.Action", l), F(l, Strings.Get("Mail.LinkWorksHours", l), hours));
        var why = Strings.Get("Mail.EmailChange.Why", l);
        return (subject, LinkText(hello, lead, action, works, confirmUrl, why), LinkHtml(l, hello, lead, action, works, confirmUrl, why));
    }

    /// <summary>No unsubscribe link: sent once because someone registered with this address (or asked again), and asks nothing more.</summary>
    public static (string Subject, string Text, string Html) AccountConfirmation(string site, string confirmUrl, int hours, CultureInfo? language = null)
    {
        var l = In(language);
        var name = OneLine(site, 100);
        var subject = F(l, Strings.Get("Mail.AccountConfirmation.Subject", l), name);
        var (hello, lead) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.AccountConfirmation.Lead", l), name));
        var (action, works) = (Strings.Get("Mail.AccountConfirmation.Action", l), F(l, Strings.Get("Mail.LinkWorksHours", l), hours));
        var why = Strings.Get("Mail.AccountConfirmation.Why", l);
        return (subject, LinkText(hello, lead, action, works, confirmUrl, why), LinkHtml(l, hello, lead, action, works, confirmUrl, why));
    }

    /// <summary>
    /// To the owner of an address someone tried to register again: the register page answered as for a new address.
    /// The reset link is for an owner who does not know the account's password (someone else may have registered it).
    /// </summary>
    public static (string Subject, string Text, string Html) AccountExists(string site, string signInUrl, string forgotPasswordUrl, CultureInfo? language = null)
    {
        var l = In(language);
        var name = OneLine(site, 100);
        var subject = F(l, Strings.Get("Mail.AccountExists.Subject", l), name);
        var (hello, lead) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.AccountExists.Lead", l), name));
        var (signIn, noPassword, chooseNew) = (Strings.Get("Mail.AccountExists.SignIn", l), Strings.Get("Mail.AccountExists.NoPassword", l),
            Strings.Get("Mail.AccountExists.ChooseNew", l));
        var why = Strings.Get("Mail.AccountExists.Why", l);
        var text = $"{hello}\n\n{lead}\n\n{signIn}: {signInUrl}\n\n{noPassword} {chooseNew}: {forgotPasswordUrl}\n\n--\n{why}\n";
        var html = HtmlPage(l, $"<p>{Html(hello)}</p><p>{Html(lead)}</p>" +
            $"<p><a href=\"{Html(signInUrl)}\">{Html(signIn)}</a>. {Html(noPassword)} <a href=\"{Html(forgotPasswordUrl)}\">{Html(chooseNew)}</a>.</p>" +
            HtmlNote(why));
        return (subject, text, html);
    }

    /// <summary>No unsubscribe link: sent once because someone asked for it with this address.</summary>
    public static (string Subject, string Text, string Html) PasswordReset(string site, string resetUrl, int minutes, CultureInfo? language = null)
    {
        var l = In(language);
        var name = OneLine(site, 100);
        var subject = F(l, Strings.Get("Mail.PasswordReset.Subject", l), name);
        var (hello, lead) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.PasswordReset.Lead", l), name));
        var (action, works) = (Strings.Get("Mail.PasswordReset.Action", l), F(l, Strings.Get("Mail.LinkWorksOnceMinutes", l), minutes));
        var why = Strings.Get("Mail.PasswordReset.Why", l);
        return (subject, LinkText(hello, lead, action, works, resetUrl, why), LinkHtml(l, hello, lead, action, works, resetUrl, why));
    }

    /// <summary>The answer to a reset asked for an address without an account: the page said the same as for one with.</summary>
    public static (string Subject, string Text, string Html) PasswordResetNoAccount(string site, string registerUrl, CultureInfo? language = null)
    {
        var l = In(language);
        var name = OneLine(site, 100);
        var subject = F(l, Strings.Get("Mail.PasswordResetNoAccount.Subject", l), name);
        var (hello, lead) = (Strings.Get("Mail.Hello", l), F(l, Strings.Get("Mail.PasswordResetNoAccount.Lead", l), name));
        var (otherAddress, register) = (Strings.Get("Mail.PasswordResetNoAccount.OtherAddress", l), Strings.Get("Mail.PasswordResetNoAccount.Register", l));
        var why = Strings.Get("Mail.PasswordResetNoAccount.Why", l);
        var text = $"{hello}\n\n{lead} {otherAddress} {register}: {registerUrl}\n\n--\n{why}\n";
        var html = HtmlPage(l, $"<p>{Html(hello)}</p><p>{Html(lead)} {Html(otherAddress)} <a href=\"{Html(registerUrl)}\">{Html(register)}</a>.</p>" +
            HtmlNote(why));
        return (subject, text, html);
    }

    /// <summary>A mail sent once with one link to follow: the greeting, what happened, the link and how long it works, why it came.</summary>
    private static string LinkText(string hello, string lead, string action, string works, string url, string why) =>
        $"{hello}\n\n{lead}\n\n{action} ({works}):\n{url}\n\n--\n{why}\n";

    private static string LinkHtml(CultureInfo l, string hello, string lead, string action, string works, string url, string why) =>
        HtmlPage(l, $"<p>{Html(hello)}</p><p>{Html(lead)}</p><p><a href=\"{Html(url)}\">{Html(action)}</a> ({Html(works)}).</p>" + HtmlNote(why));

    public static (string Subject, string Text, string Html) Reply(
        string recipientName, string replierName, string postTitle, string excerpt, string commentUrl, string unsubscribeUrl, CultureInfo? language = null)
    {
        var l = In(language);
        var (to, by, title) = (OneLine(recipientName, 100), OneLine(replierName, 100), OneLine(postTitle, 200));
        var subject = F(l, Strings.Get("Mail.Reply.Subject", l), by, title);
        var (hello, lead) = (F(l, Strings.Get("Mail.HelloName", l), to), F(l, Strings.Get("Mail.Reply.Lead", l), by, title));
        var action = Strings.Get("Mail.Reply.Action", l);
        var why = Strings.Get("Mail.Reply.Why", l);
        return (subject, NewsText(l, hello, lead, excerpt, action, commentUrl, why, unsubscribeUrl),
            NewsHtml(l, hello, lead, excerpt, action, commentUrl, why, unsubscribeUrl));
    }

    public static (string Subject, string Text, string Html) NewComment(
        string recipientName, string authorName, string postTitle, string excerpt, string commentUrl, string unsubscribeUrl, CultureInfo? language = null)
    {
        var l = In(language);
        var (to, by, title) = (OneLine(recipientName, 100), OneLine(authorName, 100), OneLine(postTitle, 200));
        var subject = F(l, Strings.Get("Mail.NewComment.Subject", l), by, title);
        var (hello, lead) = (F(l, Strings.Get("Mail.HelloName", l), to), F(l, Strings.Get("Mail.NewComment.Lead", l), by, title));
        var action = Strings.Get("Mail.NewComment.Action", l);
        var why = Strings.Get("Mail.NewComment.Why", l);
        return (subject, NewsText(l, hello, lead, excerpt, action, commentUrl, why, unsubscribeUrl),
            NewsHtml(l, hello, lead, excerpt, action, commentUrl, why, unsubscribeUrl));
    }

    /// <summary>A comment to tell of: the greeting, who wrote where, the comment quoted, its link, and the way to stop such mails.</summary>
    private static string NewsText(CultureInfo l, string hello, string lead, string excerpt, string action, string url, string why, string unsubscribeUrl) =>
        $"{hello}\n\n{lead}\n\n{Quoted(excerpt)}\n\n{action}: {url}\n" + Footer(l, why, unsubscribeUrl);

    private static string NewsHtml(CultureInfo l, string hello, string lead, string excerpt, string action, string url, string why, string unsubscribeUrl) =>
        HtmlPage(l, $"<p>{Html(hello)}</p><p>{Html(lead)}</p>{HtmlQuote(excerpt)}" +
            $"<p><a href=\"{Html(url)}\">{Html(action)}</a></p>" + HtmlFooter(l, why, unsubscribeUrl));

    public sealed record Held(long Id, string Author, string PostTitle, string Excerpt);

    public static (string Subject, string Text, string Html) Digest(
        string site, int waiting, IReadOnlyList<Held> newlyHeld, string queueUrl, string unsubscribeUrl, CultureInfo? language = null)
    {
        ArgumentNullException.ThrowIfNull(newlyHeld);
        var l = In(language);
        var count = Texts.Count(waiting, "comment", l);
        var subject = F(l, Strings.Get("Mail.Digest.Subject", l), count, OneLine(site, 100));
        var lead = F(l, Strings.Get("Mail.Digest.Lead", l), count);
        var item = Strings.Get("Mail.Digest.Item", l);
        var lines = newlyHeld.Select(h => (Who: OneLine(h.Author, 100), Title: OneLine(h.PostTitle, 200), What: OneLine(h.Excerpt, 200))).ToList();
        var why = Strings.Get("Mail.Digest.Why", l);
        var text = $"{lead}\n\n" +
            string.Concat(lines.Select(h => $"- {F(l, item, h.Who, h.Title, h.What)}\n")) +
            $"\n{Strings.Get("Mail.Digest.Queue", l)}: {queueUrl}\n" + Footer(l, why, unsubscribeUrl);
        // The item's words are encoded as any text; the values put in are encoded before (the name is in bold).
        var html = HtmlPage(l, $"<p>{Html(lead)}</p><ul>" +
            string.Concat(lines.Select(h => $"<li>{F(l, Html(item), $"<strong>{Html(h.Who)}</strong>", Html(h.Title), Html(h.What))}</li>")) +
            $"</ul><p><a href=\"{Html(queueUrl)}\">{Html(Strings.Get("Mail.Digest.Action", l))}</a></p>" + HtmlFooter(l, why, unsubscribeUrl));
        return (subject, text, html);
    }
}
