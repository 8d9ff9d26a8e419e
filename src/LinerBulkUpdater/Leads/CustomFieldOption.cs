namespace LinerBulkUpdater.Leads;

/// <summary>One option of a <c>select</c> or <c>multiselect</c> custom field (its <c>params</c>): the code is what is stored.</summary>
internal sealed record CustomFieldOption(string Code, string Title, long Sort);
