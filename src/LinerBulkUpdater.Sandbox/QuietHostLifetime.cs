using Microsoft.Extensions.Hosting;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Replaces the host's console lifetime, which would catch Ctrl+C/SIGTERM itself and stop the
/// sandbox underneath a running batch. The CLI owns the signals and tells the sandbox when to stop.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
