namespace SomeForum.Web.Moderation;

public static class ModerationSetup
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ModerationRules>();
        builder.Services.AddScoped<ModerationSettings>();
        builder.Services.AddSingleton<SavedRules>();
        builder.Services.AddSingleton<Data.ISavedInMemory>(s => s.GetRequiredService<SavedRules>());
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CommentReports>();
        builder.Services.AddScoped<RulePreview>();
        return builder;
    }
}
