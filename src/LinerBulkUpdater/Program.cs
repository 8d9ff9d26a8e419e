using LinerBulkUpdater.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await LinerCli.RunAsync(args, CliHost.FromProcess(), stop.Token);
