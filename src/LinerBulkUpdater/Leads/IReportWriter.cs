namespace LinerBulkUpdater.Leads;

/// <summary>Where finished rows go, one at a time, from a single writer task.</summary>
internal interface IReportWriter : IAsyncDisposable
{
    /// <summary>The file the user will open.</summary>
    string Path { get; }

    void Write(RowResult result);

    /// <summary>Hands what is written to the operating system, so a killed run leaves every finished row readable.</summary>
    void Flush();

    /// <summary>The run is over: write what only the end knows (a summary), then close.</summary>
    ValueTask CompleteAsync(RunSummary summary);
}
