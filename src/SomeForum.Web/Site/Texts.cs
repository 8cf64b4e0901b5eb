using System.Globalization;

namespace SomeForum.Web.Site;

public static class Texts
{
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
