using System.Globalization;
using System.Text;

namespace SomeForum.Web.Avatars;

/// <summary>
/// A picture drawn from a token alone: a 5×5 pattern, mirrored left to right, in one colour on a pale
/// ground. Plain SVG with presentation attributes (fill), no style attribute, no script, so it sits
/// inside the site's Content-Security-Policy.
/// </summary>
public static class Identicon
{
    private const string Ground = "#eef1f4";

    /// <summary>The neutral picture for those without an email: guests who left none, pingbacks.</summary>
    public const string Placeholder =
        """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 7 7">""" +
        """<rect width="7" height="7" fill="#d5dae0"/>""" +
        """<circle cx="3.5" cy="2.8" r="1.35" fill="#8a949e"/>""" +
        """<path d="M1.2 7a2.3 2.3 0 0 1 4.6 0z" fill="#8a949e"/>""" +
        "</svg>";

    /// <summary>The SVG for a token of <see cref="AvatarToken"/>. The same token gives the same picture, always.</summary>
    public static string Svg(string token)
    {
        if (!AvatarToken.IsWellFormed(token)) throw new ArgumentException("Not an avatar token.", nameof(token));
        var bits = Convert.FromHexString(token);

        // Colour: any hue, a saturation and lightness that stay clear of the pale ground.
        var hue = ((bits[0] << 8) | bits[1]) % 360;
        var saturation = 0.45 + bits[2] / 255.0 * 0.25;
        var lightness = 0.36 + bits[3] / 255.0 * 0.12;
        var colour = Rgb(hue, saturation, lightness);

        // Cells: 15 bits for the left three columns; the right two mirror the first two.
        var pattern = (bits[4] << 8) | bits[5];
        var path = new StringBuilder();
        for (var row = 0; row < 5; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                if ((pattern >> (row * 3 + column) & 1) == 0) continue;
                Cell(path, column, row);
                if (column < 2) Cell(path, 4 - column, row);
            }
        }
        // An empty pattern would draw nothing: a solid centre instead.
        if (path.Length == 0) Cell(path, 2, 2);

        return """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 7 7" shape-rendering="crispEdges">""" +
            $"""<rect width="7" height="7" fill="{Ground}"/><path fill="{colour}" d="{path}"/></svg>""";
    }

    private static void Cell(StringBuilder path, int column, int row) =>
        path.Append(CultureInfo.InvariantCulture, $"M{column + 1} {row + 1}h1v1h-1z");

    private static string Rgb(int hue, double saturation, double lightness)
    {
        var chroma = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        var x = chroma * (1 - Math.Abs(hue / 60.0 % 2 - 1));
        var m = lightness - chroma / 2;
        var (r, g, b) = (hue / 60) switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"#{Channel(r + m):x2}{Channel(g + m):x2}{Channel(b + m):x2}");
    }

    private static int Channel(double value) => (int)Math.Round(Math.Clamp(value, 0, 1) * 255);
}
