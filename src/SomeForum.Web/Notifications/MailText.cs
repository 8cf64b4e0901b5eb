using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SomeForum.Web.Notifications;

/// <summary>
/// The words of each mail, in plain text and in simple HTML. Everything a reader typed (names, titles, comments) is
/// untrusted: it is made one line where it goes into a header or a line of its own, and HTML-encoded in the HTML part.
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

    private static string Footer(string why, string unsubscribeUrl) =>
        $"\n--\n{why}\nTo stop these mails: {unsubscribeUrl}\n";

    private static string HtmlFooter(string why, string unsubscribeUrl) =>
        $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)} <a href=\"{Html(unsubscribeUrl)}\">Stop these mails</a>.</p>";

    private static string HtmlPage(string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.4\">{body}</body></html>";

    public static (string Subject, string Text, string Html) Confirmation(string site, string? postTitle, string confirmUrl, int hours, string unsubscribeUrl)
    {
        var what = postTitle is null
            ? $"to be told by mail of new comments on {site}"
            : $"to be told by mail of replies to a comment on “{OneLine(postTitle, 200)}”";
        var subject = $"Confirm your address for {OneLine(site, 100)}";
        var hoursText = hours.ToString(CultureInfo.InvariantCulture);
        var why = "You get this mail because this address was given on the site. If it was not you, ignore it: nothing more is sent unless you confirm.";
        var text = $"Hello,\n\nSomeone, we hope you, asked {what}.\n\nConfirm this address (the link works for {hoursText} hours):\n{confirmUrl}\n" +
            Footer(why, unsubscribeUrl);
        var html = HtmlPage($"<p>Hello,</p><p>Someone, we hope you, asked {Html(what)}.</p>" +
            $"<p><a href=\"{Html(confirmUrl)}\">Confirm this address</a> (the link works for {hoursText} hours).</p>" +
            HtmlFooter(why, unsubscribeUrl));
        return (subject, text, html);
    }

    /// <summary>No unsubscribe link: the mail is sent once, because the account asked, and asks nothing more.</summary>
    public static (string Subject, string Text, string Html) EmailChange(string site, string confirmUrl, int hours)
    {
        var subject = $"Confirm your new address for {OneLine(site, 100)}";
        var hoursText = hours.ToString(CultureInfo.InvariantCulture);
        var why = "You get this mail because an account on the site asked to use this address. If it was not you, ignore it: nothing changes unless you confirm.";
        var text = $"Hello,\n\nAn account on {OneLine(site, 100)} asked to use this address from now on.\n\n" +
            $"Confirm the change (the link works for {hoursText} hours):\n{confirmUrl}\n\n--\n{why}\n";
        var html = HtmlPage($"<p>Hello,</p><p>An account on {Html(OneLine(site, 100))} asked to use this address from now on.</p>" +
            $"<p><a href=\"{Html(confirmUrl)}\">Confirm the change</a> (the link works for {hoursText} hours).</p>" +
            $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>");
        return (subject, text, html);
    }

    /// <summary>No unsubscribe link: sent once because someone registered with this address (or asked again), and asks nothing more.</summary>
    public static (string Subject, string Text, string Html) AccountConfirmation(string site, string confirmUrl, int hours)
    {
        var name = OneLine(site, 100);
        var subject = $"Confirm your account on {name}";
        var hoursText = hours.ToString(CultureInfo.InvariantCulture);
        var why = "You get this mail because someone registered on the site with this address. If it was not you, ignore it: the account cannot comment or use this address unless you confirm.";
        var text = $"Hello,\n\nAn account was registered on {name} with this address.\n\n" +
            $"Confirm that the address is yours (the link works for {hoursText} hours):\n{confirmUrl}\n\n--\n{why}\n";
        var html = HtmlPage($"<p>Hello,</p><p>An account was registered on {Html(name)} with this address.</p>" +
            $"<p><a href=\"{Html(confirmUrl)}\">Confirm that the address is yours</a> (the link works for {hoursText} hours).</p>" +
            $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>");
        return (subject, text, html);
    }

    /// <summary>
    /// To the owner of an address someone tried to register again: the register page answered as for a new address.
    /// The reset link is for an owner who does not know the account's password (someone else may have registered it).
    /// </summary>
    public static (string Subject, string Text, string Html) AccountExists(string site, string signInUrl, string forgotPasswordUrl)
    {
        var name = OneLine(site, 100);
        var subject = $"You already have an account on {name}";
        var why = "You get this mail because someone tried to register on the site with this address. If it was not you, ignore it: nothing changed.";
        var text = $"Hello,\n\nSomeone, we hope you, tried to register on {name} with this address, which has an account already.\n\n" +
            $"Sign in with it instead: {signInUrl}\n\nDo not know its password? Choose a new one: {forgotPasswordUrl}\n\n--\n{why}\n";
        var html = HtmlPage($"<p>Hello,</p><p>Someone, we hope you, tried to register on {Html(name)} with this address, which has an account already.</p>" +
            $"<p><a href=\"{Html(signInUrl)}\">Sign in with it instead</a>. Do not know its password? <a href=\"{Html(forgotPasswordUrl)}\">Choose a new one</a>.</p>" +
            $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>");
        return (subject, text, html);
    }

    /// <summary>No unsubscribe link: sent once because someone asked for it with this address.</summary>
    public static (string Subject, string Text, string Html) PasswordReset(string site, string resetUrl, int minutes)
    {
        var name = OneLine(site, 100);
        var subject = $"Choose a new password for {name}";
        var minutesText = minutes.ToString(CultureInfo.InvariantCulture);
        var why = "You get this mail because someone asked to reset the password of the account with this address. If it was not you, ignore it: the password stays as it is.";
        var text = $"Hello,\n\nSomeone, we hope you, asked to reset the password of your account on {name}.\n\n" +
            $"Choose a new password (the link works once, for {minutesText} minutes):\n{resetUrl}\n\n--\n{why}\n";
        var html = HtmlPage($"<p>Hello,</p><p>Someone, we hope you, asked to reset the password of your account on {Html(name)}.</p>" +
            $"<p><a href=\"{Html(resetUrl)}\">Choose a new password</a> (the link works once, for {minutesText} minutes).</p>" +
            $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>");
        return (subject, text, html);
    }

    /// <summary>The answer to a reset asked for an address without an account: the page said the same as for one with.</summary>
    public static (string Subject, string Text, string Html) PasswordResetNoAccount(string site, string registerUrl)
    {
        var name = OneLine(site, 100);
        var subject = $"No account on {name} has this address";
        var why = "You get this mail because someone asked to reset a password on the site with this address. If it was not you, ignore it: nothing changed.";
        var text = $"Hello,\n\nSomeone, we hope you, asked to reset the password of an account on {name} with this address, but no account has it. " +
            $"You may have registered with another address; or register now: {registerUrl}\n\n--\n{why}\n";
        var html = HtmlPage($"<p>Hello,</p><p>Someone, we hope you, asked to reset the password of an account on {Html(name)} with this address, but no account has it. " +
            $"You may have registered with another address; or <a href=\"{Html(registerUrl)}\">register now</a>.</p>" +
            $"<hr><p style=\"color:#555;font-size:90%\">{Html(why)}</p>");
        return (subject, text, html);
    }

    public static (string Subject, string Text, string Html) Reply(
        string recipientName, string replierName, string postTitle, string excerpt, string commentUrl, string unsubscribeUrl)
    {
        var (to, by, title) = (OneLine(recipientName, 100), OneLine(replierName, 100), OneLine(postTitle, 200));
        var subject = $"{by} replied to your comment on “{title}”";
        var why = "You get this mail because you asked to be told of replies to your comment.";
        var text = $"Hello {to},\n\n{by} replied to your comment on “{title}”:\n\n{Quoted(excerpt)}\n\nRead it and answer: {commentUrl}\n" +
            Footer(why, unsubscribeUrl);
        var html = HtmlPage($"<p>Hello {Html(to)},</p><p>{Html(by)} replied to your comment on “{Html(title)}”:</p>{HtmlQuote(excerpt)}" +
            $"<p><a href=\"{Html(commentUrl)}\">Read it and answer</a></p>" + HtmlFooter(why, unsubscribeUrl));
        return (subject, text, html);
    }

    public static (string Subject, string Text, string Html) NewComment(
        string recipientName, string authorName, string postTitle, string excerpt, string commentUrl, string unsubscribeUrl)
    {
        var (to, by, title) = (OneLine(recipientName, 100), OneLine(authorName, 100), OneLine(postTitle, 200));
        var subject = $"New comment by {by} on “{title}”";
        var why = "You get this mail because you asked to be told of every new comment on your posts.";
        var text = $"Hello {to},\n\n{by} commented on your post “{title}”:\n\n{Quoted(excerpt)}\n\nRead it: {commentUrl}\n" +
            Footer(why, unsubscribeUrl);
        var html = HtmlPage($"<p>Hello {Html(to)},</p><p>{Html(by)} commented on your post “{Html(title)}”:</p>{HtmlQuote(excerpt)}" +
            $"<p><a href=\"{Html(commentUrl)}\">Read it</a></p>" + HtmlFooter(why, unsubscribeUrl));
        return (subject, text, html);
    }

    public sealed record Held(long Id, string Author, string PostTitle, string Excerpt);

    public static (string Subject, string Text, string Html) Digest(
        string site, int waiting, IReadOnlyList<Held> newlyHeld, string queueUrl, string unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(newlyHeld);
        // Mails stay in English whatever language the request that caused them was in.
        var count = Site.Texts.Count(waiting, "comment", System.Globalization.CultureInfo.InvariantCulture);
        var subject = $"{count} waiting for moderation on {OneLine(site, 100)}";
        var lines = newlyHeld.Select(h => (Who: OneLine(h.Author, 100), Title: OneLine(h.PostTitle, 200), What: OneLine(h.Excerpt, 200))).ToList();
        var why = "You get this mail because you moderate the site; at most one is sent every few minutes.";
        var text = $"{count} waiting for moderation. New since the last mail:\n\n" +
            string.Concat(lines.Select(l => $"- {l.Who} on “{l.Title}”: {l.What}\n")) +
            $"\nThe queue: {queueUrl}\n" + Footer(why, unsubscribeUrl);
        var html = HtmlPage($"<p>{Html(count)} waiting for moderation. New since the last mail:</p><ul>" +
            string.Concat(lines.Select(l => $"<li><strong>{Html(l.Who)}</strong> on “{Html(l.Title)}”: {Html(l.What)}</li>")) +
            $"</ul><p><a href=\"{Html(queueUrl)}\">Open the queue</a></p>" + HtmlFooter(why, unsubscribeUrl));
        return (subject, text, html);
    }
}
