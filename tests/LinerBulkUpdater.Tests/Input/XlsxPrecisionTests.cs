using System.Globalization;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using static LinerBulkUpdater.Tests.Input.XlsxRowSourceTests;

namespace LinerBulkUpdater.Tests.Input;

public sealed class XlsxPrecisionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("79001112233")]
    [InlineData("0.1")]
    [InlineData("0.10000000000000001")]
    [InlineData("2.0")]
    [InlineData("-0")]
    [InlineData("1E+20")]
    [InlineData("-1.5E-3")]
    [InlineData("999999999999999")]
    [InlineData("1.23456789012346E+18")]
    [InlineData("1.2345678901234601E+18")]
    [InlineData("123456789012345000000")]
    [InlineData("  42  ")]
    [InlineData(".5")]
    public void Numbers_excel_holds_as_stored_are_exact(string stored)
    {
        Assert.True(XlsxPrecision.IsExact(stored, double.Parse(stored, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("1234567890123456789")]
    [InlineData("1.2345678901234568E+18")]
    [InlineData("12345678901234567")]
    [InlineData("1.2345678901234568E+16")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("9999999999999999")]
    [InlineData("12345678901234601")]
    [InlineData("1234567890123460001")]
    [InlineData("-12345678901234567")]
    [InlineData("0.30000000000000004")]
    [InlineData("0.12345678901234567")]
    public void Numbers_with_digits_past_the_fifteenth_that_excel_would_round_are_not_exact(string stored)
    {
        Assert.False(XlsxPrecision.IsExact(stored, double.Parse(stored, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Number_cells_excel_would_show_rounded_come_as_stored_and_imprecise_whatever_their_spelling()
    {
        var path = new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "value")) +
            Row(2, Number("A2", "1234567890123456789")) +
            Row(3, Number("A3", "1.2345678901234568E+18")) +
            Row(4, Number("A4", "12345678901234567")) +
            Row(5, Number("A5", "79001112233")) +
            Row(6, Number("A6", "0.1"))).Save(Path.Combine(_folder.Path, "leads.xlsx"));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(
            [
                ("1234567890123456789", CellKind.Imprecise), ("1.2345678901234568E+18", CellKind.Imprecise), ("12345678901234567", CellKind.Imprecise),
                ("79001112233", CellKind.Number), ("0.1", CellKind.Number),
            ],
            source.ReadRows().Select(row => (Assert.Single(row.Cells), row.KindOf(0))));
    }
}
