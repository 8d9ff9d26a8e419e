using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// Reads a trimmed, non-blank cell as a custom field's value, by the field's type, into the canonical text that
/// <see cref="CustomValueWire"/> sends and that compares equal however the cell wrote it: a float without trailing
/// zeros, a date <c>yyyy-MM-dd</c>, a date-time in UTC, a bool <c>true</c>/<c>false</c>, a select's option code, a
/// multiselect's codes in the options' order joined by <c>;</c>. An int is a number.
/// </summary>
internal static class CustomValueRules
{
    // An Excel date cell reads as 2026-12-01T00:00:00: a date, if it has no time of day.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>The rule as the template's notes and the reference say it.</summary>
    public static string Describe(CustomField field) => field.Type switch
    {
        CustomFieldType.String => "text",
        CustomFieldType.Int => "integer",
        CustomFieldType.Float => "number; , or . before the decimals, spaces between thousands (1 234,50)",
        CustomFieldType.Date => "date: 2026-12-01 or 01.12.2026",
        CustomFieldType.DateTime => "date-time: ISO 8601, e.g. 2026-12-01T10:00:00+03:00 (without an offset: Input:TimeZone)",
        CustomFieldType.Bool => "yes or no: TRUE/FALSE, да/нет, yes/no, 1/0",
        CustomFieldType.Select => $"one option, by title or code: {Options(field)}",
        _ => $"options separated by ;, by title or code: {Options(field)}",
    };

    /// <param name="exactCodes">A select's value is read as an option's code first, never refused as another option's title (Liner's values, an undo file's).</param>
    /// <returns>null when the value is good, else what is wrong with it.</returns>
    public static string? TryRead(LeadField lead, string cell, TimeZoneInfo zone, bool exactCodes, out FieldValue value)
    {
        var field = lead.Custom!;
        value = default;
        string? text = null;
        var problem = field.Type switch
        {
            CustomFieldType.String => Keep(cell, out text),
            CustomFieldType.Int => FieldRules.TryReadInteger(cell, out var number) ? Number(lead, number, out value) : "is not an integer",
            CustomFieldType.Float => ReadFloat(cell, out text),
            CustomFieldType.Date => !DateTime.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? "is not a date: use 2026-12-01 or 01.12.2026"
                : date.TimeOfDay != TimeSpan.Zero ? "has a time of day, and the field holds a date"
                : Keep(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out text),
            CustomFieldType.DateTime => CallTimestampRule.Read(cell, zone, out var seconds) is { } wrong
                ? wrong
                : Keep(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), out text),
            CustomFieldType.Bool => ReadBool(cell, out text),
            CustomFieldType.Select => ReadOption(field, cell, exactCodes, out var option) ?? Keep(option!.Code, out text),
            _ => ReadOptions(field, cell, exactCodes, out text),
        };
        if (problem is null && text is not null)
        {
            value = FieldValue.Of(lead, text);
        }

        return problem;
    }

    private static string? Keep(string cell, out string text)
    {
        text = cell;
        return null;
    }

    private static string? Number(LeadField lead, long number, out FieldValue value)
    {
        value = FieldValue.Of(lead, number);
        return null;
    }

    /// <summary><c>1 234,50</c>, <c>1234.5</c>, <c>-0,5</c>: one decimal separator, either; spaces between thousands. Exact: a decimal, never a double.</summary>
    private static string? ReadFloat(string cell, out string text)
    {
        text = "";
        var compact = cell.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "");
        if (compact.Contains(',') && compact.Contains('.'))
        {
            return "has both , and . and is ambiguous: write one decimal separator, no thousands separator but spaces";
        }

        compact = compact.Replace(',', '.');
        var digits = compact.AsSpan(compact.Length > 0 && compact[0] is '-' or '+' ? 1 : 0);
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "" : digits[(dot + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange('0', '9') || (dot >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))))
        {
            return "is not a number";
        }

        if (!decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number.Scale < fraction.Length)
        {
            // decimal keeps 28 digits; past that it would round, and a rounded amount is a wrong amount.
            return "has more digits than can be sent exactly";
        }

        text = Canonical(number);
        return null;
    }

    /// <summary>Invariant, no trailing zeros after the point, no <c>-0</c>: one text for one number.</summary>
    public static string Canonical(decimal number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text is "-0" ? "0" : text;
    }

    private static string? ReadBool(string cell, out string text)
    {
        text = cell.ToLowerInvariant() switch
        {
            "true" or "да" or "yes" or "1" => "true",
            "false" or "нет" or "no" or "0" => "false",
            _ => "",
        };
        return text.Length > 0 ? null : "is not yes or no: write TRUE/FALSE, да/нет, yes/no or 1/0";
    }

    /// <summary>An option by its code (exact) or title (any case); a cell that is one option's code and another's title is refused.</summary>
    private static string? ReadOption(CustomField field, string cell, bool exactCodes, out CustomFieldOption? option)
    {
        var byCode = field.Options.FirstOrDefault(candidate => string.Equals(candidate.Code, cell, StringComparison.Ordinal));
        if (exactCodes && byCode is not null)
        {
            option = byCode;
            return null;
        }

        var byTitle = field.Options.Where(candidate => string.Equals(candidate.Title.Trim(), cell, StringComparison.OrdinalIgnoreCase)).ToList();
        option = byCode ?? (byTitle.Count == 1 ? byTitle[0] : null);
        if (byCode is not null && byTitle.Count > 0 && byTitle.Any(title => !ReferenceEquals(title, byCode)))
        {
            option = null;
            return $"is the code of option '{byCode.Title}' and the title of option '{byTitle[0].Code}': write the other option's code";
        }

        if (option is null)
        {
            return byTitle.Count > 1
                ? $"is the title of {byTitle.Count} options ({string.Join(", ", byTitle.Select(title => title.Code))}): write the code"
                : $"is not an option of '{field.Title}' ({Options(field)})";
        }

        return null;
    }

    private static string? ReadOptions(CustomField field, string cell, bool exactCodes, out string text)
    {
        text = "";
        var chosen = new HashSet<CustomFieldOption>();
        foreach (var part in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ReadOption(field, part, exactCodes, out var option) is { } problem)
            {
                return $"has '{part}', which {problem}";
            }

            chosen.Add(option!);
        }

        if (chosen.Count == 0)
        {
            return "names no option";
        }

        text = string.Join(';', field.Options.Where(chosen.Contains).Select(option => option.Code));
        return null;
    }

    /// <summary>The options as a message lists them: <c>Базовый (basic), Профи (pro)</c>, the first 10.</summary>
    private static string Options(CustomField field)
    {
        var shown = field.Options.Take(10).Select(option => string.Equals(option.Code, option.Title, StringComparison.Ordinal) ? option.Code : $"{option.Title} ({option.Code})");
        var text = string.Join(", ", shown);
        return field.Options.Count > 10 ? $"{text}, … {field.Options.Count} in all" : field.Options.Count == 0 ? "none" : text;
    }
}
