using Microsoft.Playwright;

namespace Hotline.Tests.Browser;

/// <summary>How a person works Element Plus controls: open a drop-down, pick the visible option with this text.</summary>
public static class Ui
{
    public static async Task ChooseAsync(this IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".el-select-dropdown:visible, .el-popper:visible").Locator(".el-select-dropdown__item, .el-tree-node__content")
            .Filter(new LocatorFilterOptions { HasText = option }).First.ClickAsync();
    }

    /// <summary>Opens a unit tree drop-down, types part of the name and picks the unit.</summary>
    public static async Task ChooseUnitAsync(this IPage page, ILocator treeSelect, string unitName)
    {
        await treeSelect.ClickAsync();
        await treeSelect.Locator("input").First.FillAsync(unitName);
        // Only a node that is shown: the popper of a picker closed just before may still be fading out with the same unit in it.
        await page.Locator(".el-popper:visible .el-tree-node__content").Filter(new LocatorFilterOptions { HasText = unitName, Visible = true }).First.ClickAsync();
    }

    public static ILocator Message(this IPage page, string text) =>
        page.Locator(".el-message").Filter(new LocatorFilterOptions { HasText = text });

    /// <summary>The message of the form item that holds the control with this test id.</summary>
    public static ILocator ItemError(this IPage page, string testId) =>
        page.Locator(".el-form-item").Filter(new LocatorFilterOptions { Has = page.GetByTestId(testId) }).Locator(".el-form-item__error");

    public static ILocator FormItemError(this ILocator formItemContent) => formItemContent.Locator(".el-form-item__error");

    /// <summary>
    /// Records the POSTs the page sends to an address ending in <paramref name="path"/> from now on (their addresses and
    /// bodies): a form that checks its required fields itself sends nothing while one is empty (issue 14).
    /// </summary>
    public static System.Collections.Concurrent.ConcurrentQueue<string> RecordPosts(this IPage page, string path)
    {
        var posts = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath.EndsWith(path, StringComparison.Ordinal))
            {
                posts.Enqueue(request.Url + " " + request.PostData);
            }
        };
        return posts;
    }

    /// <summary>Waits until the focused element is (inside) the element with this test id.</summary>
    public static async Task FocusedAsync(this IPage page, string testId) => await page.WaitForFunctionAsync(
        "id => { const a = document.activeElement; return !!a && (a.dataset.test === id || !!a.closest(`[data-test=\"${id}\"]`)); }",
        testId,
        new PageWaitForFunctionOptions { Timeout = 3_000 });
}
