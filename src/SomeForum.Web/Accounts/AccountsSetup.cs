using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;

namespace SomeForum.Web.Accounts;

public static class AccountsSetup
{
    public const string SignInPath = "/account/sign-in";

    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PasswordResetTokenProviderOptions>()
            .Configure<IOptions<AccountsOptions>>((tokens, accounts) =>
            {
                tokens.Name = PasswordResetTokenProvider.ProviderName;
                tokens.TokenLifespan = TimeSpan.FromMinutes(accounts.Value.PasswordResetMinutes);
            });
        builder.Services
            .AddIdentity<ForumUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = AdminOptions.PasswordLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                // Length, not composition, makes a password strong (NIST SP 800-63B).
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<ForumDb>()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddSignInManager<ForumSignInManager>()
            .AddErrorDescriber<ForumIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName);
        builder.Services.AddScoped<DisplayNames>();
        builder.Services.AddScoped<EmailChanges>();
        builder.Services.AddScoped<AddressConfirmations>();
        // Wrong passwords are limited by account and client together (SignInThrottle), not by Identity's lockout.
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<PasswordResetThrottle>();
        builder.Services.AddScoped<PasswordResets>();
        builder.Services.AddScoped<UnconfirmedAccounts>();
        builder.Services.AddHostedService<UnconfirmedAccountSweeper>();

        // A session is checked against the account's security stamp this often: a revoked role, a changed password
        // or a sign-out (each of which changes the stamp) ends the account's other sessions within this time.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionCheckInterval);
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = "/account/sign-out";
            options.Cookie.Name = "someforum_session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            // A signed-in user without the role gets a plain 403 page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Moderate, policy => policy.RequireRole(Roles.Moderator, Roles.Administrator))
            .AddPolicy(Policies.Administer, policy => policy.RequireRole(Roles.Administrator));
        return builder;
    }

    /// <summary>Creates the roles, and the first administrator from <c>Admin:Email</c>/<c>Admin:Password</c> when there is none.</summary>
    public static async Task EnsureRolesAndAdministratorAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");
        }

        var admin = scope.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password)) return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0) return;

        var user = await users.FindByEmailAsync(admin.Email);
        // An account that already has the address is promoted only if it also has the configured password:
        // addresses are not verified, so anyone could have registered it first.
        if (user is not null && !await users.CheckPasswordAsync(user, admin.Password))
        {
            throw new InvalidOperationException(
                $"An account with Admin:Email {admin.Email} exists, but Admin:Password is not its password, so it was not made an administrator. " +
                "Give that account's password, or choose another Admin:Email.");
        }
        if (user is null)
        {
            user = new ForumUser
            {
                UserName = admin.Email,
                Email = admin.Email,
                EmailConfirmed = true,
                DisplayName = admin.Email.Split('@')[0],
                CreatedAt = DateTime.UtcNow,
            };
            Check(await users.CreateAsync(user, admin.Password), "create the administrator from Admin:Email and Admin:Password");
        }
        Check(await users.AddToRoleAsync(user, Roles.Administrator), "make Admin:Email an administrator");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
