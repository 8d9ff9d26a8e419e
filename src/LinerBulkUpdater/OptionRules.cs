using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater;

/// <summary>
/// The <c>[Range]</c>/<c>[Required]</c> rules of a settings section and of every section nested in it
/// (<c>Input:Xlsx</c>, <c>Sandbox:Faults</c>), checked the one way every section is: the data
/// annotations validator looks at one object's own properties only. A nested section is a property whose
/// type comes from the section's own assembly: the tool's, or the sandbox's for <c>Sandbox</c>.
/// </summary>
internal static class OptionRules
{
    /// <returns>Each broken rule as <c>Section:Key: message</c>, joined by <c>; </c>; null when none is broken.</returns>
    public static string? Problems(object options, string section)
    {
        var problems = new List<string>();
        Collect(options, section, problems);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options types are in this assembly and the sandbox's, which a trimmed build keeps whole (TrimmerRootAssembly in the csproj).")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "As above: every property of an options type is kept.")]
    private static void Collect(object options, string section, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(result => $"{section}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
        }

        foreach (var property in options.GetType().GetProperties())
        {
            if (property.PropertyType.IsClass && property.PropertyType.Assembly == options.GetType().Assembly
                && property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                Collect(nested, $"{section}:{property.Name}", problems);
            }
        }
    }
}
