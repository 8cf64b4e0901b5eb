using System.Text.RegularExpressions;
using SomeForum.Web.Posts;

namespace SomeForum.Tests.Posts;

/// <summary>
/// A post's address from its title: lower case, accents dropped, letters of any script kept,
/// words joined by single hyphens, short enough to take a "-2" suffix within the column's limit.
/// </summary>
public sealed partial class SlugTests
{
    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("HELLO", "hello")]
    [InlineData("MixedCase Title", "mixedcase-title")]
    [InlineData("Top 10 tips for 2024", "top-10-tips-for-2024")]
    [InlineData("2024", "2024")]
    public void FromTitle_PlainTitle_GivesLowerCaseWordsJoinedByHyphens(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("Crème brûlée", "creme-brulee")]
    [InlineData("ÀÉÎÕÜ Ç Ñ", "aeiou-c-n")]
    [InlineData("Déjà vu à Zürich", "deja-vu-a-zurich")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("Ångström", "angstrom")]
    public void FromTitle_AccentedLatin_DropsTheAccents(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("Καλημέρα κόσμε", "καλημερα-κοσμε")]
    [InlineData("ΑΘΗΝΑ", "αθηνα")]
    [InlineData("Привет, мир!", "привет-мир")]
    [InlineData("Ёлка", "елка")]
    [InlineData("こんにちは 世界", "こんにちは-世界")]
    [InlineData("안녕하세요 세계", "안녕하세요-세계")]
    [InlineData("שלום עולם", "שלום-עולם")]
    [InlineData("مرحبا بالعالم", "مرحبا-بالعالم")]
    public void FromTitle_OtherScripts_KeepsTheirLetters(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Fact]
    public void FromTitle_HangulSyllables_AreRecomposedNotLeftAsJamo()
    {
        var slug = Slug.FromTitle("한국어");

        Assert.Equal("한국어", slug);
        Assert.Equal(3, slug.Length);
    }

    [Theory]
    [InlineData("Hello, World!", "hello-world")]
    [InlineData("C# & .NET -- what is new?", "c-net-what-is-new")]
    [InlineData("one   two", "one-two")]
    [InlineData("one \t\r\n two", "one-two")]
    [InlineData("one - / - two", "one-two")]
    [InlineData("snake_case_title", "snake-case-title")]
    [InlineData("a...b", "a-b")]
    [InlineData("Hello 😀 World", "hello-world")]
    public void FromTitle_RunsOfPunctuationAndWhitespace_BecomeOneHyphen(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("  Hello  ", "hello")]
    [InlineData("\t\n-- Hello --\n", "hello")]
    [InlineData("!!!Hello???", "hello")]
    [InlineData("«Hello»", "hello")]
    public void FromTitle_LeadingAndTrailingSeparators_AreTrimmed(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("Don't panic", "dont-panic")]
    [InlineData("It’s a trap", "its-a-trap")]
    [InlineData("'Quoted'", "quoted")]
    public void FromTitle_Apostrophes_AreDroppedWithoutSplittingTheWord(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!?!")]
    [InlineData("''")]
    [InlineData("😀😀")]
    public void FromTitle_NothingToKeep_FallsBackToPost(string title) =>
        Assert.Equal("post", Slug.FromTitle(title));

    [Fact]
    public void FromTitle_Null_Throws() => Assert.Throws<ArgumentNullException>(() => Slug.FromTitle(null!));

    [Fact]
    public void FromTitle_LongTitle_LeavesRoomForASuffixWithinTheLimit()
    {
        var slug = Slug.FromTitle(new string('a', 1000));

        Assert.True(slug.Length + "-99".Length <= PostLimits.SlugLength, $"length {slug.Length}");
        Assert.True(slug.Length >= PostLimits.SlugLength / 2, $"length {slug.Length}");
        Assert.All(slug, c => Assert.Equal('a', c));
    }

    [Fact]
    public void FromTitle_LongTitleOfWords_IsCutWithoutATrailingHyphen()
    {
        var title = string.Concat(Enumerable.Repeat("word ", 200)) + "end";

        var slug = Slug.FromTitle(title);

        Assert.True(slug.Length + "-99".Length <= PostLimits.SlugLength, $"length {slug.Length}");
        Assert.StartsWith("word-word-word", slug, StringComparison.Ordinal);
        Assert.False(slug.EndsWith('-'), slug);
        Assert.DoesNotContain("--", slug, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTitle_LongAccentedTitle_CountsLettersNotTheirDroppedAccents()
    {
        var slug = Slug.FromTitle(new string('é', 1000));

        Assert.True(slug.Length + "-99".Length <= PostLimits.SlugLength, $"length {slug.Length}");
        Assert.Equal(Slug.FromTitle(new string('e', 1000)), slug);
    }

    [Fact]
    public void FromTitle_ShortTitle_IsNotCut()
    {
        var title = string.Join(' ', Enumerable.Repeat("word", 30));

        Assert.Equal(string.Join('-', Enumerable.Repeat("word", 30)), Slug.FromTitle(title));
    }

    [Theory]
    [InlineData("Hello, World!")]
    [InlineData("  --Crème brûlée: the   whole story--  ")]
    [InlineData("Καλημέρα κόσμε")]
    [InlineData("C# & .NET 10 — what’s new?")]
    [InlineData("Привет, мир!")]
    [InlineData("!!!")]
    public void FromTitle_AnyTitle_GivesAnAddressOfLowerCaseLettersDigitsAndSingleHyphens(string title) =>
        Assert.Matches(AddressShape(), Slug.FromTitle(title));

    [Theory]
    [InlineData("hello-world")]
    [InlineData("καλημερα-κοσμε")]
    [InlineData("top-10-tips")]
    public void FromTitle_ASlug_IsItsOwnSlug(string slug) => Assert.Equal(slug, Slug.FromTitle(slug));

    /// <summary>Lower-case or caseless letters and decimal digits, in words joined by single hyphens.</summary>
    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Nd}]+)*$")]
    private static partial Regex AddressShape();

    [Theory]
    [InlineData("P\u0430yPal login", "paypal-login")] // a Cyrillic а in a Latin word
    [InlineData("\u0440\u0430ypal", "paypal")] // Cyrillic р and а
    [InlineData("Zero\u200Bwidth", "zerowidth")]
    [InlineData("Hangul\u3164filler", "hangulfiller")]
    [InlineData("Soft\u00ADhyphen", "softhyphen")]
    public void FromTitle_LookAlikeOrInvisibleLetters_GiveTheAddressTheyPassFor(string title, string expected) =>
        Assert.Equal(expected, Slug.FromTitle(System.Text.RegularExpressions.Regex.Unescape(title)));

    [Theory]
    [InlineData("москва-news")] // one script a word is fine, whatever the next word's
    [InlineData("αθήνα")]
    [InlineData("東京-とうきょう")]
    public void MixedScripts_OneScriptAWord_IsNone(string slug) => Assert.Null(Slug.MixedScripts(slug));

    [Fact]
    public void MixedScripts_LatinAndCyrillicInOneWord_NamesBoth() =>
        Assert.Equal(("Latin", "Cyrillic"), Slug.MixedScripts("my-p\u0430ypal"));

    [Fact]
    public void Skeleton_OfAWholeScriptLookAlike_IsTheLatinItPassesFor() =>
        Assert.Equal(Slug.Skeleton("coco"), Slug.Skeleton("\u0441\u043E\u0441\u043E"));
}
