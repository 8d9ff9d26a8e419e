namespace LinerBulkUpdater.Leads;

/// <summary><c>select</c>: one option, by its code (exact) or title (any case), sent as the option's code.</summary>
internal sealed class CustomSelectType : CustomFieldType
{
    public override string Name => "select";

    public override string Describe(CustomField field) => $"one option, by title or code: {Listed(field)}";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        if (ReadOption(field, cell, rules.ReadsLinerValues, out var option) is { } problem)
        {
            return problem;
        }

        value = FieldValue.Of(field, option!.Code);
        return null;
    }

    /// <summary>An option by its code (exact) or title (any case); a cell that is one option's code and another's title is refused.</summary>
    /// <param name="exactCodes">The cell is a value Liner held: read as an option's code first, never refused as another option's title.</param>
    public static string? ReadOption(CustomField field, string cell, bool exactCodes, out CustomFieldOption? option)
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
                : $"is not an option of '{field.Title}' ({Listed(field)})";
        }

        return null;
    }

    /// <summary>The options as a message lists them: <c>Базовый (basic), Профи (pro)</c>, the first 10.</summary>
    public static string Listed(CustomField field)
    {
        var shown = field.Options.Take(10).Select(option => string.Equals(option.Code, option.Title, StringComparison.Ordinal) ? option.Code : $"{option.Title} ({option.Code})");
        var text = string.Join(", ", shown);
        return field.Options.Count > 10 ? $"{text}, … {field.Options.Count} in all" : field.Options.Count == 0 ? "none" : text;
    }
}
