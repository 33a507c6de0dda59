using System.Security.Cryptography;
using System.Text.Json;

namespace Commerce.BuildingBlocks.Commands;

/// Tells a repeated command (same id, same body) from a reused id with another body. Keyed (HMAC, with
/// a key derived from the master key): a body holds personal data, and a plain hash kept with the
/// command's id would let anyone who reads it test guesses of an erased customer's email.
public static class CommandFingerprint
{
    public const string Purpose = "command-fingerprint";

    public static string Of(ICommand command, string? user, byte[] key)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType());
        var hash = Convert.ToHexString(HMACSHA256.HashData(key, (byte[])[.. json, 0, .. System.Text.Encoding.UTF8.GetBytes(user ?? "")]));
        return $"{command.GetType().Name}:{hash}";
    }
}
