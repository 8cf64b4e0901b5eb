using System.Text;

namespace SomeForum.Web.Seeding;

/// <summary>
/// A made-up discussion for measuring: a post with as many comments as asked, in threads shaped like real ones
/// (about 40% top-level, replies down to the depth limit, most to recent comments), each a few sentences of
/// Markdown with now and then a link, a list or a quote. The same seed gives the same discussion.
/// </summary>
public static class ThreadGenerator
{
    private static readonly string[] Names =
    [
        "Meg Peppin", "hrgem", "Sukh Pabial", "Tim Scott", "Ana Lima", "Jürgen Weiß", "Zoë Martin", "Kwame Mensah",
        "李华", "Priya Nair", "Olu Adeyemi", "Sam O'Brien", "Marta Nowak", "Léa Dubois", "Hiroshi Tanaka", "Fatima Zahra",
    ];

    private static readonly string[] Sentences =
    [
        "I think you have a point, but it is not the whole story.",
        "Most organisations still treat this as a side project, and it shows.",
        "We tried exactly that last year and the results were *mixed* at best.",
        "The tools are not the problem; how we use them is.",
        "Has anyone measured what this actually changes for the people doing the work?",
        "I'd rather see one good example than ten enthusiastic posts about it.",
        "That is a fair challenge, and I will take it back to my team.",
        "There is a **real** difference between talking about it and doing it.",
        "It took us two years to get the policy down to five bullet points.",
        "Not everything has to prove its value on a spreadsheet.",
        "The conversation moves on, but the questions stay the same.",
        "I disagree with the tone, not with the argument.",
        "Some of the best people I hired found us this way.",
        "Let's not pretend the old channels were any better.",
        "Could you say more about what you would measure?",
        "Thanks, this made me rethink how we run our own pilot.",
    ];

    public static SeedDocument Create(int comments, int maxDepth, int seed, string title, string slug, DateTime publishedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(comments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var random = new Random(seed);
        var roots = new List<Node>();
        var recent = new List<Node>(); // replies mostly answer what was said lately
        var at = publishedAt;
        for (var i = 0; i < comments; i++)
        {
            at = at.AddSeconds(random.Next(20, 600));
            var node = new Node(Names[random.Next(Names.Length)], at, Text(random, i));
            var parent = roots.Count == 0 || random.NextDouble() < 0.4 ? null : recent[recent.Count - 1 - Math.Min(recent.Count - 1, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 8))];
            if (parent is null)
            {
                node.Depth = 0;
                roots.Add(node);
            }
            else
            {
                // At the deepest level, the reply goes beside the comment it answers, as the form would place it.
                var home = parent.Depth + 1 < maxDepth ? parent : parent.Parent!;
                node.Depth = home.Depth + 1;
                node.Parent = home;
                home.Replies.Add(node);
            }
            recent.Add(node);
            if (recent.Count > 200) recent.RemoveRange(0, 100);
        }
        var body = "A discussion generated for measuring: " + comments.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " comments.";
        return new SeedDocument(title, body, slug, "SomeForum", publishedAt, [.. roots.Select(Entry)]);
    }

    private static SeedEntry Entry(Node node) =>
        new(0, null, SeedEntryKind.Comment, node.Author, node.At, node.Text, null, [.. node.Replies.Select(Entry)]);

    private static string Text(Random random, int index)
    {
        var text = new StringBuilder();
        var sentences = random.Next(2, 7);
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) text.Append(random.Next(4) == 0 ? "\n\n" : " ");
            text.Append(Sentences[random.Next(Sentences.Length)]);
        }
        switch (random.Next(12))
        {
            case 0:
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n\nMore on this: [a write-up](https://example.org/notes/{index}).");
                break;
            case 1:
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n\nSee https://example.net/thread/{index} for the longer version.");
                break;
            case 2:
                text.Insert(0, "> " + Sentences[random.Next(Sentences.Length)] + "\n\n");
                break;
            case 3:
                text.Append("\n\n- talk less\n- try more\n- measure what matters");
                break;
        }
        return text.ToString();
    }

    private sealed class Node(string author, DateTime at, string text)
    {
        public string Author { get; } = author;
        public DateTime At { get; } = at;
        public string Text { get; } = text;
        public int Depth { get; set; }
        public Node? Parent { get; set; }
        public List<Node> Replies { get; } = [];
    }
}
