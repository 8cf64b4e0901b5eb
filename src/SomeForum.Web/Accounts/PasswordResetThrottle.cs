using System.Net;

namespace SomeForum.Web.Accounts;

/// <summary>
/// "Forgot your password?" requests, by address and client: each one mails somebody, so a client may ask a few times
/// for one address and a few more for others. The address's own mailbox is further held to the outbox's hourly allowance.
/// </summary>
public sealed class PasswordResetThrottle(TimeProvider clock) : AttemptThrottle(clock, Window, PerAddressAndClient, PerClient)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public const int PerAddressAndClient = 3;

    public const int PerClient = 10;

    public void Requested(string email, IPAddress? client) => Count(email, client);
}
