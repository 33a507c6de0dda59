using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Commerce.BuildingBlocks.Privacy;

/// How a sealed personal value is written wherever it is kept (an event, a read model, an event
/// header): "pd1:{customer}:{generation}:{base64}". It names the key that opens it and nothing else;
/// a customer id never contains ':' (the identifier rule).
public sealed record SealedText(string Owner, int Generation, byte[] Data)
{
    const string Prefix = "pd1:";

    public string KeyId => $"{Owner}:{Generation}";

    /// What the key is bound to: a value opens only under the key it names.
    public byte[] Associated => Encoding.UTF8.GetBytes(Prefix + KeyId);

    public override string ToString() => $"{Prefix}{KeyId}:{Convert.ToBase64String(Data)}";

    public static bool IsSealed([NotNullWhen(true)] string? text) => text?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static SealedText? Parse(string? text)
    {
        if (!IsSealed(text)) return null;
        var parts = text[Prefix.Length..].Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var generation)) return null;
        var data = new byte[parts[2].Length];
        return Convert.TryFromBase64String(parts[2], data, out var length) ? new SealedText(parts[0], generation, data[..length]) : null;
    }

    public static byte[] AssociatedFor(string owner, int generation) => Encoding.UTF8.GetBytes($"{Prefix}{owner}:{generation}");
}
