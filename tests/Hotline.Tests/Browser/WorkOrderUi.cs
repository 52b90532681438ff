using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>How a person works the work-order screens: pick an order in a queue, open an action, fill its form, send it.</summary>
public static partial class WorkOrderUi
{
    /// <summary>Opens a menu screen by its entry in the side menu, as a person does.</summary>
    public static async Task OpenScreenAsync(this IPage page, string route)
    {
        // The supervision cases' screens sit in a sub-menu (issue 16): open it first when it is folded.
        var entry = page.GetByTestId($"nav-{route}");
        await page.GetByTestId("nav").Locator(".el-menu-item").First.WaitForAsync();
        foreach (var name in new[] { "accountability", "assessment" }) // issue 17: assessment and analysis is a sub-menu too
        {
            var group = page.GetByTestId($"nav-group-{name}");
            if (await group.Locator($"[data-test=nav-{route}]").CountAsync() > 0 && !await entry.IsVisibleAsync())
            {
                await group.Locator(".el-sub-menu__title").ClickAsync();
            }
        }

        var url = new Regex(route switch
        {
            "sent-back" => "/intake/sent-back",
            "online-intake" => "/intake/online", // issue 18
            "reminders" => "/supervision/reminders",
            "knowledge-manage" => "/knowledge/manage",
            "hot-spots" => "/smart/hot-spots",
            "early-warnings" => "/smart/early-warnings",
            "routing-acceptance" => "/smart/acceptance",
            "routing-models" => "/smart/models",
            "dashboards" => "/assessment/dashboards",
            "assessment-appeals" => "/assessment/appeals",
            "assessment-rules" => "/assessment/rules",
            "rankings" => "/assessment/rankings",
            "sampling" => "/assessment/sampling",
            "agent-performance" => "/assessment/agents",
            "quality-inspection" => "/assessment/quality",
            "merged-hotlines" => "/admin/merged-hotlines",
            _ => "/" + route.Replace("admin-", "admin/", StringComparison.Ordinal),
        });

        // A click on an entry of a sub-menu still unfolding can land on nothing (the list is clipped while it grows): the
        // person clicks again. The router shows the URL once the screen's chunk has loaded: slow on a busy machine.
        for (var attempt = 1; ; attempt++)
        {
            await entry.ClickAsync();
            try
            {
                await Expect(page).ToHaveURLAsync(url, new() { Timeout = attempt < 3 ? 5_000 : 15_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // not there yet: click again
            }
        }
    }

    public static async Task OpenTabAsync(this IPage page, string tab) => await page.GetByTestId($"tab-{tab}").ClickAsync();

    /// <summary>Clicks the queue's row of the order with this subject and waits for the order beside the queue.</summary>
    public static async Task SelectOrderAsync(this IPage page, string subject)
    {
        await page.GetByTestId($"row-{subject}").ClickAsync();
        await Expect(page.GetByTestId("work-order-subject")).ToHaveTextAsync(subject);
    }

    /// <summary>Clicks an action button of the order on screen; returns its dialog (for actions that have a form).</summary>
    public static async Task<ILocator> StartActionAsync(this IPage page, string action)
    {
        await page.GetByTestId("actions").GetByTestId($"action-{action}").ClickAsync();
        var dialog = page.GetByTestId($"action-dialog-{action}");
        return dialog;
    }

    public static async Task FillAsync(this ILocator dialog, string field, string text) =>
        await dialog.GetByTestId($"input-{field}").FillAsync(text);

    public static async Task FillNumberAsync(this ILocator dialog, string field, int value) =>
        await dialog.GetByTestId($"input-{field}").Locator("input").FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static async Task OptionAsync(this ILocator dialog, string field, string value) =>
        await dialog.GetByTestId($"option-{field}-{value}").ClickAsync();

    public static async Task SubmitAsync(this ILocator dialog) => await dialog.GetByTestId("action-submit").ClickAsync();

    /// <summary>The message by a field of a form (the el-form-item's error).</summary>
    public static ILocator FieldError(this ILocator scope, string field) =>
        scope.GetByTestId($"field-{field}").Locator(".el-form-item__error");

    /// <summary>
    /// Opens a tree drop-down (units, categories, regions), types part of a name and picks the node. The tree re-renders as
    /// the typed filter applies, so a click can land on a node that moved under it (a parent instead of the node): when the
    /// drop-down does not then show the node's name, the choice is made again (at most twice more; a drop-down that shows
    /// something else than the name is left as chosen, for the test's own checks).
    /// </summary>
    public static async Task ChooseInTreeAsync(this IPage page, ILocator treeSelect, string search, string? node = null)
    {
        var name = node ?? search;
        for (var attempt = 1; ; attempt++)
        {
            await treeSelect.ClickAsync();
            await treeSelect.Locator("input").First.FillAsync(search);
            await page.Locator(".el-popper:visible .el-tree-node__content").Filter(new LocatorFilterOptions { HasText = name }).First.ClickAsync();
            try
            {
                await Expect(treeSelect).ToContainTextAsync(name, new LocatorAssertionsToContainTextOptions { Timeout = 1_500 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
            catch (PlaywrightException)
            {
                return;
            }
        }
    }

    /// <summary>The id at the end of a work-order link ("/work-orders/123").</summary>
    public static async Task<long> OrderIdOfLinkAsync(this ILocator link)
    {
        var href = await link.GetAttributeAsync("href") ?? string.Empty;
        return long.Parse(IdInPath().Match(href).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("[0-9]+$")]
    private static partial Regex IdInPath();
}
