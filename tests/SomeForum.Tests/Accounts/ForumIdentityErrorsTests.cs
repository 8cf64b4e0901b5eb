using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using SomeForum.Web.Accounts;

namespace SomeForum.Tests.Accounts;

/// <summary>Every message Identity can give is ours, in each language, under Identity's own code (pages choose the field by it).</summary>
public sealed class ForumIdentityErrorsTests
{
    public static TheoryData<string> Messages() =>
        [.. typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError)).Select(m => m.Name)];

    private static (IdentityError Ours, IdentityError Identitys) Describe(string name, string language)
    {
        var method = typeof(IdentityErrorDescriber).GetMethod(name)!;
        object?[] values = [.. method.GetParameters().Select(p => p.ParameterType == typeof(int) ? 12 : (object)"someone@example.org")];
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return ((IdentityError)method.Invoke(new ForumIdentityErrors(), values)!, (IdentityError)method.Invoke(new IdentityErrorDescriber(), values)!);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EveryMessage_IsOverriddenWithIdentitysCode(string name)
    {
        Assert.Equal(typeof(ForumIdentityErrors), typeof(ForumIdentityErrors).GetMethod(name)!.DeclaringType);
        var (ours, identitys) = Describe(name, "en");
        Assert.Equal(identitys.Code, ours.Code);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EveryMessage_IsATextInEnglishAndGerman_WithItsValuesPutIn(string name)
    {
        var english = Describe(name, "en").Ours.Description;
        var german = Describe(name, "de").Ours.Description;
        Assert.DoesNotContain("Identity.", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Identity.", german, StringComparison.Ordinal);
        Assert.NotEqual(english, german);
        Assert.DoesNotContain("{0}", english + german, StringComparison.Ordinal);
        if (typeof(IdentityErrorDescriber).GetMethod(name)!.GetParameters() is [{ } value])
        {
            var expected = value.ParameterType == typeof(int) ? "12" : "someone@example.org";
            Assert.Contains(expected, english, StringComparison.Ordinal);
            Assert.Contains(expected, german, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "A password needs at least 10 characters.")]
    [InlineData("de", "Ein Passwort braucht mindestens 10 Zeichen.")]
    public void PasswordTooShort_SaysTheLengthAsTheFormsDo(string language, string expected)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            Assert.Equal(expected, new ForumIdentityErrors().PasswordTooShort(AdminOptions.PasswordLength).Description);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
