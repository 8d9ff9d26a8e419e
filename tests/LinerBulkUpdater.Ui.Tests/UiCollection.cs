namespace LinerBulkUpdater.Ui.Tests;

/// <summary>Every browser test shares one page server and one browser, one test at a time: a browser is heavy on 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiHost>
{
    public const string Name = "liner-bulk ui";
}
