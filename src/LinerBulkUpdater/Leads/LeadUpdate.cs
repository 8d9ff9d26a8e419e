using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// One sparse update: only the fields the row asked to change, in the API document's order, then its custom values.
/// Here, and only here, an update is split by the request that carries each field (<see cref="UpdateField.InV2Update"/>):
/// the v1 update of the lead's own fields, then the v2 update of its integration ids and custom values (CONTRACT §7, §8).
/// </summary>
internal sealed record LeadUpdate(long LeadId, IReadOnlyList<FieldValue> Fields)
{
    public bool IsEmpty => Fields.Count == 0;

    /// <summary>Its text fields whose value came from a spreadsheet's number cell, which may have lost leading zeros; usually none.</summary>
    public IReadOnlyList<NumberCell> NumberCells { get; init; } = [];

    /// <summary>Whether this is a v2 update: integration ids and custom values only, for the v2 update's path.</summary>
    public bool IsV2 => Fields.Count > 0 && V2Count == Fields.Count;

    /// <summary>
    /// The requests that carry this update, in the order they go: <c>First</c> the v1 update, <c>Then</c>, once that
    /// landed, the v2 update of the integration ids and custom values. With only one kind of field there is one request:
    /// this update, and <c>Then</c> is null.
    /// </summary>
    public (LeadUpdate First, LeadUpdate? Then) Requests
    {
        get
        {
            var v2 = V2Count;
            return v2 == 0 || v2 == Fields.Count
                ? (this, null)
                : (this with { Fields = [.. Fields.Where(value => !value.Field.InV2Update)] }, this with { Fields = [.. Fields.Where(value => value.Field.InV2Update)] });
        }
    }

    // Counted with an index, not LINQ: every row's update asks, and most have no custom value.
    private int V2Count
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Fields.Count; i++)
            {
                count += Fields[i].Field.InV2Update ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>
    /// The request body as Liner's own PHP client writes it (<see cref="JsonText"/>), each field written by its own rule
    /// (<see cref="UpdateField.AppendJson"/>): the lead's own fields (the v1 fields, or the v2 update's integration ids),
    /// then the custom values in <c>customValues</c>, keyed by the field's id.
    /// </summary>
    public byte[] ToJson()
    {
        var json = new StringBuilder(32 * Fields.Count + 20).Append('{');
        var written = 0;
        for (var i = 0; i < Fields.Count; i++)
        {
            var value = Fields[i];
            if (!value.Field.InCustomValues)
            {
                value.Field.AppendJson(json.Append(written++ > 0 ? "," : ""), value);
            }
        }

        var custom = 0;
        for (var i = 0; i < Fields.Count && written + custom < Fields.Count; i++)
        {
            var value = Fields[i];
            if (value.Field.InCustomValues)
            {
                json.Append(custom++ > 0 ? "," : written > 0 ? ",\"customValues\":{" : "\"customValues\":{");
                value.Field.AppendJson(json, value);
            }
        }

        return Encoding.UTF8.GetBytes(json.Append(custom > 0 ? "}}" : "}").ToString());
    }
}
