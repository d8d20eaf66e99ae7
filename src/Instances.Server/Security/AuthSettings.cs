using Instances.Server.Hosting;
namespace Instances.Server.Security;

/// <summary>How callers are identified (API.md §3), from the <c>Auth</c> configuration section.</summary>
public sealed record AuthSettings
{
    public const string Section = "Auth";

    public AuthMode Mode { get; init; } = AuthMode.NoAuth;

    public JwtSettings Jwt { get; init; } = new();

    /// <summary>Reads and checks the section; a setting that cannot work stops the start with a message naming the key.</summary>
    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var modeText = section["Mode"];
        var mode = AuthMode.NoAuth;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new ConfigurationRefusedException($"Auth:Mode is '{modeText}'; expected NoAuth or Jwt.");
        }

        var jwt = section.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        if (mode == AuthMode.Jwt)
        {
            jwt.Check();
        }

        return new AuthSettings { Mode = mode, Jwt = jwt };
    }
}

public enum AuthMode
{
    /// <summary>Identity from the headers an authenticating proxy sets; for one machine or behind such a proxy.</summary>
    NoAuth,

    /// <summary><c>Authorization: Bearer</c> tokens validated against the configured issuer, audience and key.</summary>
    Jwt,
}

/// <summary>The <c>Auth:Jwt</c> keys.</summary>
public sealed record JwtSettings
{
    /// <summary>Symmetric keys shorter than this are refused: HS256 needs at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    /// <summary>A shared HS256 secret (text, at least 32 bytes). Exactly one of this and <see cref="Authority"/>.</summary>
    public string? SigningKey { get; init; }

    /// <summary>An OpenID Connect authority whose published keys (JWKS) sign the tokens.</summary>
    public string? Authority { get; init; }

    public bool RequireHttpsMetadata { get; init; } = true;

    public string ProjectClaim { get; init; } = "project_id";

    public string UserClaim { get; init; } = "sub";

    public string RolesClaim { get; init; } = "roles";

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    internal void Check()
    {
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
        {
            throw new ConfigurationRefusedException("Auth:Mode=Jwt needs Auth:Jwt:Issuer and Auth:Jwt:Audience.");
        }

        if (string.IsNullOrWhiteSpace(SigningKey) == string.IsNullOrWhiteSpace(Authority))
        {
            throw new ConfigurationRefusedException("Auth:Mode=Jwt needs exactly one of Auth:Jwt:SigningKey (a shared HS256 secret) and Auth:Jwt:Authority (an OpenID Connect issuer with published keys).");
        }

        if (SigningKey is { } key && System.Text.Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
        {
            throw new ConfigurationRefusedException($"Auth:Jwt:SigningKey must be at least {MinimumKeyBytes} bytes long.");
        }
    }
}
