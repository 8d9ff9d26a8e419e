using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("LinerBulkUpdater.Tests.LongRunningFirst", "LinerBulkUpdater.Tests")]

namespace LinerBulkUpdater.Tests;

/// <summary>
/// A test class whose cases run for seconds one after another (a stepped clock simulating tens of seconds, say): its
/// collection starts before the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Starts the <see cref="LongRunningAttribute"/> classes first, then the rest in xunit's own order. xunit's order is
/// shuffled on each run, and a ten-second chain drawn last ran on alone after everything else had finished: started
/// first, it runs beside the many short classes instead.
/// </summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    // What xunit names the collection of a class that names none.
    private const string ClassCollection = "Test collection for ";

    private readonly DefaultTestCollectionOrderer _shuffled = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var ordered = _shuffled.OrderTestCollections(testCollections).ToList();
        return [.. ordered.Where(IsLongRunning), .. ordered.Where(collection => !IsLongRunning(collection))];
    }

    private static bool IsLongRunning(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
        && typeof(LongRunningFirst).Assembly.GetType(collection.DisplayName[ClassCollection.Length..]) is { } type
        && type.IsDefined(typeof(LongRunningAttribute));
}
