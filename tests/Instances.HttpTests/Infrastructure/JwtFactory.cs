using Instances.Server.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Instances.HttpTests.Infrastructure;

/// <summary>The host in JWT mode (HS256 key), with helpers that mint good and bad tokens for it.</summary>
public sealed class JwtFactory : ApiFactory
{
    public static readonly JwtSettings Jwt = new()
    {
        Issuer = "https://issuer.test",
        Audience = "instances-test",
        SigningKey = "jwt-test-signing-key-0123456789abcdef",
    };

    protected override IReadOnlyDictionary<string, string> Settings => JwtSettings;

    /// <summary>The settings of JWT mode with <see cref="Jwt"/>, for other hosts to reuse.</summary>
    public static Dictionary<string, string> JwtSettings => new()
    {
        ["Auth:Mode"] = "Jwt",
        ["Auth:Jwt:Issuer"] = Jwt.Issuer!,
        ["Auth:Jwt:Audience"] = Jwt.Audience!,
        ["Auth:Jwt:SigningKey"] = Jwt.SigningKey!,
    };

    public static string Token(string project, params string[] roles) =>
        MintTokenCommand.Mint(Jwt, project, $"user-of-{project}", roles, TimeSpan.FromMinutes(5));

    /// <summary>Tokens that must be refused, by what is wrong with them.</summary>
    public static string BadToken(string kind) => kind switch
    {
        "expired" => Custom(Jwt, claims => claims, notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1)),
        "wrong-issuer" => MintTokenCommand.Mint(Jwt with { Issuer = "https://other.test" }, "alpha", "u", ["admin"], TimeSpan.FromMinutes(5)),
        "wrong-audience" => MintTokenCommand.Mint(Jwt with { Audience = "someone-else" }, "alpha", "u", ["admin"], TimeSpan.FromMinutes(5)),
        "bad-signature" => MintTokenCommand.Mint(Jwt with { SigningKey = "another-signing-key-0123456789abcdef" }, "alpha", "u", ["admin"], TimeSpan.FromMinutes(5)),
        "no-project" => Custom(Jwt, claims => { claims.Remove(Jwt.ProjectClaim); return claims; }),
        "garbage" => "not.a.token",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Custom(JwtSettings jwt, Func<Dictionary<string, object>, Dictionary<string, object>> claims, DateTime? notBefore = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            NotBefore = notBefore ?? DateTime.UtcNow,
            IssuedAt = notBefore ?? DateTime.UtcNow,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            Claims = claims(new Dictionary<string, object> { [jwt.ProjectClaim] = "alpha", [jwt.UserClaim] = "u", [jwt.RolesClaim] = new[] { "admin" } }),
            SigningCredentials = new SigningCredentials(AuthenticationExtensions.SigningKey(jwt.SigningKey!), SecurityAlgorithms.HmacSha256),
        });
}

[CollectionDefinition(Name)]
public sealed class JwtCollection : ICollectionFixture<JwtFactory>
{
    public const string Name = "jwt";
}
