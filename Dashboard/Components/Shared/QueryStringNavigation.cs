using Microsoft.AspNetCore.Components;

namespace TraceApp.Dashboard.Components.Shared;

/// <summary>Filters, paging and selections live in the query string, so a filtered view is a link that can be shared.</summary>
public static class QueryStringNavigation
{
    public const string PageParameter = "page";

    /// <summary>
    /// Goes to the current page with some query string parameters changed (null or "" removes one), replacing the
    /// history entry so that each filter edit is not a step of the back button.
    /// </summary>
    public static void NavigateToQuery(this NavigationManager navigation, params (string Name, object? Value)[] parameters) =>
        navigation.NavigateTo(
            navigation.GetUriWithQueryParameters(parameters.ToDictionary(p => p.Name, p => p.Value is "" ? null : p.Value)),
            replace: true);

    /// <summary>Like <see cref="NavigateToQuery"/>; a change other than the page number starts again at the first (newest) page.</summary>
    public static void NavigateToFilter(this NavigationManager navigation, params (string Name, object? Value)[] parameters) =>
        navigation.NavigateToQuery(parameters.Any(p => p.Name == PageParameter) ? parameters : [.. parameters, (PageParameter, null)]);
}
