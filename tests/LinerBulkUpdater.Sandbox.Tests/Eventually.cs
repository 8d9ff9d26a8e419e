using System.Diagnostics;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>
/// Waits for what the sandbox records after the client has stopped waiting (a request it gave up
/// on is recorded only once the server notices): polls, with a deadline instead of a fixed sleep.
/// The tool's tests have the same helper; the two test projects share no code.
/// </summary>
internal static class Eventually
{
    public static async Task<T> FoundAsync<T>(Func<T?> probe)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(5); await Task.Delay(20))
        {
            if (probe() is { } found)
            {
                return found;
            }
        }

        throw new TimeoutException("the sandbox never recorded it");
    }
}
