using System.Security.Cryptography;
using System.Xml.Linq;
using SomeForum.Web.Avatars;

namespace SomeForum.Tests.Avatars;

/// <summary>The picture: drawn from the token alone, the same every time, different for different people, inside the site's CSP.</summary>
public sealed class IdenticonTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static string TokenOf(string email) => AvatarToken.For(Key, email)!;

    [Fact]
    public void TheSameEmailAlwaysGetsTheSamePicture()
    {
        var picture = Identicon.Svg(TokenOf("ada@example.org"));
        Assert.Equal(picture, Identicon.Svg(TokenOf("ada@example.org")));
        Assert.Equal(picture, Identicon.Svg(TokenOf(" ADA@example.org")));
    }

    [Fact]
    public void DifferentEmailsGetDifferentPictures()
    {
        var pictures = Enumerable.Range(0, 500).Select(i => Identicon.Svg(TokenOf($"reader{i}@example.org"))).ToList();
        // 15 pattern bits and a colour: among 500 people, all but a handful of pictures differ.
        Assert.InRange(pictures.Distinct(StringComparer.Ordinal).Count(), 495, 500);
        Assert.NotEqual(Identicon.Svg(TokenOf("ada@example.org")), Identicon.Svg(TokenOf("ada@example.com")));
    }

    [Fact]
    public void APictureIsASymmetricPatternInOneColour()
    {
        for (var i = 0; i < 200; i++)
        {
            var svg = XDocument.Parse(Identicon.Svg(TokenOf($"reader{i}@example.org"))).Root!;
            Assert.Equal(Svg + "svg", svg.Name);
            Assert.Equal("0 0 7 7", (string?)svg.Attribute("viewBox"));
            var path = Assert.Single(svg.Elements(Svg + "path"));
            Assert.Matches("^#[0-9a-f]{6}$", (string?)path.Attribute("fill"));

            var cells = System.Text.RegularExpressions.Regex.Matches((string)path.Attribute("d")!, @"M(\d) (\d)h1v1h-1z")
                .Select(m => (X: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Y: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
                .ToHashSet();
            Assert.NotEmpty(cells);
            Assert.All(cells, c => Assert.True(c.X is >= 1 and <= 5 && c.Y is >= 1 and <= 5, $"cell {c} is off the 5×5 grid"));
            // Mirrored about the middle column.
            Assert.All(cells, c => Assert.Contains((6 - c.X, c.Y), cells));
        }
    }

    [Fact]
    public void PicturesAreSafeUnderTheSitesContentSecurityPolicy()
    {
        foreach (var picture in new[] { Identicon.Svg(TokenOf("ada@example.org")), Identicon.Placeholder })
        {
            var svg = XDocument.Parse(picture).Root!;
            var everything = svg.DescendantsAndSelf().ToList();
            // Colours are presentation attributes (fill), never a style attribute or element, which the CSP forbids.
            Assert.DoesNotContain(everything, e => e.Attribute("style") is not null);
            Assert.DoesNotContain(everything, e => e.Name.LocalName is "style" or "script" or "foreignObject" or "image" or "a" or "use");
            Assert.DoesNotContain(everything.SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("http:", picture.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https:", picture, StringComparison.Ordinal);
            Assert.Contains(everything, e => e.Attribute("fill") is not null);
        }
    }

    [Fact]
    public void ThePlaceholderIsNotAnyonesPicture()
    {
        var pictures = Enumerable.Range(0, 200).Select(i => Identicon.Svg(TokenOf($"reader{i}@example.org")));
        Assert.DoesNotContain(Identicon.Placeholder, pictures);
    }

    [Theory]
    [InlineData("ada@example.org")]
    [InlineData("not a token")]
    [InlineData("")]
    public void OnlyATokenIsDrawn(string notAToken) => Assert.Throws<ArgumentException>(() => Identicon.Svg(notAToken));
}
