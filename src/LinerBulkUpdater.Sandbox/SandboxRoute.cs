namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Which of the sandbox's routes a request matched, so tests can count reads and updates without
/// parsing paths (each route takes its path with or without the trailing slash).
/// </summary>
internal enum SandboxRoute
{
    /// <summary>No route of Liner's: answered 404.</summary>
    Other,

    /// <summary><c>/v1/health/check/</c>.</summary>
    Health,

    /// <summary><c>/v1/lead/update/{lead_id}/</c>.</summary>
    Update,

    /// <summary><c>/v2/lead/update/{leadId}/</c>: custom values.</summary>
    UpdateV2,

    /// <summary><c>/v2/custom-field/</c> or <c>/v2/custom-fields/</c>.</summary>
    CustomFieldList,

    /// <summary><c>/v1/lead/detail/{lead_id}/</c>.</summary>
    LeadDetailV1,

    /// <summary><c>/v2/lead/detail/{leadId}/</c>.</summary>
    LeadDetailV2,

    /// <summary><c>/v2/lead-status/</c> or <c>/v2/lead-statuses/</c>, turned off ones (answered 404) included.</summary>
    StatusList,

    /// <summary>A page of the lead list, <c>GET /v2/lead/</c>.</summary>
    LeadList,
}
