using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon as plain SVG markup, not a component. Pages every resident opens (the layout, the
/// home page, the request list) draw their icons this way: a component instance costs a live circuit
/// about 3 KiB of render state, a markup frame almost nothing, and the string is shared by every
/// circuit (docs/benchmarks.md, "Memory per circuit").
/// </summary>
public static class Svg
{
    private static readonly ConcurrentDictionary<(string Icon, string Size), MarkupString> Cache = new();

    /// <param name="icon">An <c>Icons.Material…</c> constant (its SVG paths).</param>
    /// <param name="size">small, medium or large, as MudIcon's sizes.</param>
    public static MarkupString Icon(string icon, string size = "medium") =>
        Cache.GetOrAdd((icon, size), key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
