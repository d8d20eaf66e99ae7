using System.Text;
using Instances.Server.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Instances.Server.Security;

/// <summary>
/// Who is calling (API.md §3). NoAuth: the proxy's headers. Jwt: a bearer token checked by
/// JwtBearer; every endpoint but version discovery and health needs one (fallback policy), and
/// the identity headers are ignored. Either way <see cref="CallerResolution"/> turns the result
/// into the one <see cref="Abstractions.Caller"/> the endpoints read.
/// </summary>
public static class AuthenticationExtensions
{
    public static WebApplicationBuilder AddInstancesAuthentication(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.Mode == AuthMode.Jwt)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options => Configure(options, settings.Jwt));
            builder.Services.AddAuthorization(options =>
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        return builder;
    }

    public static WebApplication UseInstancesAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AuthSettings>().Mode == AuthMode.Jwt)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.UseMiddleware<CallerResolution>();
        return app;
    }

    /// <summary>The parameters a token must meet; shared with the <c>mint-token</c> command so they cannot drift.</summary>
    public static TokenValidationParameters ValidationParameters(JwtSettings jwt) => new()
    {
        ValidIssuer = jwt.Issuer,
        ValidAudience = jwt.Audience,
        IssuerSigningKey = jwt.SigningKey is { } key ? SigningKey(key) : null,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = jwt.ClockSkew,
        NameClaimType = jwt.UserClaim,
        RoleClaimType = jwt.RolesClaim,
    };

    public static SymmetricSecurityKey SigningKey(string secret) => new(Encoding.UTF8.GetBytes(secret));

    private static void Configure(JwtBearerOptions options, JwtSettings jwt)
    {
        // Claim names as they are in the token: "sub", "roles", "project_id".
        options.MapInboundClaims = false;
        options.Authority = jwt.Authority;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        options.TokenValidationParameters = ValidationParameters(jwt);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(jwt.ProjectClaim)?.Value))
                {
                    context.Fail($"The token has no '{jwt.ProjectClaim}' claim.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = BearerChallenge.WriteAsync,
        };
    }
}
