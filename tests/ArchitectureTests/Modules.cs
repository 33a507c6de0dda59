using System.Reflection;

namespace Commerce.ArchitectureTests;

/// The module list every rule runs over: add a module here and every rule covers it.
public static class Modules
{
    public static readonly string[] Names = ["Orders", "Inventory", "Payments"];

    public static Assembly Internals(string module) => Assembly.Load($"Commerce.{module}");

    public static Assembly Contracts(string module) => Assembly.Load($"Commerce.{module}.Contracts");

    public static TheoryData<string> All() => new(Names);
}
