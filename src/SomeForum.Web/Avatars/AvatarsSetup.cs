namespace SomeForum.Web.Avatars;

/// <summary>
/// Identicons drawn by the app itself (Avatars/Avatar.cshtml serves them at /avatars/{token}.svg):
/// nothing is fetched from a third party, and no email can be read back from a picture or its address.
/// </summary>
public static class AvatarsSetup
{
    public static WebApplicationBuilder AddAvatars(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AvatarKey>();
        builder.Services.AddScoped<CommentAvatars>();
        return builder;
    }
}
