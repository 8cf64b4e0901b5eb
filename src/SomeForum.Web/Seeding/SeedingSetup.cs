using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;

namespace SomeForum.Web.Seeding;

public sealed class SeedingOptions
{
    public const string Section = "Seeding";

    /// <summary>Where the seed documents are; relative paths are taken from the app's own folder.</summary>
    [Required]
    public string Directory { get; set; } = "seeds";
}

public static class SeedingSetup
{
    public static WebApplicationBuilder AddSeeding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedingOptions>().BindConfiguration(SeedingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SeedImporter>();
        builder.Services.AddScoped<WxrImporter>();
        builder.Services.AddScoped<DisqusImporter>();
        builder.Services.AddScoped<WxrWriter>();
        return builder;
    }

    /// <summary>On the first start, with no post in the store, imports every seed document.</summary>
    public static async Task ImportSeedsIntoEmptyStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        if (await db.Posts.AnyAsync(ct)) return;

        var log = scope.ServiceProvider.GetRequiredService<ILogger<SeedImporter>>();
        var folder = Path.GetFullPath(scope.ServiceProvider.GetRequiredService<IOptions<SeedingOptions>>().Value.Directory, AppContext.BaseDirectory);
        // A folder that is not there is a mistake (a mistyped path), not a wish for an empty forum: that is an empty folder.
        if (!System.IO.Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"The seed folder {folder} (Seeding:Directory) does not exist, and the database is empty. Point Seeding:Directory at a folder of seed documents (an empty folder starts a forum with no posts).");
        }
        foreach (var file in System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                // A scope per file: a failed file leaves nothing tracked behind for the next one.
                await using var fileScope = services.CreateAsyncScope();
                await fileScope.ServiceProvider.GetRequiredService<SeedImporter>().ImportFileAsync(file, null, ct);
            }
            catch (SeedFormatException e)
            {
                // One bad document must not keep the forum from starting; it is named, and nothing of it is stored.
                SeedingLog.NotImported(log, e.Message);
            }
        }
    }
}
