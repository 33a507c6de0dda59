// Intentionally no types: see IdentityModel.csproj for why this assembly exists.
