using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace SomeForum.Web.Moderation;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffPart(DiffKind Kind, string Text);

/// <summary>What an edit changed, word by word: the audit log shows the words removed and added, and the rest as it was.</summary>
public static partial class TextDiff
{
    // Past this many word pairs the middle that changed is shown as removed whole and added whole, not matched word by word.
    private const int MaxCells = 250_000;

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex Tokens();

    public static IReadOnlyList<DiffPart> Words(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Tokens().Matches(before).Select(m => m.Value).ToArray();
        var b = Tokens().Matches(after).Select(m => m.Value).ToArray();
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }

        var parts = new List<DiffPart>();
        Add(parts, DiffKind.Same, a[..start]);
        var midA = a[start..endA];
        var midB = b[start..endB];
        if ((long)midA.Length * midB.Length > MaxCells)
        {
            Add(parts, DiffKind.Removed, midA);
            Add(parts, DiffKind.Added, midB);
        }
        else
        {
            Middle(parts, midA, midB);
        }
        Add(parts, DiffKind.Same, a[endA..]);
        return parts;
    }

    /// <summary>An edit as the log shows it: unchanged words as they were, removed ones in <c>del</c>, added ones in <c>ins</c>, all encoded.</summary>
    public static IHtmlContent Html(string before, string after)
    {
        var html = new StringBuilder();
        foreach (var part in Condensed(Words(before, after)))
        {
            var text = HtmlEncoder.Default.Encode(part.Text);
            html.Append(part.Kind switch
            {
                DiffKind.Removed => $"<del>{text}</del>",
                DiffKind.Added => $"<ins>{text}</ins>",
                _ => text,
            });
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>The parts with long unchanged stretches cut to the words next to a change, so a log row stays short.</summary>
    public static IReadOnlyList<DiffPart> Condensed(IReadOnlyList<DiffPart> parts, int context = 60)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. parts.Select((part, i) => part.Kind != DiffKind.Same || part.Text.Length <= 2 * context + 5 ? part : part with
        {
            Text = (i == 0, i == parts.Count - 1) switch
            {
                (true, true) => part.Text,
                (true, false) => "…" + part.Text[^context..],
                (false, true) => part.Text[..context] + "…",
                _ => part.Text[..context] + " … " + part.Text[^context..],
            },
        })];
    }

    // The longest common subsequence of the two middles, then a walk that emits each run.
    private static void Middle(List<DiffPart> parts, string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { Add(parts, DiffKind.Same, [a[x]]); x++; y++; }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1])) { Add(parts, DiffKind.Removed, [a[x]]); x++; }
            else { Add(parts, DiffKind.Added, [b[y]]); y++; }
        }
    }

    // Runs of one kind are joined; a lone space between two changes reads as part of them.
    private static void Add(List<DiffPart> parts, DiffKind kind, string[] tokens)
    {
        if (tokens.Length == 0) return;
        var text = string.Concat(tokens);
        if (parts.Count > 0 && parts[^1].Kind == kind) parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        else parts.Add(new DiffPart(kind, text));
    }
}
