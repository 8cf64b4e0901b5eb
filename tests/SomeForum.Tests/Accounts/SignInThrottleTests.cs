using System.Net;
using SomeForum.Web.Accounts;

namespace SomeForum.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void ThePairIsBlockedUntilItsOldestCountedFailureLeavesTheWindow()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        var first = clock.Now;
        for (var i = 0; i < SignInThrottle.PerAccountAndClient; i++)
        {
            Assert.Null(throttle.BlockedUntil("a@example.org", Client));
            throttle.Failed("a@example.org", Client);
            clock.Now += TimeSpan.FromMinutes(1);
        }
        Assert.Equal(first + SignInThrottle.Window, throttle.BlockedUntil("A@Example.org ", Client));

        clock.Now = first + SignInThrottle.Window;
        Assert.Null(throttle.BlockedUntil("a@example.org", Client));
    }

    [Fact]
    public void IPv6ClientsAreCountedByTheirSlash64()
    {
        var throttle = new SignInThrottle(new Clock());
        for (var i = 0; i < SignInThrottle.PerAccountAndClient; i++)
        {
            // A new address in the same /64 for every guess.
            throttle.Failed("a@example.org", IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"));
        }
        Assert.NotNull(throttle.BlockedUntil("a@example.org", IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(throttle.BlockedUntil("a@example.org", IPAddress.Parse("2001:db8:1:3::1")));
    }
}
