using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Avatars;

namespace SomeForum.Tests.Avatars;

/// <summary>The avatar key comes from the app's data-protection key ring: stable while the ring lives, secret, its own.</summary>
public sealed class AvatarKeyTests : IDisposable
{
    private readonly DirectoryInfo ring = Directory.CreateTempSubdirectory("someforum-keys-");
    private readonly DirectoryInfo otherRing = Directory.CreateTempSubdirectory("someforum-keys-");

    [Fact]
    public void TheKeyIsTheSameForEveryStartOverTheSameKeyRing()
    {
        var first = KeyOver(ring);
        var second = KeyOver(ring);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        Assert.NotEqual(new byte[32], first);
        // The first use made the ring's first key; later starts read it back.
        Assert.Single(ring.GetFiles("key-*.xml"));
    }

    [Fact]
    public void AnotherKeyRingGivesAnotherKey() => Assert.NotEqual(KeyOver(ring), KeyOver(otherRing));

    [Fact]
    public void TheKeyStaysWhenDataProtectionRollsToANewKey()
    {
        var before = KeyOver(ring);
        using (var services = Services(ring))
        {
            var keys = services.GetRequiredService<IKeyManager>();
            keys.CreateNewKey(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(90));
        }
        Assert.Equal(2, ring.GetFiles("key-*.xml").Length);
        Assert.Equal(before, KeyOver(ring));
    }

    [Fact]
    public void TheKeyIsNotTheMasterKeyItself()
    {
        var key = KeyOver(ring);
        var stored = string.Concat(ring.GetFiles("key-*.xml").Select(f => File.ReadAllText(f.FullName)));
        Assert.DoesNotContain(Convert.ToBase64String(key), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key[..16]), stored, StringComparison.Ordinal);
    }

    private static byte[] KeyOver(DirectoryInfo folder)
    {
        using var services = Services(folder);
        return new AvatarKey(services.GetRequiredService<IKeyManager>(), services.GetRequiredService<IDataProtectionProvider>()).Bytes.ToArray();
    }

    private static ServiceProvider Services(DirectoryInfo folder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("SomeForum").PersistKeysToFileSystem(folder);
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        ring.Delete(recursive: true);
        otherRing.Delete(recursive: true);
    }
}
