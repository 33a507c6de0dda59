using System.Security.Cryptography;
using System.Text;

namespace Commerce.BuildingBlocks.Privacy;

/// The key that wraps every customer's key (configuration section PersonalData: MasterKey, base64 of
/// 32 bytes, and its MasterKeyId). It never reaches the database; the database holds customer keys
/// only wrapped by it, each with the id of the master key that wrapped it.
public sealed class MasterKey
{
    public const string Section = "PersonalData";

    public string? Key { get; set; }

    public string KeyId { get; set; } = "master-1";

    public static bool IsValid(MasterKey options) => options.Bytes() is { Length: Sealing.KeySize } && !string.IsNullOrWhiteSpace(options.KeyId);

    public const string Invalid = "PersonalData:Key must be 32 random bytes in base64 (`openssl rand -base64 32`), with PersonalData:KeyId naming it: "
        + "customers' keys are wrapped by it. `dotnet run --project src/Host` and eng/run.sh set a development one.";

    public string Wrap(string owner, int generation, byte[] customerKey) =>
        Convert.ToBase64String(Sealing.Seal(Bytes()!, customerKey, Associated(owner, generation)));

    public byte[] Unwrap(string owner, int generation, string wrapped, string wrappedBy) =>
        wrappedBy == KeyId && Sealing.Open(Bytes()!, Convert.FromBase64String(wrapped), Associated(owner, generation)) is { } key
            ? key
            : throw new InvalidOperationException($"The key of customer '{owner}' was wrapped by master key '{wrappedBy}', which is not the "
                + $"configured one ('{KeyId}'), or it was altered.");

    /// A key for another use (purpose), derived from the master key so every host derives the same.
    public byte[] Derive(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Bytes()!, Sealing.KeySize, info: Encoding.UTF8.GetBytes(purpose));

    byte[]? Bytes()
    {
        if (string.IsNullOrWhiteSpace(Key)) return null;
        var bytes = new byte[Key.Length];
        return Convert.TryFromBase64String(Key, bytes, out var length) ? bytes[..length] : null;
    }

    static byte[] Associated(string owner, int generation) => Encoding.UTF8.GetBytes($"customer-key:{owner}:{generation}");
}
