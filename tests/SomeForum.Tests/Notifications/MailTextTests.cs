using SomeForum.Web.Notifications;

namespace SomeForum.Tests.Notifications;

public sealed class MailTextTests
{
    [Fact]
    public void RetryDelay_DoublesFromTheBaseUpToTheCap()
    {
        var options = new MailOptions { RetryBaseSeconds = 60, RetryMaxSeconds = 600 };
        Assert.Equal([60, 120, 240, 480, 600, 600], Enumerable.Range(1, 6).Select(a => options.RetryDelay(a).TotalSeconds));
    }

    [Theory]
    [InlineData("Eve\r\nBcc: mallory@example.org", "Eve Bcc: mallory@example.org")]
    [InlineData("  Tab\there\u2028and\u0085there  ", "Tab here and there")]
    [InlineData("plain", "plain")]
    public void OneLine_TurnsLineBreaksAndControlsIntoSingleSpaces(string input, string expected) =>
        Assert.Equal(expected, MailText.OneLine(input, 100));

    [Fact]
    public void OneLine_CutsLongTextWithAnEllipsis() =>
        Assert.Equal("abcd…", MailText.OneLine("abcdefghij", 5));

    [Fact]
    public void Reply_EncodesEverythingTheReaderTypedInTheHtmlPart()
    {
        var (subject, text, html) = MailText.Reply("<Ann>", "Eve\n<img src=x onerror=alert(1)>", "A \"title\" & more",
            "<script>alert(1)</script>\nsecond line", "https://forum.example.org/comments/5", "https://forum.example.org/mail/unsubscribe?token=a&b");

        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Ann>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("token=a&amp;b", html, StringComparison.Ordinal);
        Assert.Contains("> <script>alert(1)</script>\n> second line", text, StringComparison.Ordinal);
    }
}
