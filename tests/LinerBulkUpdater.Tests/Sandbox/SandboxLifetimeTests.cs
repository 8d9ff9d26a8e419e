using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Sandbox;

/// <summary>
/// Start and stop as the CLI sees them. Not run in parallel with anything: it swaps the process's
/// console writers to prove the sandbox never prints into the CLI's output.
/// </summary>
[Collection(nameof(SandboxLifetimeTests))]
[CollectionDefinition(nameof(SandboxLifetimeTests), DisableParallelization = true)]
public sealed class SandboxLifetimeTests
{
    [Fact]
    public async Task Sandbox_writes_nothing_to_the_console()
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            await using (var server = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "k" }))
            {
                using var client = new SandboxTestClient(server, "wrong");
                await client.HealthAsync();
                await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/nowhere"));
            }
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.Equal("", captured.ToString());
    }

    [Fact]
    public async Task Dispose_answers_a_request_still_in_its_latency_with_503_at_once()
    {
        var timers = new TimerWatch(TimeProvider.System);
        var server = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 60_000 }, timers);
        using var client = new SandboxTestClient(server);
        var pending = client.HealthAsync();
        // The request is in its latency once the latency's 60 s wait has begun.
        await timers.ArmedAsync(TimeSpan.FromSeconds(60));
        Assert.False(pending.IsCompleted);

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();

        var answer = await pending;
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal((503, false, "the sandbox is stopping"), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task Server_listens_on_loopback_on_the_port_asked_for()
    {
        var port = FreePort();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions(), port);

        Assert.Equal($"http://127.0.0.1:{port}", server.BaseUrl.OriginalString);
        await Assert.ThrowsAnyAsync<IOException>(() => SandboxServer.StartAsync(new SandboxOptions(), port));
    }

    [Fact]
    public async Task WaitForShutdownAsync_returns_and_stops_the_server_once_cancelled()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await server.WaitForShutdownAsync(ctrlC.Token);

        using var tcp = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, server.BaseUrl.Port));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
