using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Moderation;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>How many reports one client (an account, else an address) may send in an hour.</summary>
    [Range(1, 10_000)]
    public int PerClientPerHour { get; set; } = 10;
}
