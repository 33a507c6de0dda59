namespace Commerce.IntegrationTests.BadInput;

/// The whole bad-input corpus, by case name.
public static class Corpus
{
    public static readonly IReadOnlyDictionary<string, BadCase> ByName =
        JsonRoute.All.SelectMany(BodyCases.For)
            .Concat(StateCases.All())
            .Concat(QueryCases.All())
            .Concat(AccessCases.All())
            .Concat(RouteTable.WrongMethods())
            .Concat(RouteTable.UnknownRoutes())
            .ToDictionary(c => c.Name);
}
