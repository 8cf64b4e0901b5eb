using System.Globalization;
using SomeForum.Web.Notifications;

namespace SomeForum.Tests.Notifications;

/// <summary>Mails in their recipient's language: English word for word as before, German throughout, numbers as each language writes them.</summary>
public sealed class MailTextLanguageTests
{
    private const string Unsubscribe = "https://forum.example.org/mail/unsubscribe?token=a&b";
    private static readonly CultureInfo German = MailLanguage.Culture("de");

    [Fact]
    public void Reply_InEnglish_IsWordForWordTheMailOfBefore()
    {
        var (subject, text, html) = MailText.Reply("Ann", "Bob", "A post", "Line one\nline two", "https://forum.example.org/comments/5", Unsubscribe);

        Assert.Equal("Bob replied to your comment on “A post”", subject);
        Assert.Equal("Hello Ann,\n\nBob replied to your comment on “A post”:\n\n> Line one\n> line two\n\nRead it and answer: https://forum.example.org/comments/5\n" +
            "\n--\nYou get this mail because you asked to be told of replies to your comment.\nTo stop these mails: " + Unsubscribe + "\n", text);
        Assert.Equal("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.4\">" +
            "<p>Hello Ann,</p><p>Bob replied to your comment on “A post”:</p>" +
            "<blockquote style=\"margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\">Line one<br>line two</blockquote>" +
            "<p><a href=\"https://forum.example.org/comments/5\">Read it and answer</a></p>" +
            "<hr><p style=\"color:#555;font-size:90%\">You get this mail because you asked to be told of replies to your comment. " +
            "<a href=\"https://forum.example.org/mail/unsubscribe?token=a&amp;b\">Stop these mails</a>.</p></body></html>", html);
    }

    [Fact]
    public void Confirmation_InEnglish_IsWordForWordTheMailOfBefore()
    {
        var (subject, text, _) = MailText.Confirmation("Forum", "A post", "https://forum.example.org/mail/confirm?token=x", 48, Unsubscribe);

        Assert.Equal("Confirm your address for Forum", subject);
        Assert.Equal("Hello,\n\nSomeone, we hope you, asked to be told by mail of replies to a comment on “A post”.\n\n" +
            "Confirm this address (the link works for 48 hours):\nhttps://forum.example.org/mail/confirm?token=x\n" +
            "\n--\nYou get this mail because this address was given on the site. If it was not you, ignore it: nothing more is sent unless you confirm.\n" +
            "To stop these mails: " + Unsubscribe + "\n", text);
    }

    [Fact]
    public void PasswordResetNoAccount_InEnglish_IsWordForWordTheMailOfBefore()
    {
        var (subject, text, html) = MailText.PasswordResetNoAccount("Forum", "https://forum.example.org/account/register");

        Assert.Equal("No account on Forum has this address", subject);
        Assert.Equal("Hello,\n\nSomeone, we hope you, asked to reset the password of an account on Forum with this address, but no account has it. " +
            "You may have registered with another address; or register now: https://forum.example.org/account/register\n\n--\n" +
            "You get this mail because someone asked to reset a password on the site with this address. If it was not you, ignore it: nothing changed.\n", text);
        Assert.Contains("or <a href=\"https://forum.example.org/account/register\">register now</a>.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_InEnglish_IsWordForWordTheMailOfBefore()
    {
        var (subject, text, html) = MailText.Digest("Forum", 1234, [new MailText.Held(7, "Eve", "A post", "Buy now")],
            "https://forum.example.org/moderation", Unsubscribe);

        Assert.Equal("1,234 comments waiting for moderation on Forum", subject);
        Assert.StartsWith("1,234 comments waiting for moderation. New since the last mail:\n\n- Eve on “A post”: Buy now\n\n" +
            "The queue: https://forum.example.org/moderation\n\n--\nYou get this mail because you moderate the site; at most one is sent every few minutes.\n", text, StringComparison.Ordinal);
        Assert.Contains("<li><strong>Eve</strong> on “A post”: Buy now</li></ul><p><a href=\"https://forum.example.org/moderation\">Open the queue</a></p>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_InGerman_SpeaksGermanAroundWhatTheReadersTyped()
    {
        var (subject, text, html) = MailText.Reply("<Ann>", "Eve\n<img src=x>", "A \"post\"", "<b>Hi</b>", "https://forum.example.org/comments/5", Unsubscribe, German);

        Assert.Equal("Eve <img src=x> hat auf Ihren Kommentar zu „A \"post\"“ geantwortet", subject);
        Assert.StartsWith("Guten Tag <Ann>,\n\nEve <img src=x> hat auf Ihren Kommentar zu „A \"post\"“ geantwortet:\n\n> <b>Hi</b>\n\nLesen und antworten: ", text, StringComparison.Ordinal);
        Assert.Contains("Diese E-Mails abbestellen: " + Unsubscribe, text, StringComparison.Ordinal);
        Assert.Contains("<p>Guten Tag &lt;Ann&gt;,</p><p>Eve &lt;img src=x&gt; hat auf Ihren Kommentar zu „A &quot;post&quot;“ geantwortet:</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains(">Diese E-Mails abbestellen</a>.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_InGerman_CountsAsGermanWritesNumbers()
    {
        var (subject, text, html) = MailText.Digest("Forum", 1234, [new MailText.Held(7, "<Eve>", "A post", "Buy now")],
            "https://forum.example.org/moderation", Unsubscribe, German);

        Assert.Equal("Zur Moderation auf Forum: 1.234 Kommentare", subject);
        Assert.StartsWith("Zur Moderation: 1.234 Kommentare. Neu seit der letzten E-Mail:\n\n- <Eve> zu „A post“: Buy now\n\nDie Warteschlange: ", text, StringComparison.Ordinal);
        Assert.Contains("<li><strong>&lt;Eve&gt;</strong> zu „A post“: Buy now</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_InGerman_SayHowLongTheyWorkInGerman()
    {
        Assert.Contains("Bestätigen Sie diese Adresse (der Link gilt 48 Stunden):",
            MailText.Confirmation("Forum", null, "https://x/c", 48, Unsubscribe, German).Text, StringComparison.Ordinal);
        Assert.Contains("Wählen Sie ein neues Passwort (der Link gilt einmal, 60 Minuten lang):",
            MailText.PasswordReset("Forum", "https://x/r", 60, German).Text, StringComparison.Ordinal);
        Assert.Equal("Bestätigen Sie Ihr Konto auf Forum", MailText.AccountConfirmation("Forum", "https://x/a", 24, German).Subject);
        Assert.Equal("Sie haben bereits ein Konto auf Forum", MailText.AccountExists("Forum", "https://x/s", "https://x/f", German).Subject);
        Assert.Equal("Bestätigen Sie Ihre neue Adresse für Forum", MailText.EmailChange("Forum", "https://x/e", 24, German).Subject);
        Assert.Equal("Neuer Kommentar von Bob zu „A post“", MailText.NewComment("Ann", "Bob", "A post", "x", "https://x/c", Unsubscribe, German).Subject);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("en", "en")]
    [InlineData(null, "en")]
    [InlineData("fr", "en")]
    public void Culture_IsTheStoredLanguageOrEnglish(string? stored, string expected) =>
        Assert.Equal(expected, MailLanguage.Culture(stored).Name);

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("en-US", "en")]
    [InlineData("fr", "en")]
    public void OfThisRequest_IsTheRequestsLanguageAsStored(string uiCulture, string expected)
    {
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
            Assert.Equal(expected, MailLanguage.OfThisRequest());
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
