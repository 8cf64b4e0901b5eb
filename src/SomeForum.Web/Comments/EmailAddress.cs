namespace SomeForum.Web.Comments;

/// <summary>
/// An email address as it is stored and compared everywhere (comments, the moderation rules, mail, avatars): trimmed
/// and in lower case, so "Ann@Example.org " and "ann@example.org" are one writer.
/// </summary>
public static class EmailAddress
{
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToLowerInvariant();
    }

    /// <summary>The normalized address, or null for none (empty or blank).</summary>
    public static string? NormalizeOrNull(string? address) => string.IsNullOrWhiteSpace(address) ? null : Normalize(address);
}
