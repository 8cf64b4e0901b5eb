namespace SomeForum.Web.Comments;

/// <summary>Why the pipeline refused a comment; each maps to the status a reader's browser gets.</summary>
public enum CommentProblem
{
    Invalid,
    PostNotFound,
    Closed,
    ParentInvalid,
    Duplicate,
    Flood,
    /// <summary>The database refused the write (a full disk, a read-only file or server): nothing stored, try later.</summary>
    StorageFull,
    /// <summary>A member whose address is not confirmed yet (mail on): the account cannot comment under it.</summary>
    AddressUnconfirmed,
}

public sealed record CommentRejection(CommentProblem Problem, string Message, string? Field = null)
{
    public int HttpStatus => Problem switch
    {
        CommentProblem.PostNotFound => StatusCodes.Status404NotFound,
        CommentProblem.Closed or CommentProblem.AddressUnconfirmed => StatusCodes.Status403Forbidden,
        CommentProblem.Duplicate => StatusCodes.Status409Conflict,
        CommentProblem.Flood => StatusCodes.Status429TooManyRequests,
        CommentProblem.StorageFull => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>Either the stored comment or the reason nothing was stored.</summary>
public sealed record CommentResult(Comment? Comment, CommentRejection? Rejection)
{
    public static CommentResult Stored(Comment comment) => new(comment, null);

    public static CommentResult Refused(CommentProblem problem, string message, string? field = null) =>
        new(null, new CommentRejection(problem, message, field));
}
