using System.Reflection;
using Commerce.ArchitectureTests.Fixtures;

namespace Commerce.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void module_uses_other_modules_only_through_their_contracts(string module)
    {
        var others = Modules.Names.Where(n => n != module);
        Assert.Empty(Rules.ReachesIntoOtherModules(Modules.Internals(module), others));
    }

    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void contracts_reference_no_framework_package(string module) =>
        Assert.Empty(Rules.ContractsUseFrameworks(Modules.Contracts(module)));

    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void contracts_messages_are_immutable(string module) =>
        Assert.Empty(Rules.RecordsWithSetters(Modules.Contracts(module).GetExportedTypes()));

    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void module_events_are_immutable(string module) =>
        Assert.Empty(Rules.RecordsWithSetters(Modules.Internals(module).GetExportedTypes().Where(IsEvent)));

    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void module_never_reads_the_clock(string module)
    {
        Assert.Empty(Rules.ClockReads(Modules.Internals(module)));
        Assert.Empty(Rules.ClockReads(Modules.Contracts(module)));
    }

    // Inventory's checkout commands write a set of product streams that depends on the order (ADR 0008).
    [Theory]
    [MemberData(nameof(Modules.All), MemberType = typeof(Modules))]
    public void module_writes_streams_only_through_the_aggregate_workflow(string module) =>
        Assert.Empty(Rules.WritesOffTheIdiom(Modules.Internals(module), "Commerce.Inventory.CheckoutStreams"));

    [Fact]
    public void building_blocks_and_host_never_read_the_clock()
    {
        Assert.Empty(Rules.ClockReads(Assembly.Load("Commerce.BuildingBlocks")));
        Assert.Empty(Rules.ClockReads(Assembly.Load("Commerce.Host")));
    }

    [Theory]
    [InlineData("Commerce.Orders"), InlineData("Commerce.Inventory"), InlineData("Commerce.Payments"), InlineData("Commerce.Operations")]
    public void every_endpoint_names_who_may_call_it(string assembly) =>
        Assert.Empty(Rules.EndpointsWithoutAccess(Assembly.Load(assembly), Commerce.BuildingBlocks.Http.Policies.All));

    [Fact]
    public void the_host_only_composes() => Assert.Empty(Rules.FeaturesIn(Assembly.Load("Commerce.Host")));

    // Events are the records an aggregate applies: named in the past tense, positional records.
    static bool IsEvent(Type t) => t.IsSealed && t.GetMethod("<Clone>$") is not null && !t.Name.EndsWith("Command", StringComparison.Ordinal)
        && t.GetMethods().All(m => m.Name != "Apply");
}

/// Each rule, run over a fixture assembly that breaks it, must report the break.
public sealed class RulesCanFail
{
    static readonly Assembly Rogue = typeof(ReadsAnotherModulesInternals).Assembly;

    [Fact]
    public void reaching_into_another_modules_internals_is_caught()
    {
        var violations = Rules.ReachesIntoOtherModules(Rogue, ["Inventory"]);
        Assert.Contains(violations, v => v.Contains("references Commerce.Inventory", StringComparison.Ordinal));
        Assert.Contains(typeof(ReadsAnotherModulesInternals).FullName, violations);
    }

    [Fact]
    public void a_framework_type_in_contracts_is_caught() =>
        Assert.Contains(typeof(ContractWithFrameworkType).FullName, Rules.ContractsUseFrameworks(Rogue));

    [Fact]
    public void a_setter_on_an_event_is_caught() =>
        Assert.Contains($"{typeof(MutableEvent).FullName}.OrderId", Rules.RecordsWithSetters([typeof(MutableEvent)]));

    [Fact]
    public void a_feature_in_the_host_is_caught()
    {
        var violations = Rules.FeaturesIn(Rogue);
        Assert.Contains($"{typeof(EndpointInTheHost).FullName}.Get (an HTTP endpoint)", violations);
        Assert.Contains($"{typeof(HandlerInTheHost).FullName}.Handle (a message handler)", violations);
        Assert.Contains($"{typeof(ConsumerInTheHost).FullName} (a consumer)", violations);
    }

    [Fact]
    public void an_endpoint_without_a_policy_is_caught()
    {
        var violations = Rules.EndpointsWithoutAccess(Rogue, Commerce.BuildingBlocks.Http.Policies.All);
        Assert.Contains($"{typeof(EndpointInTheHost).FullName}.Get", violations);
        Assert.Contains($"{typeof(EndpointWithAnUnknownPolicy).FullName}.Get", violations);
        Assert.DoesNotContain($"{typeof(EndpointForAdmins).FullName}.Get", violations);
    }

    [Fact]
    public void a_stream_written_by_hand_is_caught() =>
        Assert.Contains($"{typeof(WritesAStreamByHand).FullName}.Handle", Rules.WritesOffTheIdiom(Rogue));

    [Fact]
    public void reading_the_clock_is_caught()
    {
        var violations = Rules.ClockReads(Rogue);
        Assert.Contains($"{typeof(ReadsTheClock).FullName}.Now", violations);
        Assert.Contains($"{typeof(ReadsTheClock).FullName}.Today", violations);
    }
}
