using System.Security.Cryptography;

namespace Commerce.BuildingBlocks.Privacy;

/// AES-GCM as every personal value and every customer key is sealed: a fresh 96-bit nonce per value,
/// a 128-bit tag, and associated data that names the key, so a value opens only under the key it
/// names.
public static class Sealing
{
    public const int KeySize = 32;
    const int NonceSize = 12;
    const int TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associated);
        return output;
    }

    /// The plaintext, or null when the value was not sealed under this key and associated data (or
    /// was altered).
    public static byte[]? Open(byte[] key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associated)
    {
        if (sealedValue.Length < NonceSize + TagSize) return null;
        var plaintext = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedValue[..NonceSize], sealedValue.Slice(NonceSize, plaintext.Length), sealedValue[(NonceSize + plaintext.Length)..],
                plaintext, associated);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
