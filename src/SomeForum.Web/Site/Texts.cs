using System.Globalization;

namespace SomeForum.Web.Site;

public static class Texts
{
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
