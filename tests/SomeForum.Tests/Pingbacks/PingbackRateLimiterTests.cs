using Microsoft.Extensions.Options;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Tests.Pingbacks;

/// <summary>The per-minute limits, per source host and per caller, on a clock the test moves.</summary>
public sealed class PingbackRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FixedOptions(PingbackOptions value) : IOptionsMonitor<PingbackOptions>
    {
        public PingbackOptions CurrentValue => value;

        public PingbackOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PingbackOptions, string?> listener) => null;
    }

    private static (PingbackRateLimiter, ManualClock) Limiter(int perMinute)
    {
        var clock = new ManualClock();
        return (new PingbackRateLimiter(new FixedOptions(new PingbackOptions { RateLimitPerMinute = perMinute }), clock), clock);
    }

    [Fact]
    public void TryAcquire_OverTheLimitForOneCaller_IsRefusedWhateverTheSource()
    {
        var (limiter, _) = Limiter(3);
        Assert.True(limiter.TryAcquire("a.example", "203.0.113.1"));
        Assert.True(limiter.TryAcquire("b.example", "203.0.113.1"));
        Assert.True(limiter.TryAcquire("c.example", "203.0.113.1"));
        Assert.False(limiter.TryAcquire("d.example", "203.0.113.1"));
        Assert.True(limiter.TryAcquire("d.example", "203.0.113.2"));
    }

    [Fact]
    public void TryAcquire_OverTheLimitForOneSourceHost_IsRefusedWhateverTheCaller()
    {
        var (limiter, _) = Limiter(2);
        Assert.True(limiter.TryAcquire("victim.example", "203.0.113.1"));
        Assert.True(limiter.TryAcquire("VICTIM.example", "203.0.113.2"));
        Assert.False(limiter.TryAcquire("victim.example", "203.0.113.3"));
        Assert.True(limiter.TryAcquire("other.example", "203.0.113.3"));
    }

    [Fact]
    public void TryAcquire_AMinuteLater_IsAllowedAgain()
    {
        var (limiter, clock) = Limiter(1);
        Assert.True(limiter.TryAcquire("a.example", "203.0.113.1"));
        clock.Now += TimeSpan.FromSeconds(59);
        Assert.False(limiter.TryAcquire("a.example", "203.0.113.1"));
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.True(limiter.TryAcquire("a.example", "203.0.113.1"));
    }

    [Fact]
    public void TryAcquire_Refused_TakesNoPermitFromTheOtherKey()
    {
        var (limiter, _) = Limiter(1);
        Assert.True(limiter.TryAcquire("busy.example", "203.0.113.1"));
        Assert.False(limiter.TryAcquire("busy.example", "203.0.113.2"));
        Assert.True(limiter.TryAcquire("quiet.example", "203.0.113.2"));
    }
}
