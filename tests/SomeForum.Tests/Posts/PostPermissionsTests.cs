using System.Security.Claims;
using SomeForum.Web.Accounts;
using SomeForum.Web.Posts;

namespace SomeForum.Tests.Posts;

public sealed class PostPermissionsTests
{
    private static ClaimsPrincipal User(string id, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    private static readonly PostOptions Closed = new();
    private static readonly PostOptions Allowed = new() { ModeratorsEditOthersPosts = true };

    [Fact]
    public void TheAuthorAndAdministratorsEditAModeratorOnlyWithTheSetting()
    {
        Assert.True(PostPermissions.CanEdit(User("writer"), "writer", Closed));
        Assert.True(PostPermissions.CanEdit(User("boss", Roles.Administrator), "writer", Closed));
        Assert.False(PostPermissions.CanEdit(User("mod", Roles.Moderator), "writer", Closed));
        Assert.True(PostPermissions.CanEdit(User("mod", Roles.Moderator), "writer", Allowed));
        Assert.False(PostPermissions.CanEdit(User("other", Roles.Author), "writer", Allowed));
        // A post without a known author (imported) is no one's to claim.
        Assert.False(PostPermissions.CanEdit(User("mod", Roles.Moderator), null, Closed));
        Assert.False(PostPermissions.CanEdit(new ClaimsPrincipal(new ClaimsIdentity()), null, Allowed));
    }

    [Theory]
    [InlineData(PostStatus.Pending, null, true)]
    [InlineData(PostStatus.Trash, PostStatus.Pending, true)]
    [InlineData(PostStatus.Published, null, false)]
    [InlineData(PostStatus.Draft, null, false)]
    [InlineData(PostStatus.Trash, PostStatus.Published, false)]
    public void AModeratorChangesTheStatusOfWhatWasHeldForReviewOnly(PostStatus status, PostStatus? beforeTrash, bool may)
    {
        Assert.Equal(may, PostPermissions.CanChangeStatus(User("mod", Roles.Moderator), "member", status, beforeTrash, Closed));
        Assert.True(PostPermissions.CanChangeStatus(User("mod", Roles.Moderator), "member", status, beforeTrash, Allowed));
        Assert.False(PostPermissions.CanChangeStatus(User("other"), "member", status, beforeTrash, Allowed));
    }
}
