using SomeForum.Web.Moderation;

namespace SomeForum.Web.Comments;

public static class CommentsSetup
{
    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CommentPipeline>();
        builder.Services.AddScoped<ModerationRules>();
        builder.Services.AddScoped<ModerationSettings>();
        builder.Services.AddScoped<CommentFormHandler>();
        builder.Services.AddSingleton<CommenterCookies>();
        builder.Services.AddScoped<CommentModerator>();
        return builder;
    }
}
