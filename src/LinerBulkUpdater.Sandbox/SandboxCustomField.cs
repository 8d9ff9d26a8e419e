namespace LinerBulkUpdater.Sandbox;

/// <summary>One of the sandbox's custom fields, as <c>GET /v2/custom-field/</c> lists it.</summary>
/// <param name="Options">(code, title) of a select's or multiselect's options, in sort order.</param>
internal sealed record SandboxCustomField(long Id, string Title, string Type, string Essence, long Sort, (string Code, string Title)[] Options)
{
    /// <summary>Where the store keeps the field's value, beside the v1 fields: <c>custom:102</c>.</summary>
    public string StoreKey => "custom:" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
