namespace LinerBulkUpdater.Sandbox;

/// <summary>One entry of Liner's lead-status list, as <c>GET /v2/lead-status/</c> documents it.</summary>
/// <param name="Category">One of <c>in-progress</c>, <c>qualified</c>, <c>disqualified</c>.</param>
internal sealed record SandboxStatus(int Id, string Code, string Title, string Category, int Sort, string Color, bool IsSystem);
