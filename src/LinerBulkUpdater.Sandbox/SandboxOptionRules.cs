using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The <c>[Range]</c>/<c>[Required]</c> rules of <see cref="SandboxOptions"/> and of the sections nested in
/// it (<c>Sandbox:Faults</c>): the data annotations validator looks at one object's own properties only.
/// A copy of the tool's <c>OptionRules</c>, on purpose: the stand-in references nothing of the tool, and a
/// start with options the tool never saw (a test's) must fail with the same words the tool's settings check says.
/// </summary>
internal static class SandboxOptionRules
{
    /// <returns>Each broken rule as <c>Section:Key: message</c>, joined by <c>; </c>; null when none is broken.</returns>
    public static string? Problems(object options, string section)
    {
        var problems = new List<string>();
        Collect(options, section, problems);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options types are in this assembly, which a trimmed build keeps whole (TrimmerRootAssembly in the tool's csproj).")]
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
            if (property.PropertyType.IsClass && property.PropertyType.Assembly == typeof(SandboxOptionRules).Assembly
                && property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                Collect(nested, $"{section}:{property.Name}", problems);
            }
        }
    }
}
