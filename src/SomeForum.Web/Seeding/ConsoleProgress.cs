using System.Diagnostics;
using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// A progress bar for a long import, drawn in place on a terminal at most ten times a second. Where the
/// output is a file or a pipe, one line a tenth of the way instead, so a log is not flooded with redraws.
/// Imports shorter than a batch finish at once and show nothing.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, string what, int total, bool interactive) : IProgress<int>
{
    private const int Width = 30;
    public const int Shown = 1000;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastDrawn = -1;
    private int lastTenth;
    private int done;

    public static ConsoleProgress ForStandardError(string what, int total) =>
        new(Console.Error, what, total, interactive: !Console.IsErrorRedirected);

    public void Report(int value)
    {
        done = Math.Clamp(value, 0, total);
        if (total < Shown) return;
        if (interactive)
        {
            var now = clock.ElapsedMilliseconds;
            if (done < total && lastDrawn >= 0 && now - lastDrawn < 100) return;
            lastDrawn = now;
            output.Write($"\r{Line()}");
            if (done == total) output.WriteLine();
        }
        else
        {
            var tenth = total == 0 ? 10 : (int)(10L * done / total);
            if (tenth <= lastTenth) return;
            lastTenth = tenth;
            output.WriteLine(Line());
        }
        output.Flush();
    }

    public string Line()
    {
        var filled = total == 0 ? Width : (int)((long)Width * done / total);
        var percent = total == 0 ? 100 : (int)(100L * done / total);
        var seconds = clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done:N0}/{total:N0} {what}, {seconds:0.0} s");
    }
}
