using SomeForum.Web.Comments;
using SomeForum.Web.Hosting;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Web.Notifications;

public static class MailSetup
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.FromAddress),
                "Mail:Host is set but Mail:FromAddress is empty: give the address mail is sent from.")
            .Validate(o => o.RetryMaxSeconds >= o.RetryBaseSeconds,
                "Mail:RetryMaxSeconds must be at least Mail:RetryBaseSeconds.")
            .Validate<Microsoft.Extensions.Options.IOptions<PingbackOptions>>((o, site) => !o.Enabled || !string.IsNullOrWhiteSpace(site.Value.SiteUrl),
                "Mail:Host is set but Pingback:SiteUrl is empty: the links in mails are absolute, so give the site's public address.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkSignal<MailSender>>();
        builder.Services.AddSingleton<MailLinks>();
        builder.Services.AddScoped<MailOutbox>();
        builder.Services.AddScoped<MailSubscriptions>();
        builder.Services.AddScoped<CommentNotifications>();
        builder.Services.AddScoped<ModeratorDigest>();
        builder.Services.AddScoped<MailDelivery>();
        builder.Services.AddScoped<IThreadChangeSubscriber, CommentNotifier>();
        builder.Services.AddHostedService<MailSender>();
        return builder;
    }
}
