using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LinerBulkUpdater.Leads;

// generate ROWS CSV BODIES  — a CSV of ROWS distinct leads, and the exact body the tool must send for each
// generate-xlsx ROWS XLSX — the same kind of leads as a workbook: numbers as numbers, text as shared strings
// loop BASEURL BODIES CONCURRENCY — POSTs those bodies with a bare HttpClient, as fast as it can
return args switch
{
    ["generate", var rows, var csv, var bodies] => Generate(int.Parse(rows, CultureInfo.InvariantCulture), csv, bodies),
    ["generate-xlsx", var rows, var xlsx] => GenerateWorkbook(int.Parse(rows, CultureInfo.InvariantCulture), xlsx),
    ["loop", var baseUrl, var bodies, var concurrency] => await LoopAsync(baseUrl.TrimEnd('/'), bodies, int.Parse(concurrency, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate ROWS CSV BODIES | generate-xlsx ROWS XLSX | loop BASEURL BODIES CONCURRENCY");
    return 2;
}

static int Generate(int rows, string csvPath, string bodiesPath)
{
    string[] names = ["Иванов Пётр", "Смирнова Анна", "Ёлкин Сергей", "Кузнецова Мария", "Попов Николай"];
    using var csv = new StreamWriter(csvPath, false, new UTF8Encoding(true));
    using var bodies = new StreamWriter(bodiesPath, false, new UTF8Encoding(false));
    csv.Write("lead_id,client_name,client_phone,status,priority,external_id,quiz_log\r\n");
    for (var i = 1; i <= rows; i++)
    {
        var name = names[i % names.Length];
        var phone = (79001000000L + i).ToString(CultureInfo.InvariantCulture);
        var status = 1 + (i % 7);
        var external = $"ERP-{i:D7}";
        var quiz = i % 3 == 0 ? "Перезвонить после 18:00" : "";
        csv.Write(FormattableString.Invariant($"{i},{name},8{phone[1..]},{status},{i % 10},{external},{quiz}\r\n"));
        List<FieldValue> fields =
        [
            FieldValue.Of(LeadFields.ClientName, name),
            FieldValue.Of(LeadFields.ClientPhone, phone),
        ];
        if (quiz.Length > 0)
        {
            fields.Add(FieldValue.Of(LeadFields.QuizLog, quiz));
        }

        fields.Add(FieldValue.Of(LeadFields.ExternalId, external));
        fields.Add(FieldValue.Of(LeadFields.Status, status));
        fields.Add(FieldValue.Of(LeadFields.Priority, i % 10));
        bodies.Write(i.ToString(CultureInfo.InvariantCulture));
        bodies.Write('\t');
        bodies.Write(Encoding.UTF8.GetString(new LeadUpdate(i, fields).ToJson()));
        bodies.Write('\n');
    }

    return 0;
}

static int GenerateWorkbook(int rows, string path)
{
    using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
    var workbook = document.AddWorkbookPart();
    var sheetPart = workbook.AddNewPart<WorksheetPart>();
    string[] names = ["Иванов Пётр", "Смирнова Анна", "Ёлкин Сергей", "Кузнецова Мария", "Попов Николай"];
    using (var writer = OpenXmlWriter.Create(sheetPart))
    {
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, ["lead_id", "client_name", "client_phone", "status", "priority", "external_id", "quiz_log"]);
        for (var i = 1; i <= rows; i++)
        {
            writer.WriteStartElement(new Row());
            Number(writer, i);
            Text(writer, names[i % names.Length]);
            Number(writer, 79001000000L + i);
            Number(writer, 1 + (i % 7));
            Number(writer, i % 10);
            Text(writer, $"ERP-{i:D7}");
            Text(writer, i % 3 == 0 ? "Перезвонить после 18:00" : "");
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Leads" }));
    return 0;

    static void WriteRow(OpenXmlWriter writer, string[] texts)
    {
        writer.WriteStartElement(new Row());
        foreach (var text in texts)
        {
            Text(writer, text);
        }

        writer.WriteEndElement();
    }

    static void Number(OpenXmlWriter writer, long value) =>
        writer.WriteElement(new Cell { CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number });

    static void Text(OpenXmlWriter writer, string value) =>
        writer.WriteElement(new Cell(new InlineString(new Text(value))) { DataType = CellValues.InlineString });
}

static async Task<int> LoopAsync(string baseUrl, string bodiesPath, int concurrency)
{
    var work = File.ReadLines(bodiesPath).Select(line => line.Split('\t', 2)).Select(parts => (Lead: parts[0], Body: Encoding.UTF8.GetBytes(parts[1]))).ToArray();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
    http.DefaultRequestHeaders.Add("X-Api-Key", "bench");
    var json = new MediaTypeHeaderValue("application/json");
    var next = -1;
    var failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < work.Length)
        {
            using var content = new ByteArrayContent(work[index].Body) { Headers = { ContentType = json } };
            using var response = await http.PostAsync($"{baseUrl}/v1/lead/update/{work[index].Lead}/", content);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    clock.Stop();
    Console.WriteLine(FormattableString.Invariant($"loop: {work.Length} requests in {clock.Elapsed.TotalSeconds:0.00} s = {work.Length / clock.Elapsed.TotalSeconds:0} requests/s, {failures} failed"));
    return failures == 0 ? 0 : 1;
}
