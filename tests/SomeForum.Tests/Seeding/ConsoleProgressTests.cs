using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void IntoAFileItWritesOneLineATenthOfTheWayAndEndsComplete()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, "comments", 10_000, interactive: false);
        for (var done = 0; done <= 10_000; done += 250) progress.Report(done);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("[###...........................]  10% 1,000/10,000 comments", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[##############################] 100% 10,000/10,000 comments", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void OnATerminalItRedrawsInPlaceAndEndsTheLineWhenDone()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, "comments", 2_000, interactive: true);
        progress.Report(1_000);
        progress.Report(1_500); // within a tenth of a second of the last: not drawn
        progress.Report(2_000); // the end is always drawn

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Contains(" 50% 1,000/2,000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,500", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("100% 2,000/2,000 comments", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImportShorterThanABatchShowsNothing()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, "comments", 21, interactive: true);
        progress.Report(21);
        Assert.Empty(output.ToString());
    }
}
