using System.Globalization;
using System.Text;
using LinerBulkUpdater.Cli;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// A PHP backend whose source files were saved "UTF-8 with BOM" puts the mark (one per such file it
/// includes) in front of every answer: the envelope behind it is still Liner's answer.
/// </summary>
public sealed class ByteOrderMarkAnswerTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>"BOM BOM LF": the bytes in front of the envelope, spelled out so a test's name says what it sends.</summary>
    private static byte[] Prefix(string spelled) => [.. spelled.Split(' ').SelectMany(part => part switch
    {
        "BOM" => Bom,
        "LF" => "\n"u8.ToArray(),
        "CRLF" => "\r\n"u8.ToArray(),
        _ => throw new ArgumentException(part, nameof(spelled)),
    })];

    private async Task<Dictionary<long, Dictionary<string, string>>> RunAsync(byte[] prefix, Func<long, string> envelope, int expectedExit)
    {
        await using var liner = await StubLiner.StartAsync((lead, _) => new StubAnswer(200, [.. prefix, .. Encoding.UTF8.GetBytes(envelope(lead))]));
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(liner.BaseUrl), "run", _folder.WriteLeads(4), "--report", report, "--rps", "0");

        Assert.Equal(expectedExit, result.ExitCode);
        return CliRun.ReadReport(report).ToDictionary(row => long.Parse(row["lead_id"], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("BOM")]
    [InlineData("BOM BOM BOM")]
    [InlineData("BOM LF BOM CRLF")]
    public async Task An_envelope_behind_byte_order_marks_that_says_success_is_updated(string prefix)
    {
        var rows = await RunAsync(Prefix(prefix), _ => """{"success":true,"message":"","data":{"id":1}}""", ExitCodes.Success);

        Assert.All(rows.Values, row => Assert.Equal(("updated", "200", "1", ""), (row["outcome"], row["http_status"], row["attempts"], row["error"])));
    }

    [Theory]
    [InlineData("BOM")]
    [InlineData("BOM BOM BOM")]
    [InlineData("BOM LF BOM CRLF")]
    public async Task An_envelope_behind_byte_order_marks_that_refuses_is_failed_with_its_message(string prefix)
    {
        var rows = await RunAsync(Prefix(prefix), lead => lead == 3 ? """{"success":false,"message":"lead is archived","data":null}""" : """{"success":true,"message":""}""", ExitCodes.SomeRowsFailed);

        Assert.Equal(("failed", "200", "1", "lead is archived"), (rows[3]["outcome"], rows[3]["http_status"], rows[3]["attempts"], rows[3]["error"]));
        Assert.Equal(3, rows.Values.Count(row => row["outcome"] == "updated"));
    }

    [Fact]
    public async Task A_byte_order_mark_before_something_that_is_no_envelope_is_still_no_envelope()
    {
        var rows = await RunAsync(Bom, _ => "OK", ExitCodes.SomeRowsFailed);

        Assert.All(rows.Values, row => Assert.Equal(
            ("failed", "the API's answer is not a Liner envelope; the update may or may not have been applied"),
            (row["outcome"], row["error"])));
    }
}
