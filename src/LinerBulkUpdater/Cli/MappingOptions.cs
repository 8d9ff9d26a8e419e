namespace LinerBulkUpdater.Cli;

/// <summary>The <c>Mapping</c> settings section.</summary>
internal sealed class MappingOptions
{
    public const string Section = "Mapping";

    /// <summary>Header aliases: <c>"Телефон": "client_phone"</c>.</summary>
    public Dictionary<string, string> Columns { get; init; } = [];
}
