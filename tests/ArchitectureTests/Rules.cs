using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Commerce.ArchitectureTests;

/// Each rule returns what breaks it (empty when it holds), so the same rule runs over the real
/// modules and over the fixtures that prove it can fail.
public static class Rules
{
    static readonly string[] FrameworkNamespaces =
        ["Marten", "Wolverine", "MassTransit", "FluentValidation", "JasperFx", "Npgsql", "Microsoft.AspNetCore", "Microsoft.Extensions"];

    /// A module may use another module only through its Contracts: no assembly reference to another
    /// module's internals and no type of theirs in its own types.
    public static IReadOnlyList<string> ReachesIntoOtherModules(Assembly module, IEnumerable<string> otherModules)
    {
        var others = otherModules.ToArray();
        var badReferences = module.GetReferencedAssemblies()
            .Where(r => others.Any(o => r.Name == $"Commerce.{o}"))
            .Select(r => $"{module.GetName().Name} references {r.Name}");
        var internalTypes = others
            .SelectMany(o => Assembly.Load($"Commerce.{o}").GetExportedTypes())
            .Select(t => t.FullName!)
            .ToArray();
        var result = internalTypes.Length == 0
            ? null
            : Types.InAssembly(module).ShouldNot().HaveDependencyOnAny(internalTypes).GetResult();
        return badReferences.Concat(result?.FailingTypeNames ?? []).ToList();
    }

    /// Contracts are plain records: no framework package, no reference to any module's internals.
    public static IReadOnlyList<string> ContractsUseFrameworks(Assembly contracts)
    {
        var result = Types.InAssembly(contracts).ShouldNot().HaveDependencyOnAny(FrameworkNamespaces).GetResult();
        var badReferences = contracts.GetReferencedAssemblies()
            .Where(r => FrameworkNamespaces.Any(f => r.Name!.StartsWith(f, StringComparison.Ordinal)))
            .Select(r => $"{contracts.GetName().Name} references {r.Name}");
        return badReferences.Concat(result.FailingTypeNames ?? []).ToList();
    }

    /// Events and messages are immutable: no public setters (init is fine).
    public static IReadOnlyList<string> RecordsWithSetters(IEnumerable<Type> types) =>
        types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } set && !IsInitOnly(set))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();

    /// Time comes from a TimeProvider at the edge, never from the clock directly.
    public static IReadOnlyList<string> ClockReads(Assembly assembly)
    {
        string[] banned = ["System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
                           "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow"];
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes()
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (t, m)))
            .SelectMany(x => x.m.Body.Instructions
                .Where(i => i.OpCode == OpCodes.Call && i.Operand is MethodReference called
                    && banned.Contains($"{called.DeclaringType.FullName}::{called.Name}"))
                .Select(_ => $"{x.t.FullName}.{x.m.Name}"))
            .Distinct()
            .ToList();
    }

    /// Every command is written one way (ADR 0008): Wolverine's aggregate workflow fetches the stream
    /// and CommandScope appends. Nothing in a module fetches a stream for writing, starts one or appends
    /// by hand, but the types named as the ADR's exceptions.
    public static IReadOnlyList<string> WritesOffTheIdiom(Assembly assembly, params string[] exceptions)
    {
        string[] writes = ["FetchForWriting", "FetchForExclusiveWriting", "StartStream", "Append", "AppendOne", "AppendMany"];
        static TypeDefinition Outermost(TypeDefinition t) => t.DeclaringType is null ? t : Outermost(t.DeclaringType);
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes()
            .Where(t => !exceptions.Contains(Outermost(t).FullName))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (t, m)))
            .Where(x => x.m.Body.Instructions.Any(i => (i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt)
                && i.Operand is MethodReference called && writes.Contains(called.Name)
                && (called.DeclaringType.Namespace.StartsWith("Marten", StringComparison.Ordinal)
                    || called.DeclaringType.Namespace.StartsWith("JasperFx", StringComparison.Ordinal))))
            .Select(x => $"{Outermost(x.t).FullName}.{SourceName(x.t, x.m)}")
            .Distinct()
            .ToList();
    }

    // An async method's body is its state machine's MoveNext (<Handle>d__0), a lambda's <Handle>b__0_0.
    static string SourceName(TypeDefinition type, MethodDefinition method) =>
        new[] { method.Name, type.Name }.FirstOrDefault(n => n.StartsWith('<') && n.IndexOf('>') > 1) is { } generated
            ? generated[1..generated.IndexOf('>')]
            : method.Name;

    /// The Host composes and nothing else: no HTTP endpoint (a method with a Wolverine route attribute),
    /// no message handler (a MassTransit consumer, a Wolverine Handle method) and no command; those
    /// belong to a module, or to Operations for the routes that serve operators across modules.
    public static IReadOnlyList<string> FeaturesIn(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute))).SelectMany(FeaturesOf)];

    static IEnumerable<string> FeaturesOf(Type type)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(declared))
        {
            if (method.GetCustomAttributes().Any(a => DerivesFrom(a.GetType(), "WolverineHttpMethodAttribute")))
                yield return $"{type.FullName}.{method.Name} (an HTTP endpoint)";
            else if (method.Name is "Handle" or "HandleAsync")
                yield return $"{type.FullName}.{method.Name} (a message handler)";
        }
        if (type.GetInterfaces().Any(i => i.FullName == "MassTransit.IConsumer")) yield return $"{type.FullName} (a consumer)";
        if (type.GetInterfaces().Any(i => i.FullName == "Commerce.BuildingBlocks.Commands.ICommand")) yield return $"{type.FullName} (a command)";
    }

    /// Every HTTP endpoint says who may call it: [AllowAnonymous], or [Authorize] naming one of the
    /// policies the Host defines (Policies.All). A route without one would be open to anyone.
    public static IReadOnlyList<string> EndpointsWithoutAccess(Assembly assembly, IReadOnlyCollection<string> policies) =>
    [
        .. from type in assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
           let attributes = method.GetCustomAttributes().ToList()
           where attributes.Any(a => DerivesFrom(a.GetType(), "WolverineHttpMethodAttribute"))
           where !attributes.Any(a => a.GetType().Name == "AllowAnonymousAttribute")
           let named = attributes.Where(a => a.GetType().Name == "AuthorizeAttribute").Select(a => (string?)a.GetType().GetProperty("Policy")!.GetValue(a)).ToList()
           where named.Count != 1 || !policies.Contains(named[0]!)
           select $"{type.FullName}.{method.Name}",
    ];

    static bool DerivesFrom(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType) if (type.Name == name) return true;
        return false;
    }

    static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
}
