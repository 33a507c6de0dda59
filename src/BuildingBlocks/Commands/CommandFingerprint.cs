using System.Security.Cryptography;
using System.Text.Json;

namespace Commerce.BuildingBlocks.Commands;

/// Tells a repeated command (same id, same body) from a reused id with another body.
public static class CommandFingerprint
{
    public static string Of(ICommand command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType());
        return $"{command.GetType().Name}:{Convert.ToHexString(SHA256.HashData(json))}";
    }
}
