using System.Security.Cryptography;
using System.Text;
using Commerce.BuildingBlocks.Errors;

namespace Commerce.Operations.Admin;

/// Admin routes take the key from configuration (Admin:ApiKey) in the X-Admin-Key header.
public sealed class AdminKey(IConfiguration configuration)
{
    public const string Header = "X-Admin-Key";

    public void Require(HttpContext http)
    {
        var sent = http.Request.Headers[Header].ToString();
        if (sent.Length == 0) throw new AdminKeyException(keyMissing: true);
        var expected = configuration["Admin:ApiKey"];
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
            throw new AdminKeyException(keyMissing: false);
    }
}
