namespace SomeForum.Web.Posts;

public static class PostsSetup
{
    public static WebApplicationBuilder AddPosts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PostOptions>().BindConfiguration(PostOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PostWriter>();
        return builder;
    }
}
