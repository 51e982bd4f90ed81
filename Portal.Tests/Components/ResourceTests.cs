using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portal.Tests.Components;

/// <summary>Every user-visible string exists in both languages.</summary>
public sealed partial class ResourceTests
{
    [GeneratedRegex("""L\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""L\[\$"([A-Za-z]+)\.\{""")]
    private static partial Regex EnumPrefix();

    private static readonly string WebRoot = Path.Combine(SolutionRoot(), "Portal.Web");

    private static Dictionary<string, string> Load(string suffix) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", $"SharedResource{suffix}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Both_languages_have_the_same_keys_and_no_empty_text()
    {
        var en = Load("");
        var zh = Load(".zh-CN");
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(zh, kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    [Fact]
    public void Chinese_texts_are_really_chinese()
    {
        var zh = Load(".zh-CN");
        var notChinese = zh.Where(kv => !kv.Value.Any(c => c >= 0x4E00 && c <= 0x9FFF)
            && !kv.Key.StartsWith("App.", StringComparison.Ordinal) && kv.Key != "Table.InfoFormat").Select(kv => kv.Key).ToList();
        Assert.Empty(notChinese);
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var en = Load("");
        var sources = Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        Assert.NotEmpty(sources);

        var missing = sources.SelectMany(s => LiteralKey().Matches(s)).Select(m => m.Groups[1].Value).Where(k => !en.ContainsKey(k)).Distinct().ToList();
        Assert.Empty(missing);

        // Keys built from enum names: every member must have its text.
        var prefixes = sources.SelectMany(s => EnumPrefix().Matches(s)).Select(m => m.Groups[1].Value).ToHashSet();
        var enums = new Dictionary<string, Type>
        {
            ["Category"] = typeof(Portal.Domain.Requests.RepairCategory),
            ["Status"] = typeof(Portal.Domain.Requests.RequestStatus),
            ["Event"] = typeof(Portal.Domain.Requests.TimelineEvent),
            ["Role"] = typeof(Portal.Domain.Common.ActorRole),
            ["Slot"] = typeof(Portal.Infrastructure.Requests.PreferredSlot),
            ["Priority"] = typeof(Portal.Domain.Requests.Priority),
            ["Hold"] = typeof(Portal.Domain.Requests.HoldReason),
            ["Lane"] = typeof(Portal.Infrastructure.Dispatch.BoardLane),
            ["Channel"] = typeof(Portal.Domain.Requests.Channel),
            ["WorkOrder"] = typeof(Portal.Domain.Requests.WorkOrderStatus),
            ["Quote"] = typeof(Portal.Domain.Requests.QuoteDecision),
            ["Call"] = typeof(Portal.Domain.FollowUps.CallResult),
            ["RatingSource"] = typeof(Portal.Domain.Ratings.RatingSource),
            ["Type"] = typeof(Portal.Domain.Requests.RequestType),
            ["ComplaintKind"] = typeof(Portal.Domain.Requests.ComplaintKind),
            ["Escalation"] = typeof(Portal.Domain.Deadlines.EscalationLevel),
            ["Counting"] = typeof(Portal.Domain.Deadlines.DeadlineCounting),
            ["ClockEffect"] = typeof(Portal.Domain.Requests.ClockEffect),
        };
        Assert.Subset(enums.Keys.ToHashSet(), prefixes);
        var missingEnum = enums.SelectMany(e => Enum.GetNames(e.Value).Select(n => $"{e.Key}.{n}")).Where(k => !en.ContainsKey(k)).ToList();
        Assert.Empty(missingEnum);
    }

    [Fact]
    public void Every_error_code_the_domain_and_use_cases_raise_has_a_message()
    {
        var en = Load("");
        var root = SolutionRoot();
        var codes = new[] { "Portal.Domain", "Portal.Infrastructure" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("Migrations", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), """(?:DomainException|Fail)\("((?:Request|Location|TimeWindow|Invitation|Photo|Quote|WorkOrder|Material|Dispatch|FollowUp|Rating|Recovery|CallingHours|Escalation|Deadline)\.[A-Za-z]+)""").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.True(en.ContainsKey("Error." + c), $"No message for Error.{c}"));
    }

    internal static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test binaries.");
    }
}
