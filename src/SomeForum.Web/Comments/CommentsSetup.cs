namespace SomeForum.Web.Comments;

public static class CommentsSetup
{
    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CommentPipeline>();
        return builder;
    }
}
