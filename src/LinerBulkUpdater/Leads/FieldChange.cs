using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>One field a row changes (or would): what Liner held before, and what the row sets.</summary>
internal sealed record FieldChange(UpdateField Field, FieldValue Before, FieldValue After)
{
    /// <summary>The report's <c>changes</c> cells, e.g. <c>status: 2 → 3; priority: 0 → 4</c>.</summary>
    public static string Describe(IEnumerable<FieldChange> changes) => string.Join("; ", changes.Select(change => change.ToString()));

    public override string ToString() => $"{Field.Name}: {Shown(Before)} → {Shown(After)}";

    /// <summary>A value as the report shows it: the number, the text, or <c>(empty)</c>.</summary>
    public static string Shown(FieldValue value) => value switch
    {
        { Number: { } number } => number.ToString(CultureInfo.InvariantCulture),
        { Text: { Length: > 0 } text } => text,
        _ => "(empty)",
    };
}
