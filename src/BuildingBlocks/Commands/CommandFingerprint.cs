using System.Security.Cryptography;
using System.Text.Json;

namespace Commerce.BuildingBlocks.Commands;

/// Tells a repeated command (same id, same body) from a reused id with another body.
public static class CommandFingerprint
{
    public static string Of(ICommand command, string? user = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType());
        var hash = Convert.ToHexString(SHA256.HashData([.. json, 0, .. System.Text.Encoding.UTF8.GetBytes(user ?? "")]));
        return $"{command.GetType().Name}:{hash}";
    }
}
