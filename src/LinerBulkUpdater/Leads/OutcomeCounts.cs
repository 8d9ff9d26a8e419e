namespace LinerBulkUpdater.Leads;

/// <summary>How many rows ended in each outcome. Written by the report writer alone; progress may read it meanwhile.</summary>
internal sealed class OutcomeCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<Outcome>().Length];

    public int this[Outcome outcome] => Volatile.Read(ref _counts[(int)outcome]);

    public int Total => Enum.GetValues<Outcome>().Sum(outcome => this[outcome]);

    public void Add(Outcome outcome) => Volatile.Write(ref _counts[(int)outcome], _counts[(int)outcome] + 1);

    /// <summary>e.g. <c>40 updated, 2 failed, 3 invalid</c>: the outcomes that happened, in the report's order.</summary>
    public override string ToString()
    {
        var parts = Enum.GetValues<Outcome>().Where(outcome => this[outcome] > 0).Select(outcome => $"{this[outcome]} {outcome.ToReportName()}");
        var text = string.Join(", ", parts);
        return text.Length > 0 ? text : "no rows";
    }
}
