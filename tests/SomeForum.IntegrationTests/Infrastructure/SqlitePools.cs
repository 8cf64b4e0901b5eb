namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// The stories that clear SQLite's connection pools (which are the whole process's) or that need their own pooled
/// connections to stay open, as the app's are in production: run one at a time, so that one story's clearing never
/// closes another's connections in the middle of it (a full disk's database cannot open its log files again).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqlitePools
{
    public const string Name = "SQLite connection pools";
}
