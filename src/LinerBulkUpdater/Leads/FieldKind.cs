namespace LinerBulkUpdater.Leads;

/// <summary>How a v1 field's cell is read and how it travels in JSON (a custom field's is its <see cref="CustomFieldType"/>).</summary>
internal enum FieldKind
{
    /// <summary>Free text, sent as a JSON string.</summary>
    Text,
    /// <summary>A phone number, normalised to E.164 digits, sent as a JSON string.</summary>
    Phone,
    /// <summary>A Telegram or Instagram name: a leading <c>@</c> is dropped.</summary>
    Handle,
    /// <summary>An integer, sent as a JSON number.</summary>
    Integer,
    /// <summary>Unix seconds, from seconds or a date-time; sent as a JSON number.</summary>
    Timestamp,
}
