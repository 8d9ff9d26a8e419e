using System.Text;
using CsvHelper;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// The pre-scan is only a guard if it sees the file exactly as CsvHelper will read it, so it is checked
/// against CsvHelper itself on inputs made of the characters that matter.
/// </summary>
public sealed class CsvPreScannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Pre_scan_agrees_with_csvhelper_on_random_quote_heavy_input(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 2_000; n++)
        {
            var text = RandomCsv(random);
            var expected = ReadWithCsvHelper(text);

            var scanner = new CsvPreScanner(';');
            // Odd-sized chunks, so that CR LF pairs and doubled quotes straddle chunk boundaries.
            for (var i = 0; i < text.Length; i += 3)
            {
                scanner.Feed(text.AsSpan(i, Math.Min(3, text.Length - i)));
            }

            var actual = scanner.Complete();
            Assert.True(SameVerdict(expected, actual), $"input {Escape(text)}: CsvHelper {expected}, pre-scan {actual}");
        }
    }

    [Theory]
    [InlineData("a;b\n\"x\ny\";1\n2;\"open", 4)]
    [InlineData("a\r\n\"\"\"\r\n", 2)]
    [InlineData("a\r\"\r\r\r", 2)]
    public void Unclosed_quote_is_reported_on_the_line_where_it_opened(string text, long line)
    {
        var scanner = new CsvPreScanner(';');
        scanner.Feed(text);

        Assert.Equal(line, scanner.Complete().UnclosedQuoteLine);
    }

    private static string RandomCsv(Random random)
    {
        const string alphabet = "ab ;;\"\"\"\r\n\n";
        var length = random.Next(0, 24);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>What the pre-scan should find, worked out from the records CsvHelper returns.</summary>
    private static CsvStructure ReadWithCsvHelper(string text)
    {
        // CsvHelper reports only the first quoting problem of a record, so "never closed" is told apart by
        // what it does: text after a line break lands in a record of its own unless a quote is still open.
        var sentinel = Records(text + "\nZ");
        if (sentinel[^1] is not ["Z"])
        {
            // CsvHelper knows the line of the record, not of the quote: only whether there is one is compared.
            return new CsvStructure(0, 0, UnclosedQuoteLine: -1);
        }

        long headerRecord = 0;
        var dataRows = 0;
        var records = Records(text);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (headerRecord == 0)
            {
                headerRecord = i + 1;
            }
            else
            {
                dataRows++;
            }
        }

        return new CsvStructure(headerRecord, dataRows, 0);
    }

    private static List<string[]> Records(string text)
    {
        var options = CsvReaderOptions.Default with { Separator = ';', HasHeader = false, SkipEmptyLines = false, TrimWhitespace = false };
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), options);
        var records = new List<string[]>();
        while (reader.Read())
        {
            Assert.Equal(records.Count + 1, reader.RowNumber);
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    private static bool SameVerdict(CsvStructure expected, CsvStructure actual) =>
        expected.UnclosedQuoteLine == -1 ? actual.UnclosedQuoteLine > 0 : expected == actual;

    private static string Escape(string text) => "\"" + text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
