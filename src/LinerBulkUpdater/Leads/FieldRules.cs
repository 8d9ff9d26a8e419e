using System.Globalization;
using PhoneNumbers;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// Reads one non-blank cell (trimmed, but for <see cref="ReadsCellsExactly"/>) as a field's value, each field by its own rule (<see cref="UpdateField.Read"/>);
/// these are what the rules depend on. A broken rule is a value (the problem's text), never an exception: the row
/// becomes <c>invalid</c> and the run goes on.
/// </summary>
/// <param name="statuses">Liner's lead statuses, when the input names some (<see cref="StatusNames"/>): then a status is an id, a code or a title.</param>
/// <param name="linerValues">
/// Reading values Liner itself held (its answers, or an undo file that kept them), not cells a person typed: a phone
/// in E.164 with its "+" is taken as it is, even where libphonenumber's metadata calls the number invalid (Liner took
/// it, so comparing with it or putting it back must not be refused); a select's value is an option's code, read as
/// that code even where it is another option's title (which a typed cell would be refused for, as ambiguous).
/// </param>
/// <param name="exactCells">Cells are read as they are, not trimmed: an undo file's cells are the values Liner held, spaces at their ends included.</param>
internal sealed class FieldRules(FieldRulesOptions options, StatusNames? statuses = null, bool linerValues = false, bool exactCells = false)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public FieldRulesOptions Options => options;

    /// <summary>Liner's lead statuses, when the input names some by code or title.</summary>
    public StatusNames? Statuses => statuses;

    /// <summary>Whether these rules read values Liner held (see the <c>linerValues</c> parameter): a select's value is then an option's code first.</summary>
    public bool ReadsLinerValues => linerValues;

    /// <summary>Whether a cell is read as it is, spaces at its ends included (an undo file's, see the <c>exactCells</c> parameter); else it is trimmed first.</summary>
    public bool ReadsCellsExactly => exactCells;

    /// <summary>These rules, with status codes and titles read as the ids they name.</summary>
    public FieldRules With(StatusNames names) => new(options, names, linerValues, exactCells);

    /// <summary>
    /// These rules, for an undo file the tool writes now: it holds what Liner held, byte for byte, in terms of its own
    /// (<see cref="FieldRulesOptions.UndoFile"/>), never the settings', which may differ when it is applied from when it was written.
    /// </summary>
    public FieldRules ForUndoFile() => new(FieldRulesOptions.UndoFile, statuses, linerValues: true, exactCells: true);

    /// <summary>
    /// These rules, for an undo file written before undo files said what they are (no <c>undo_format</c> column): it
    /// wrote empty values with the run's clear marker, which only the settings can say, and held no value with spaces at its ends.
    /// </summary>
    public FieldRules ForUnmarkedUndoFile() => new(options, statuses, linerValues: true);

    /// <summary>A phone in E.164 with its "+": <c>+79001234567</c>.</summary>
    public static bool IsE164(string text) =>
        text.Length is >= 9 and <= 16 && text[0] == '+' && text[1] != '0' && text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// For what Liner itself answers: a time without an offset is UTC (the docs' examples are all <c>Z</c>), not the
    /// input's <c>Input:TimeZone</c>, which is about how the user's spreadsheet writes times.
    /// </summary>
    public FieldRules ForLiner() => new(options with { TimeZone = TimeZoneInfo.Utc }, statuses, linerValues: true);

    public bool IsClearMarker(string cell) => string.Equals(cell, options.ClearMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="cell"/> (not blank; trimmed unless <see cref="ReadsCellsExactly"/>) as <paramref name="field"/>'s value: the clear marker clears any field.</summary>
    /// <returns>null when the value is good, else what is wrong with it, e.g. <c>is not an integer</c>.</returns>
    public string? TryRead(UpdateField field, string cell, out FieldValue value)
    {
        if (IsClearMarker(cell))
        {
            value = FieldValue.Cleared(field);
            return null;
        }

        return field.Read(cell, this, out value);
    }

    public string? TryReadLeadId(string cell, out long leadId)
    {
        if (!TryReadInteger(cell, out leadId))
        {
            return "is not an integer";
        }

        return leadId > 0 ? null : "must be greater than 0";
    }

    /// <summary>
    /// Integral numbers only: <c>42</c>, <c>-3</c>, and <c>2.0</c> or <c>2.00</c> as spreadsheets print whole
    /// numbers; never <c>2.5</c>, nor <c>2.</c> or <c>.0</c>, which are more likely a digit lost than a whole number.
    /// </summary>
    public static bool TryReadInteger(string cell, out long number)
    {
        var text = cell.AsSpan();
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            var decimals = text[(dot + 1)..];
            if (dot == 0 || decimals.IsEmpty || decimals.ContainsAnyExcept('0'))
            {
                number = 0;
                return false;
            }

            text = text[..dot];
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A phone number as E.164 digits: <c>8 (900) 123-45-67</c> → <c>79001234567</c>.</summary>
    public string? ReadPhone(string cell, out string phone)
    {
        phone = "";
        if (linerValues && IsE164(cell))
        {
            phone = cell[1..];
            return null;
        }

        try
        {
            // Validity, not mere possibility: for Russia libphonenumber calls 14 digits "possible",
            // which would let a doubled keystroke through.
            var number = Phones.Parse(cell, options.DefaultRegion);
            if (!Phones.IsValidNumber(number))
            {
                return NotAPhone;
            }

            // libphonenumber reads "доб. 123", "ext. 12", "x12" as an extension and E.164 leaves it
            // out: sending the rest would lose it without a word.
            if (number.HasExtension)
            {
                return "has an extension, which Liner's phone field cannot hold";
            }

            phone = Phones.Format(number, PhoneNumberFormat.E164).TrimStart('+');
            return null;
        }
        catch (NumberParseException)
        {
            return NotAPhone;
        }
    }

    private string NotAPhone => $"is not a phone number (region {options.DefaultRegion})";
}
