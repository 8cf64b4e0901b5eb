using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SomeForum.Web.Comments;

namespace SomeForum.Tests.Architecture;

/// <summary>
/// Every write of a comment's status, text or HTML goes through the one door. Found by reading the app's
/// source with the C# compiler's own semantic model: an assignment, an object initializer or an EF Core
/// SetProperty whose target is one of those properties, wherever it is.
/// </summary>
public sealed class OneDoorTests
{
    // The door: new comments come in through the pipeline, every change to one goes through ThreadChanges,
    // and CommentText writes source, HTML and hash together for both.
    private static readonly string[] Door =
    [
        "Comments/CommentPipeline.cs",
        "Comments/ThreadChanges.cs",
        "Comments/CommentText.cs",
    ];

    private static readonly string[] Guarded = [nameof(Comment.Status), nameof(Comment.Source), nameof(Comment.Html)];

    [Fact]
    public void CommentStatusTextAndHtml_AreWrittenOnlyByTheDoor()
    {
        var writers = WritesOfCommentProperties();

        // The search finds what it looks for: the door itself writes each guarded property.
        foreach (var property in Guarded)
        {
            Assert.Contains(writers, w => w.Property == property && Door.Contains(w.File));
        }
        var outside = writers.Where(w => !Door.Contains(w.File)).Select(w => $"{w.File}:{w.Line} writes Comment.{w.Property}").ToList();
        Assert.True(outside.Count == 0, "Only the door may write a comment's status, text or HTML:\n" + string.Join("\n", outside));
    }

    private sealed record Write(string File, int Line, string Property);

    private static List<Write> WritesOfCommentProperties()
    {
        var root = SourceRoot();
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .ToList();
        Assert.True(trees.Count > 50, $"Expected the app's source under {root}, found {trees.Count} files.");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("SomeForum.", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("SomeForum.Web.Source", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var comment = compilation.GetTypeByMetadataName(typeof(Comment).FullName!)
            ?? throw new InvalidOperationException("The Comment type was not found in the source.");
        var guarded = Guarded.Select(name => comment.GetMembers(name).Single()).ToHashSet(SymbolEqualityComparer.Default);

        var writes = new List<Write>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var target = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    InvocationExpressionSyntax call => SetPropertyTarget(call),
                    _ => null,
                };
                if (target is null) continue;
                if (model.GetSymbolInfo(target).Symbol is IPropertySymbol property && guarded.Contains(property.OriginalDefinition))
                {
                    writes.Add(new Write(tree.FilePath, tree.GetLineSpan(node.Span).StartLinePosition.Line + 1, property.Name));
                }
            }
        }
        return writes;
    }

    /// <summary>ExecuteUpdate's <c>SetProperty(c => c.Status, …)</c>: its first argument names what it writes.</summary>
    private static ExpressionSyntax? SetPropertyTarget(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "SetProperty" }
        && call.ArgumentList.Arguments.FirstOrDefault()?.Expression is SimpleLambdaExpressionSyntax { Body: ExpressionSyntax body }
            ? body
            : null;

    internal static string SourceRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "SomeForum.Web");
            if (File.Exists(Path.Combine(folder.FullName, "SomeForum.sln")) && Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"No SomeForum.sln above {AppContext.BaseDirectory}.");
    }
}
