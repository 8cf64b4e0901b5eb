using System.Buffers.Binary;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>Full-page pictures in test-output/screenshots/, for a person to look at; a page must fit its screen's width to be taken.</summary>
public static class Screenshots
{
    /// <summary>The devices pages are photographed on: a desktop, a phone, and the narrowest phone still in use.</summary>
    public static readonly IReadOnlyDictionary<string, (int Width, int Height, bool Phone)> Devices = new Dictionary<string, (int, int, bool)>
    {
        ["desktop"] = (1280, 800, false),
        ["phone"] = (375, 812, true),
        ["narrow"] = (320, 640, true),
    };

    /// <summary>Asserts the page is no wider than the screen, then writes &lt;name&gt;-&lt;device&gt;.png and checks it.</summary>
    public static async Task<string> TakeAsync(IPage page, string name, string device)
    {
        var (width, height, _) = Devices[device];
        // Against the screen's own width: a phone browser widens its layout viewport (innerWidth) to fit what overflows.
        var overflow = await page.EvaluateAsync<int>("width => Math.max(document.documentElement.scrollWidth, innerWidth) - width", width);
        if (overflow > 0)
        {
            var culprits = await page.EvaluateAsync<string[]>("""
                width => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > width + 0.5)
                  .slice(-5)
                  .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`)
                """, width);
            Assert.Fail($"{name} on a {width}px {device} is {overflow}px wider than the screen: {string.Join(", ", culprits)}");
        }

        var file = Path.Combine(TestOutput.Folder("screenshots"), $"{name}-{device}.png");
        File.Delete(file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Type = ScreenshotType.Png });

        var (pngWidth, pngHeight) = PngSize(file);
        Assert.Equal(width, pngWidth);
        Assert.True(pngHeight >= height, $"{file} is {pngHeight}px high, less than the screen");
        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is only {new FileInfo(file).Length} bytes");
        return file;
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
