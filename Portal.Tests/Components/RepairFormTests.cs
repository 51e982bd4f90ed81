using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;
using Portal.Web.Components.Pages.Requests;

namespace Portal.Tests.Components;

public sealed class RepairFormTests : PortalComponentContext
{
    private static readonly HomeView Home = new(7, 3, 1, "Harbour View", "3", "1304", "Asia/Shanghai");

    public RepairFormTests() : base("zh-CN")
    {
    }

    private IRenderedComponent<RepairForm> RenderForm(RepairDraft draft, Dictionary<string, string>? errors = null, Action<string>? changed = null) =>
        Render<RepairForm>(p => p
            .Add(x => x.Draft, draft)
            .Add(x => x.Homes, [Home])
            .Add(x => x.Errors, errors ?? [])
            .Add(x => x.TodayLocal, new DateTime(2026, 11, 23))
            .Add(x => x.OnFieldChanged, field => changed?.Invoke(field)));

    [Fact]
    public void Offers_every_category_in_the_users_language()
    {
        var form = RenderForm(new RepairDraft());
        var chips = form.FindAll("[data-category]");
        Assert.Equal(Enum.GetValues<RepairCategory>().Length, chips.Count);
        Assert.Contains(chips, c => c.TextContent.Contains("空调", StringComparison.Ordinal));
        Assert.Contains("我家：3栋 1304", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_category_fills_the_draft_and_reports_the_field()
    {
        var draft = new RepairDraft();
        var changed = new List<string>();
        var form = RenderForm(draft, changed: changed.Add);

        form.Find($"[data-category={RepairCategory.Lift}]").Click();

        Assert.Equal(RepairCategory.Lift, draft.Category);
        Assert.Contains("Category", changed);
    }

    [Fact]
    public void Shows_each_error_beside_its_field_and_keeps_what_was_typed()
    {
        var draft = new RepairDraft { Description = "漏", ContactPhone = "123", Category = RepairCategory.Plumbing };
        var form = RenderForm(draft, new Dictionary<string, string>
        {
            ["Description"] = "请至少写 5 个字。",
            ["ContactPhone"] = "电话号码格式不正确（例如 138 0013 8000）。",
            ["Category"] = "请选择报修类别。",
        });

        Assert.Contains("请至少写 5 个字。", form.Markup, StringComparison.Ordinal);
        Assert.Contains("电话号码格式不正确", form.Markup, StringComparison.Ordinal);
        Assert.Equal("请选择报修类别。", form.Find("[data-error-for=Category]").TextContent.Trim());
        Assert.Equal("漏", form.Find("#repair-description").GetAttribute("value") ?? form.Find("#repair-description").TextContent);
        Assert.Equal("123", form.Find("#repair-contact-phone").GetAttribute("value"));
    }

    [Fact]
    public void A_public_area_asks_for_the_exact_spot()
    {
        var draft = new RepairDraft { UnitId = 7, EstateId = 1 };
        var form = RenderForm(draft);
        Assert.Empty(form.FindAll("#repair-spot"));

        form.FindAll("input[type=radio]")[^1].Click();

        Assert.True(draft.InPublicArea);
        Assert.Equal(1, draft.EstateId);
        Assert.Single(form.FindAll("#repair-spot"));
    }

    [Fact]
    public void Picking_a_day_offers_time_slots()
    {
        var draft = new RepairDraft();
        var form = RenderForm(draft);
        Assert.Empty(form.FindAll("[data-testid=slot]"));

        form.FindAll("[data-testid=day] .mud-chip").First(c => c.TextContent.Contains("明天", StringComparison.Ordinal)).Click();

        Assert.Equal(new DateTime(2026, 11, 24), draft.PreferredDate);
        Assert.Contains("下午 14:00–18:00", form.Markup, StringComparison.Ordinal);
    }
}
