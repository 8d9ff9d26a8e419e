namespace LinerBulkUpdater.Input;

/// <summary>Picks the separator of a CSV file from its header row.</summary>
internal static class DelimiterDetector
{
    /// <summary>The separators we recognise, in the order that breaks ties.</summary>
    public const string Candidates = ",;\t|";

    /// <summary>
    /// Counts each candidate outside quotes in the first non-blank record and returns the most frequent;
    /// ',' when there is none (a single-column file). Reads no further than that record.
    /// </summary>
    public static char Detect(TextReader reader)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        Span<int> blankLineCounts = stackalloc int[Candidates.Length];
        var buffer = new char[16 * 1024];
        var inQuotes = false;
        var quoteInQuotes = false;
        var atFieldStart = true;
        var hasContent = false;

        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (inQuotes)
                {
                    if (quoteInQuotes)
                    {
                        quoteInQuotes = false;
                        if (c == '"')
                        {
                            hasContent = true;
                            continue;
                        }

                        inQuotes = false;
                    }
                    else
                    {
                        if (c == '"')
                        {
                            quoteInQuotes = true;
                        }
                        else
                        {
                            hasContent |= !char.IsWhiteSpace(c);
                        }

                        continue;
                    }
                }

                // The separator is not known yet, so a quote counts as opening a field after any candidate.
                var candidate = Candidates.IndexOf(c);
                if (candidate >= 0)
                {
                    counts[candidate]++;
                    atFieldStart = true;
                }
                else if (c == '"' && atFieldStart)
                {
                    inQuotes = true;
                    atFieldStart = false;
                }
                else if (c is '\r' or '\n')
                {
                    if (hasContent)
                    {
                        return MostFrequent(counts);
                    }

                    // A blank line (or one of only separators) before the header says nothing about it,
                    // but in a file of nothing else it decides which lines count as blank.
                    AddTo(blankLineCounts, counts);
                    counts.Clear();
                    atFieldStart = true;
                }
                else
                {
                    atFieldStart = false;
                    hasContent |= !char.IsWhiteSpace(c);
                }
            }
        }

        if (hasContent)
        {
            return MostFrequent(counts);
        }

        AddTo(blankLineCounts, counts);
        return MostFrequent(blankLineCounts);
    }

    private static void AddTo(Span<int> total, ReadOnlySpan<int> counts)
    {
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += counts[i];
        }
    }

    private static char MostFrequent(ReadOnlySpan<int> counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Candidates[best];
    }
}
