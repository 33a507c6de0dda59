using Xunit.Abstractions;

namespace Commerce.IntegrationTests.BadInput;

/// A theory argument that shows in full in test names and reports (xunit cuts string arguments at 50
/// characters, which would hide which route and which input failed).
public sealed class CaseName : IXunitSerializable
{
    public CaseName() => Value = "";

    public CaseName(string value) => Value = value;

    public string Value { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Value = info.GetValue<string>(nameof(Value));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Value), Value);

    public override string ToString() => Value;
}
