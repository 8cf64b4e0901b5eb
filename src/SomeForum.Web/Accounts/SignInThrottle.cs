using System.Net;

namespace SomeForum.Web.Accounts;

/// <summary>Wrong passwords, by account and client (Identity's per-account lockout would let anyone lock the owner out).</summary>
public sealed class SignInThrottle(TimeProvider clock) : AttemptThrottle(clock, Window, PerAccountAndClient, PerClient)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from one client within the window.</summary>
    public const int PerAccountAndClient = 5;

    /// <summary>Wrong passwords from one client within the window, whatever the accounts tried.</summary>
    public const int PerClient = 20;

    public void Failed(string email, IPAddress? client) => Count(email, client);

    /// <summary>A right password clears the pair's count.</summary>
    public void Succeeded(string email, IPAddress? client) => Forgive(email, client);
}
