using System.Net;
using SomeForum.Web.Accounts;

namespace SomeForum.Tests.Accounts;

public sealed class PasswordResetThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void Requested_ForOneAddressFromOneClient_BlocksThatPairOnlyForAnHour()
    {
        var clock = new Clock();
        var throttle = new PasswordResetThrottle(clock);
        var first = clock.Now;
        for (var i = 0; i < PasswordResetThrottle.PerAddressAndClient; i++)
        {
            Assert.Null(throttle.BlockedUntil("a@example.org", Client));
            throttle.Requested("a@example.org", Client);
        }
        Assert.Equal(first + PasswordResetThrottle.Window, throttle.BlockedUntil(" A@example.org", Client));
        // Another client asks for the same address: its owner is never locked out by a stranger.
        Assert.Null(throttle.BlockedUntil("a@example.org", IPAddress.Parse("198.51.100.1")));

        clock.Now = first + PasswordResetThrottle.Window;
        Assert.Null(throttle.BlockedUntil("a@example.org", Client));
    }

    [Fact]
    public void Requested_ForManyAddressesFromOneClient_BlocksTheClient()
    {
        var throttle = new PasswordResetThrottle(new Clock());
        for (var i = 0; i < PasswordResetThrottle.PerClient; i++)
        {
            throttle.Requested($"someone{i}@example.org", Client);
        }
        Assert.NotNull(throttle.BlockedUntil("anyone.else@example.org", Client));
        Assert.Null(throttle.BlockedUntil("anyone.else@example.org", IPAddress.Parse("198.51.100.1")));
    }
}
