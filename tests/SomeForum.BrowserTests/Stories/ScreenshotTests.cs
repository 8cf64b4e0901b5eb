using System.Buffers.Binary;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Full-page pictures of the main pages on a desktop and a phone, kept in test-output/screenshots/
/// for a person to look at; the pages must also fit the screen's width.
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class ScreenshotTests(SeededForum forum)
{
    [Theory]
    [InlineData("desktop", 1280, 800, false)]
    [InlineData("phone", 375, 812, true)]
    public async Task TheMainPagesArePhotographedAndFitTheScreen(string device, int width, int height, bool phone)
    {
        var folder = TestOutput.Folder("screenshots");
        await using var reader = await forum.OpenAsync(width: width, height: height, phone: phone);
        var page = reader.Page;

        foreach (var (name, path) in new[]
        {
            ("home", "/"),
            ("post", BrowserForum.SeedPostPath),
            ("thread", $"{BrowserForum.SeedPostPath}#comment-11"),
        })
        {
            if (name == "thread")
            {
                // Arriving from elsewhere (a link in an email, say), not a jump within the post page.
                await page.GotoAsync("about:blank");
            }
            await reader.GotoAsync(path);
            if (name == "thread")
            {
                // The deep thread: Tim Collins' reply at the third level, highlighted and scrolled to.
                await Expect(page.Locator("li:target")).ToHaveIdAsync("comment-11");
                await Expect(page.Locator("#comment-11")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdepth-3\b"));
                await Expect(page.Locator("#comment-11 > article")).ToBeInViewportAsync();
            }
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - innerWidth");
            Assert.True(overflow <= 0, $"{name} on a {width}px {device} is {overflow}px wider than the screen");

            var file = Path.Combine(folder, $"{name}-{device}.png");
            File.Delete(file);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Type = ScreenshotType.Png });

            var (pngWidth, pngHeight) = PngSize(file);
            Assert.Equal(width, pngWidth);
            Assert.True(pngHeight >= height, $"{file} is {pngHeight}px high, less than the screen");
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is only {new FileInfo(file).Length} bytes");
        }
        Assert.Empty(reader.ConsoleErrors);
    }

    /// <summary>The width and height in a PNG's header, which also proves it is a PNG.</summary>
    private static (int Width, int Height) PngSize(string file)
    {
        Assert.True(File.Exists(file), $"{file} was not written");
        var header = new byte[24];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header[..8]);
        Assert.Equal("IHDR"u8.ToArray(), header[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20, 4)));
    }
}
