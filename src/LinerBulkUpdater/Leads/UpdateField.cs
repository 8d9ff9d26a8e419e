using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// A field a row can set: one of the v1 update's own (<see cref="LeadField"/>) or one of Liner's custom fields of leads
/// (<see cref="CustomField"/>). Where the two differ, each answers for itself: how a cell reads, how its value travels,
/// where Liner's answer holds it, how an undo file writes it. Which request carries a field is asked in one place,
/// <see cref="LeadUpdate"/>.
/// </summary>
/// <remarks>
/// A run holds one instance per field, so the input's columns, the baseline's and the undo file's all name the same
/// field by reference.
/// </remarks>
internal abstract class UpdateField
{
    /// <summary>As the report's changes and messages name it: the API's name, or a custom field's title.</summary>
    public abstract string Name { get; }

    /// <summary>The rule for its cells, as the template's notes and the reference say it.</summary>
    public abstract string Rule { get; }

    /// <summary>How the tool's own files name it (an undo file's column): the API's name, or <c>custom:102</c>, which a renamed title does not break.</summary>
    public abstract string Key { get; }

    /// <summary>Whether it travels in the v2 update's <c>customValues</c>, keyed by its id (CONTRACT §7).</summary>
    public abstract bool InCustomValues { get; }

    /// <summary>
    /// Whether the v2 update carries it rather than the v1 update: a custom value, or one of the integration ids, which
    /// only the v2 update takes (CONTRACT §8).
    /// </summary>
    public virtual bool InV2Update => InCustomValues;

    /// <summary>Whether clearing it sends <c>null</c> (an integer, any custom value) rather than <c>""</c>.</summary>
    public abstract bool ClearsToNull { get; }

    /// <summary>Whether a spreadsheet's TRUE/FALSE cell is a value it takes.</summary>
    public virtual bool TakesBooleanCell => false;

    /// <summary>
    /// Whether its value is text kept as the cell writes it (free text, an id, a handle), which a spreadsheet that took
    /// the text for a number has changed: <c>001201</c> read as 1201, a 17-digit id rounded (<see cref="NumberCell"/>).
    /// </summary>
    public virtual bool HoldsText => false;

    /// <summary>A name with an optional leading <c>@</c> (a Telegram or Instagram handle): <c>@ivan</c> and <c>ivan</c> are one name when compared.</summary>
    public virtual bool IsHandle => false;

    /// <summary>Whether Liner shows it only in the v1 lead detail, so that a row setting it needs that read too.</summary>
    public virtual bool InV1Detail => false;

    /// <summary>Reads a trimmed, non-blank cell that is not the clear marker (<see cref="FieldRules.TryRead"/> calls this).</summary>
    /// <returns>null when the value is good, else what is wrong with it, e.g. <c>is not an integer</c>.</returns>
    public abstract string? Read(string cell, FieldRules rules, out FieldValue value);

    /// <summary>Appends <c>"key":value</c> as the request that carries it writes it.</summary>
    public abstract void AppendJson(StringBuilder json, FieldValue value);

    /// <summary>
    /// What Liner's answers hold in it, as cell text for <see cref="Read"/> (untrimmed: what Liner holds is kept byte for
    /// byte, <see cref="LiveLead"/> trims to read it): <c>""</c> when empty, null when they do not show it.
    /// </summary>
    /// <param name="v2">The <c>data</c> of <c>GET /v2/lead/detail/{id}/</c>.</param>
    /// <param name="v1">The <c>data</c> of <c>GET /v1/lead/detail/{id}/</c>, when it was read.</param>
    public abstract string? HeldText(JsonElement v2, JsonElement? v1);

    /// <summary>A non-empty value Liner held, as an undo file writes it, to be read back with <see cref="FieldRules.ForUndoFile"/>.</summary>
    public virtual string UndoCell(string text) => text;

    public override string ToString() => Name;
}
