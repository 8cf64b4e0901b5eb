namespace SomeForum.Web.Comments;

public static class CommentsSetup
{
    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ThreadWrites>();
        builder.Services.AddScoped<CommentPipeline>();
        builder.Services.AddScoped<ThreadChanges>();
        builder.Services.AddScoped<CommentFormHandler>();
        builder.Services.AddSingleton<CommenterCookies>();
        builder.Services.AddSingleton<GuestLinks>();
        return builder;
    }
}
